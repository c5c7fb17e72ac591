import {
  ProviderError,
  type DataType,
  type OAuthClient,
  type ProviderFacts,
  type ProviderId,
  type WebhookVerifier,
} from '@syncwell/core';
import type { ProviderBundle } from '@syncwell/core';

/*
 * A provider for the HTTP suites: OAuth with recorded exchanges and revocations, and a webhook
 * verifier whose "signature" is `sig:<raw body>`, so tests can prove the exact bytes arrive.
 * The real provider clients are tested by their own suites against the simulators.
 */
export interface ProviderDouble {
  readonly bundle: ProviderBundle;
  readonly exchanges: { code: string; redirectUri: string; codeVerifier?: string }[];
  readonly revoked: string[];
}

/** Codes `ok-<externalUserId>` succeed; anything else is refused like a real token endpoint. */
export function providerDouble(
  id: ProviderId,
  options: { pkce: 'S256' | 'none'; readable: DataType[]; writable: DataType[] },
): ProviderDouble {
  const exchanges: ProviderDouble['exchanges'] = [];
  const revoked: string[] = [];
  const facts: ProviderFacts = {
    id,
    displayName: `${id.toUpperCase()} <Cloud>`,
    defaultBaseUrls: {
      api: `https://${id}.test/api`,
      authorize: `https://${id}.test/authorize`,
      token: `https://${id}.test/token`,
    },
    auth: {
      kind: 'oauth2',
      scopes: ['read'],
      scopeSeparator: ' ',
      pkce: options.pkce,
      clientAuth: 'basic',
      refresh: 'rotating',
      accessTokenLifetimeSeconds: 3600,
    },
    capabilities: {
      readable: options.readable,
      writable: options.writable,
      push: 'webhook',
      backfillWindowDays: 365,
    },
    rateLimits: [],
    terms: { ownerOnly: id === 'strava', excludeFromTraining: id === 'strava' },
  };
  const oauth: OAuthClient = {
    authorizeUrl: ({ state, redirectUri, codeChallenge }) => {
      const url = new URL(facts.defaultBaseUrls.authorize);
      url.search = new URLSearchParams({
        state,
        redirect_uri: redirectUri,
        ...(codeChallenge ? { code_challenge: codeChallenge } : {}),
      }).toString();
      return url.href;
    },
    exchangeCode: (params) => {
      exchanges.push({ ...params });
      if (!params.code.startsWith('ok-'))
        return Promise.reject(
          new ProviderError('SW_PROVIDER_REQUEST_REJECTED', 'invalid_grant', { status: 400 }),
        );
      const externalUserId = params.code.slice(3);
      return Promise.resolve({
        externalUserId,
        tokens: {
          accessToken: `ACCESS-${id}-${externalUserId}`,
          refreshToken: `REFRESH-${id}-${externalUserId}`,
          expiresAt: new Date('2030-01-01T00:00:00Z'),
          scopes: ['read'],
        },
      });
    },
    revoke: (tokens) => {
      revoked.push(tokens.accessToken);
      return Promise.resolve();
    },
  };
  const webhooks: WebhookVerifier = {
    verify: (request) => {
      if (request.method === 'GET') {
        return request.query['hub.verify_token'] === 'verify-me'
          ? { kind: 'handshake', status: 200, body: { 'hub.challenge': request.query['hub.challenge'] } }
          : { kind: 'rejected', reason: 'bad verify token' };
      }
      if (request.headers['x-signature'] !== `sig:${Buffer.from(request.rawBody).toString('utf8')}`) {
        return { kind: 'rejected', reason: 'bad signature' };
      }
      const body = JSON.parse(Buffer.from(request.rawBody).toString('utf8')) as {
        owner: string;
        type: DataType;
      };
      return {
        kind: 'events',
        events: [{ externalUserId: body.owner, dataType: body.type, action: 'create' }],
      };
    },
  };
  const data = {
    facts,
    read: () => Promise.reject(new Error('not used by the API')),
    write: () => Promise.reject(new Error('not used by the API')),
  };
  return { bundle: { data, oauth, webhooks }, exchanges, revoked };
}
