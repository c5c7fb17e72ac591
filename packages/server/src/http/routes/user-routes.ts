import { z } from 'zod';
import { hashPassword } from '../../auth/password-hasher.js';
import { UnauthenticatedError } from '../../auth/auth-errors.js';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import { deleteAccount } from '../account-deletion.js';
import { callerId } from '../request-user.js';
import { toUserView, userView } from '../views/user-view.js';
import type { ZodApp } from '../zod-app.js';

const signUpBody = z.strictObject({
  email: z.email().max(254),
  password: z.string().min(10).max(1024),
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
      await deleteAccount(ctx, callerId(request), request.log);
      return reply.status(204).send();
    },
  );
}
