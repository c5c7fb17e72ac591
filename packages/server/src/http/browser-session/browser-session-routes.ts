import fastifyCookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest, HookHandlerDoneFunction } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { SyncWellError } from '@syncwell/core';
import { UnauthenticatedError } from '../../auth/auth-errors.js';
import type { SessionTokens } from '../../auth/session-service.js';
import { apiErrorBody } from '../api-error-body.js';
import type { RouteContext } from '../app-deps.js';
import type { ZodApp } from '../zod-app.js';
import { throttledPasswordCheck } from '../login-guard.js';
import {
  COOKIE_SESSION_PATH,
  CSRF_COOKIE,
  CSRF_HEADER,
  REFRESH_COOKIE,
  cookieOptions,
  csrfMatches,
  csrfTokenFor,
} from './session-cookies.js';

const loginBody = z.strictObject({
  email: z.string().min(1).max(254),
  password: z.string().min(1).max(1024),
});
const accessGrant = z.object({ accessToken: z.string(), expiresIn: z.number().int() });
const csrfHeaders = z.object({ [CSRF_HEADER]: z.string().max(128).optional() });

/**
 * The web app's session: the same sessions as `/v1/sessions`, with the refresh token kept in an
 * httpOnly, SameSite=Strict cookie instead of the response body, so the page's scripts only
 * ever hold the short-lived access token (in memory). JSON-body clients keep `/v1/sessions`.
 *
 * CSRF: every route refuses a request whose Origin is another site, and refresh and log-out
 * need `x-csrf-token` equal to the `sw_csrf` cookie, an HMAC of the refresh token that only
 * this origin's scripts can read. Only JSON bodies are accepted, so no plain HTML form can post.
 */
export async function registerBrowserSessionRoutes(app: ZodApp, ctx: RouteContext): Promise<void> {
  const cookies = cookieOptions(ctx.config.publicUrl);
  const allowedOrigin = new URL(ctx.config.publicUrl).origin;
  const csrfKey = ctx.jwtSecret;

  const setSession = (reply: FastifyReply, tokens: SessionTokens) => {
    void reply
      .setCookie(REFRESH_COOKIE, tokens.refreshToken, cookies.refresh)
      .setCookie(CSRF_COOKIE, csrfTokenFor(tokens.refreshToken, csrfKey), cookies.csrf);
    return { accessToken: tokens.accessToken, expiresIn: tokens.expiresIn };
  };
  const clearSession = (reply: FastifyReply) => {
    void reply
      .clearCookie(REFRESH_COOKIE, { path: cookies.refresh.path ?? COOKIE_SESSION_PATH })
      .clearCookie(CSRF_COOKIE, { path: cookies.csrf.path ?? '/' });
  };
  // onRequest: before any body is parsed, so a refused request costs nothing and learns nothing.
  const sameSiteOnly = (request: FastifyRequest, _reply: FastifyReply, done: HookHandlerDoneFunction) => {
    const origin = request.headers.origin;
    const type = request.headers['content-type'];
    if (origin !== undefined && origin !== allowedOrigin) done(new CsrfRejectedError('origin'));
    else if (type !== undefined && !type.toLowerCase().startsWith('application/json'))
      done(new CsrfRejectedError('content_type'));
    else done();
  };
  /** The refresh token from the cookie, after the double-submit check. */
  const presentedRefreshToken = (request: FastifyRequest): string => {
    const token = request.cookies[REFRESH_COOKIE];
    if (token === undefined || token === '') throw new UnauthenticatedError('No session cookie.');
    if (!csrfMatches(token, request.headers[CSRF_HEADER] as string | undefined, csrfKey)) {
      throw new CsrfRejectedError('token');
    }
    return token;
  };

  await app.register(async (plain) => {
    const scope = plain.withTypeProvider<ZodTypeProvider>();
    await scope.register(fastifyCookie);
    scope.addHook('onRequest', sameSiteOnly);

    scope.post(
      COOKIE_SESSION_PATH,
      {
        schema: {
          tags: ['sessions'],
          summary: 'Log in (browser): access token in the body, refresh token in an httpOnly cookie',
          body: loginBody,
          response: { 200: accessGrant, 401: apiErrorBody, 403: apiErrorBody, 429: apiErrorBody },
        },
      },
      async (request, reply) =>
        setSession(
          reply,
          await throttledPasswordCheck(ctx, request, request.body.email, () =>
            ctx.sessions.login(request.body.email, request.body.password),
          ),
        ),
    );

    scope.post(
      `${COOKIE_SESSION_PATH}/refresh`,
      {
        schema: {
          tags: ['sessions'],
          summary: 'Rotate the cookie session (needs x-csrf-token = the sw_csrf cookie)',
          headers: csrfHeaders,
          response: { 200: accessGrant, 401: apiErrorBody, 403: apiErrorBody },
        },
      },
      async (request, reply) => {
        const token = presentedRefreshToken(request);
        try {
          return setSession(reply, await ctx.sessions.refresh(token));
        } catch (error) {
          if (error instanceof UnauthenticatedError) clearSession(reply);
          throw error;
        }
      },
    );

    scope.delete(
      COOKIE_SESSION_PATH,
      {
        schema: {
          tags: ['sessions'],
          summary: 'Log out (browser): revokes the cookie session and clears its cookies',
          headers: csrfHeaders,
          response: { 204: z.undefined(), 403: apiErrorBody },
        },
      },
      async (request, reply) => {
        const token = request.cookies[REFRESH_COOKIE];
        // No cookie: nothing to revoke, and clearing is harmless. A cookie needs its CSRF token.
        if (token !== undefined && token !== '') await ctx.sessions.logout(presentedRefreshToken(request));
        clearSession(reply);
        return reply.status(204).send();
      },
    );
  });
}

export class CsrfRejectedError extends SyncWellError {
  constructor(check: 'origin' | 'content_type' | 'token') {
    super('SW_FORBIDDEN', 'Cross-site request refused.', { reason: `csrf_${check}` });
  }
}
