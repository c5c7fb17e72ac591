import { z } from 'zod';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import type { ZodApp } from '../zod-app.js';
import { throttledPasswordCheck } from '../login-guard.js';

// No email format check on login: "invalid email" vs "wrong password" would be an oracle.
const loginBody = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});
const refreshBody = z.strictObject({ refreshToken: z.string().min(1).max(512) });
const sessionTokens = z.object({
  accessToken: z.string(),
  refreshToken: z.string(),
  expiresIn: z.number().int(),
});

export function registerSessionRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/sessions',
    {
      schema: {
        tags: ['sessions'],
        body: loginBody,
        response: { 200: sessionTokens, 401: apiErrorBody, 429: apiErrorBody },
      },
    },
    (request) =>
      throttledPasswordCheck(ctx, request, request.body.email, () =>
        ctx.sessions.login(request.body.email, request.body.password),
      ),
  );

  app.post(
    '/v1/sessions/refresh',
    { schema: { tags: ['sessions'], body: refreshBody, response: { 200: sessionTokens } } },
    (request) => ctx.sessions.refresh(request.body.refreshToken),
  );

  // Needs no access token: logging out must work after the access token expired.
  app.delete(
    '/v1/sessions',
    { schema: { tags: ['sessions'], body: refreshBody, response: { 204: z.undefined() } } },
    async (request, reply) => {
      await ctx.sessions.logout(request.body.refreshToken);
      return reply.status(204).send();
    },
  );
}
