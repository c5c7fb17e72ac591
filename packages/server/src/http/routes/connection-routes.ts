import { z } from 'zod';
import { NotFoundError, providerId } from '@syncwell/core';
import { createOAuthStateValue, createPkcePair } from '../../auth/opaque-tokens.js';
import { oauthRedirectUri } from '../../config/app-config.js';
import type { RouteContext } from '../app-deps.js';
import { configuredBundle } from '../provider-lookup.js';
import { revokeAtProvider } from '../provider-revoker.js';
import { callerId } from '../request-user.js';
import { connectionView, toConnectionView } from '../views/connection-view.js';
import { idParams } from '../resource-id.js';
import type { ZodApp } from '../zod-app.js';

const OAUTH_STATE_TTL_MS = 10 * 60 * 1000;

export function registerConnectionRoutes(app: ZodApp, ctx: RouteContext): void {
  app.post(
    '/v1/connections',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['connections'],
        body: z.strictObject({ provider: providerId }),
        response: { 201: z.object({ authorizeUrl: z.string(), state: z.string() }) },
      },
    },
    async (request, reply) => {
      const { id, bundle } = configuredBundle(ctx.providers, request.body.provider);
      const state = createOAuthStateValue();
      const redirectUri = oauthRedirectUri(ctx.config, id);
      const pkce = bundle.data.facts.auth.pkce === 'S256' ? createPkcePair() : null;
      await ctx.store.createOAuthState({
        state,
        userId: callerId(request),
        provider: id,
        // AAD = the state, so a verifier cannot be replayed under another state row.
        codeVerifierSealed: pkce === null ? null : ctx.vault.seal(pkce.verifier, state),
        redirectUri,
        expiresAt: new Date(ctx.now().getTime() + OAUTH_STATE_TTL_MS),
      });
      const authorizeUrl = bundle.oauth.authorizeUrl({
        state,
        redirectUri,
        ...(pkce === null ? {} : { codeChallenge: pkce.challenge }),
      });
      return reply.status(201).send({ authorizeUrl, state });
    },
  );

  app.get(
    '/v1/connections',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['connections'],
        response: { 200: z.object({ connections: z.array(connectionView) }) },
      },
    },
    async (request) => ({
      connections: (await ctx.store.listConnectionsByUser(callerId(request))).map(toConnectionView),
    }),
  );

  app.get(
    '/v1/connections/:id',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['connections'],
        params: idParams,
        response: { 200: z.object({ connection: connectionView }) },
      },
    },
    async (request) => {
      const connection = await ctx.store.getConnection(request.params.id, callerId(request));
      if (connection === null) throw new NotFoundError('connection', request.params.id);
      return { connection: toConnectionView(connection) };
    },
  );

  app.delete(
    '/v1/connections/:id',
    {
      onRequest: ctx.requireUser,
      schema: { tags: ['connections'], params: idParams, response: { 204: z.undefined() } },
    },
    async (request, reply) => {
      const userId = callerId(request);
      const connection = await ctx.store.getConnection(request.params.id, userId);
      if (connection === null) throw new NotFoundError('connection', request.params.id);
      await revokeAtProvider(ctx, connection, request.log);
      await ctx.store.deleteConnection(connection.id, userId);
      return reply.status(204).send();
    },
  );
}
