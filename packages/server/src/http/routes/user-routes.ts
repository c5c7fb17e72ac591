import { z } from 'zod';
import { hashPassword } from '../../auth/password-hasher.js';
import { UnauthenticatedError } from '../../auth/auth-errors.js';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import { deleteAccount } from '../account-deletion.js';
import { callerId, callerSessionId } from '../request-user.js';
import { toUserView, userView } from '../views/user-view.js';
import { throttledPasswordCheck } from '../login-guard.js';
import type { ZodApp } from '../zod-app.js';

const newPassword = z.string().min(10).max(1024);
const signUpBody = z.strictObject({
  email: z.email().max(254),
  password: newPassword,
});
const passwordChangeBody = z.strictObject({
  currentPassword: z.string().min(1).max(1024),
  newPassword,
});

export function registerUserRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/users',
    {
      schema: {
        tags: ['users'],
        body: signUpBody,
        response: { 201: z.object({ user: userView }), 409: apiErrorBody },
      },
    },
    async (request, reply) => {
      const passwordHash = await hashPassword(request.body.password, ctx.passwordCost);
      const user = await ctx.store.createUser({ email: request.body.email, passwordHash });
      return reply.status(201).send({ user: toUserView(user) });
    },
  );

  app.get(
    '/v1/users/me',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['users'], response: { 200: z.object({ user: userView }) } },
    },
    async (request) => {
      const user = await ctx.store.getUser(callerId(request));
      // A valid token for a deleted account is as good as no token.
      if (user === null) throw new UnauthenticatedError();
      return { user: toUserView(user) };
    },
  );

  app.delete(
    '/v1/users/me',
    { onRequest: ctx.requireUser, schema: { tags: ['users'], response: { 204: z.undefined() } } },
    async (request, reply) => {
      const userId = callerId(request);
      // Idempotent steps; the sessions end just before the user row (see deleteAccount).
      await deleteAccount(ctx, userId, request.log);
      return reply.status(204).send();
    },
  );

  // Everywhere else the account is signed in ends; this session stays, so the user carries on.
  app.post(
    '/v1/users/me/password',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['users'],
        summary: 'Change the password (current + new); revokes every other session',
        body: passwordChangeBody,
        response: { 204: z.undefined(), 401: apiErrorBody, 429: apiErrorBody },
      },
    },
    async (request, reply) => {
      const userId = callerId(request);
      // A stolen access token must not become a password oracle: same throttle as log-in.
      await throttledPasswordCheck(ctx, request, `user:${userId}`, () =>
        ctx.sessions.changePassword({
          userId,
          keepSessionId: callerSessionId(request),
          currentPassword: request.body.currentPassword,
          newPassword: request.body.newPassword,
        }),
      );
      return reply.status(204).send();
    },
  );
}
