import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { ValidationError, type OAuthGrant } from '@syncwell/core';
import { sealTokenSet } from '../../auth/connection-tokens.js';
import type { ConnectionRow } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { toErrorResponse } from '../error-handler.js';
import { OAuthDeniedError, OAuthExchangeFailedError, OAuthStateInvalidError } from '../oauth-errors.js';
import { configuredBundle } from '../provider-lookup.js';
import { connectionView, toConnectionView } from '../views/connection-view.js';
import type { ZodApp } from '../zod-app.js';
import { webAppBuilt } from '../web-app/web-app-routes.js';

// Not strict: providers append their own parameters (scope, iss, ...).
const callbackQuery = z.object({
  code: z.string().min(1).max(4096).optional(),
  state: z.string().min(1).max(512).optional(),
  error: z.string().max(200).optional(),
});
type CallbackQuery = z.infer<typeof callbackQuery>;

/**
 * Where the browser lands after consent. No bearer token here: the `state` (single use, bound to
 * the user and the provider) is the authentication (DESIGN §6.5). The state is consumed before
 * anything else, so a denied or failed attempt cannot be replayed. A browser goes back to the web
 * app's Connections page with the outcome in the query (or, without a built app, gets a small
 * HTML page); a client asking for JSON gets the usual bodies.
 */
export function registerOAuthCallbackRoute(app: ZodApp, ctx: RouteContext): void {
  // With the web app served here, the browser goes back to it (its session survives in the cookie).
  const appConnections = webAppBuilt(ctx.config.webDir) ? `${ctx.config.publicUrl}/connections` : null;
  app.get(
    '/v1/oauth/:provider/callback',
    {
      schema: {
        tags: ['connections'],
        params: z.strictObject({ provider: z.string().max(64) }),
        querystring: callbackQuery,
        response: {
          200: {
            description: 'JSON when the client accepts it, else a small page for the browser',
            content: {
              'application/json': { schema: z.object({ connection: connectionView }) },
              'text/html': { schema: z.string() },
            },
          },
        },
      },
    },
    async (request, reply) => {
      if (wantsJson(request)) {
        const { connection } = await completeConnection(ctx, request.params.provider, request.query, request);
        return reply
          .type('application/json; charset=utf-8')
          .send({ connection: toConnectionView(connection) });
      }
      try {
        const { connection, displayName } = await completeConnection(
          ctx,
          request.params.provider,
          request.query,
          request,
        );
        if (appConnections !== null) {
          return await reply.redirect(`${appConnections}?connected=${connection.provider}`, 303);
        }
        return await reply
          .type('text/html; charset=utf-8')
          .send(page(`Connected ${displayName}`, 'You can close this window and return to SyncWell.'));
      } catch (error) {
        const { status, body } = toErrorResponse(error);
        request.log[status >= 500 ? 'error' : 'info'](
          { err: error, code: body.code },
          'oauth callback failed',
        );
        if (appConnections !== null) {
          const query = new URLSearchParams({ error: body.code, provider: request.params.provider });
          return (reply as FastifyReply).redirect(`${appConnections}?${query.toString()}`, 303);
        }
        // The declared 200 describes success; failures use the catalogue status.
        return (reply as FastifyReply)
          .status(status)
          .type('text/html; charset=utf-8')
          .send(page('Connection failed', `${body.message} (${body.code})`));
      }
    },
  );
}

async function completeConnection(
  ctx: RouteContext,
  provider: string,
  { code, state, error }: CallbackQuery,
  request: FastifyRequest,
): Promise<{ connection: ConnectionRow; displayName: string }> {
  const { id, bundle } = configuredBundle(ctx.providers, provider);
  if (state === undefined) throw new OAuthStateInvalidError();
  const stateRow = await ctx.store.consumeOAuthState(state);
  if (stateRow?.provider !== id) throw new OAuthStateInvalidError();
  if (error !== undefined) throw new OAuthDeniedError(id);
  if (code === undefined) {
    throw new ValidationError('The callback carries neither code nor error.', {
      issues: [{ path: 'querystring.code', message: 'Required' }],
    });
  }

  const codeVerifier =
    stateRow.codeVerifierSealed === null ? undefined : ctx.vault.open(stateRow.codeVerifierSealed, state);
  let grant: OAuthGrant;
  try {
    grant = await bundle.oauth.exchangeCode({
      code,
      redirectUri: stateRow.redirectUri,
      ...(codeVerifier === undefined ? {} : { codeVerifier }),
    });
  } catch (cause) {
    throw new OAuthExchangeFailedError(id, 'exchange', cause);
  }
  try {
    await bundle.oauth.afterConnect?.(grant);
  } catch (cause) {
    throw new OAuthExchangeFailedError(id, 'after_connect', cause);
  }

  const { connection } = await ctx.store.upsertConnection({
    userId: stateRow.userId,
    provider: id,
    externalUserId: grant.externalUserId,
    sealTokens: (connectionId) => sealTokenSet(ctx.vault, connectionId, grant.tokens),
    tokenExpiresAt: grant.tokens.expiresAt,
    scopes: grant.tokens.scopes,
  });
  request.log.info({ provider: id, connectionId: connection.id }, 'connection established');
  return { connection, displayName: bundle.data.facts.displayName };
}

function wantsJson(request: FastifyRequest): boolean {
  return (request.headers.accept ?? '').includes('application/json');
}

function page(title: string, text: string): string {
  const escape = (value: string): string => value.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(title)}</title></head><body><h1>${escape(title)}</h1><p>${escape(text)}</p></body></html>`;
}
