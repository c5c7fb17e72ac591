import type { ProviderClientConfig, ProviderFacts } from '@syncwell/core';
import { describe, expect, it } from 'vitest';
import { ProviderHttpClient } from '../http/provider-http-client.js';
import { buildAuthorizeUrl } from './authorize-url.js';
import { codeGrantForm, postTokenForm, refusedExchange, refusedRefresh } from './token-endpoint.js';
import { toTokenSet } from './token-set.js';

const baseUrls = {
  api: 'http://sim.test',
  authorize: 'http://sim.test/authorize',
  token: 'http://sim.test/token',
};

function factsWith(auth: Partial<ProviderFacts['auth']>): ProviderFacts {
  return {
    id: 'oura',
    displayName: 'Sim',
    defaultBaseUrls: baseUrls,
    auth: {
      kind: 'oauth2',
      scopes: ['a', 'b'],
      scopeSeparator: ' ',
      pkce: 'none',
      clientAuth: 'body',
      refresh: 'rotating',
      accessTokenLifetimeSeconds: 3600,
      ...auth,
    },
    capabilities: { readable: [], writable: [], push: 'none', backfillWindowDays: null },
    rateLimits: [],
    terms: { ownerOnly: false, excludeFromTraining: false },
  };
}

interface Seen {
  headers: Headers;
  form: Record<string, string>;
}

function tokenEndpoint(answer: Response) {
  const seen: Seen[] = [];
  const config: ProviderClientConfig = {
    clientId: 'id 1',
    clientSecret: 's:2',
    baseUrls,
    fetch: (_input, init) => {
      seen.push({
        headers: new Headers(init?.headers),
        form: Object.fromEntries(init?.body instanceof URLSearchParams ? init.body : []),
      });
      return Promise.resolve(answer);
    },
  };
  return { http: new ProviderHttpClient({ provider: 'oura', config }), config, seen };
}

const json = (body: unknown, status = 200) => Response.json(body, { status });

describe('buildAuthorizeUrl', () => {
  it('joins scopes by the separator, adds extra params, and a challenge only with PKCE', () => {
    const params = { state: 's', redirectUri: 'https://app/cb', codeChallenge: 'ch' };
    const config = { clientId: 'c', clientSecret: 'x', baseUrls };
    const plain = new URL(buildAuthorizeUrl(factsWith({ scopeSeparator: ',' }), config, params));
    expect(Object.fromEntries(plain.searchParams)).toEqual({
      response_type: 'code',
      client_id: 'c',
      redirect_uri: 'https://app/cb',
      scope: 'a,b',
      state: 's',
    });
    const pkce = new URL(
      buildAuthorizeUrl(
        factsWith({ pkce: 'S256', extraAuthorizeParams: { prompt: 'consent' } }),
        config,
        params,
      ),
    );
    expect(pkce.searchParams.get('scope')).toBe('a b');
    expect(pkce.searchParams.get('prompt')).toBe('consent');
    expect(pkce.searchParams.get('code_challenge')).toBe('ch');
    expect(pkce.searchParams.get('code_challenge_method')).toBe('S256');
  });
});

describe('postTokenForm', () => {
  it('puts the client credentials in the body or in HTTP Basic, as the facts say', async () => {
    const body = tokenEndpoint(json({}));
    await postTokenForm(body.http, factsWith({}), body.config, { grant_type: 'refresh_token' });
    expect(body.seen[0]!.headers.get('authorization')).toBeNull();
    expect(body.seen[0]!.form).toEqual({
      grant_type: 'refresh_token',
      client_id: 'id 1',
      client_secret: 's:2',
    });

    const basic = tokenEndpoint(json({}));
    await postTokenForm(basic.http, factsWith({ clientAuth: 'basic' }), basic.config, { grant_type: 'x' });
    expect(basic.seen[0]!.headers.get('authorization')).toBe(
      `Basic ${Buffer.from('id%201:s%3A2').toString('base64')}`,
    );
    expect(basic.seen[0]!.form).toEqual({ grant_type: 'x' });
  });

  it('hands 400 and 401 back as replies', async () => {
    const { http, config } = tokenEndpoint(json({ error: 'invalid_grant' }, 400));
    const reply = await postTokenForm(http, factsWith({}), config, {});
    expect(reply.status).toBe(400);
    expect(refusedRefresh(reply, factsWith({}))).toMatchObject({
      code: 'SW_PROVIDER_AUTH_REVOKED',
      status: 400,
    });
    expect(refusedExchange(reply, factsWith({}))).toMatchObject({
      code: 'SW_OAUTH_EXCHANGE_FAILED',
      status: 400,
    });
  });
});

describe('refusedRefresh', () => {
  it('is a rejected request unless the grant is gone', async () => {
    const { http, config } = tokenEndpoint(json({ error: 'invalid_client' }, 401));
    const reply = await postTokenForm(http, factsWith({}), config, {});
    expect(refusedRefresh(reply, factsWith({}))).toMatchObject({ code: 'SW_PROVIDER_REQUEST_REJECTED' });
    expect(refusedRefresh(reply, factsWith({}), reply.status === 401)).toMatchObject({
      code: 'SW_PROVIDER_AUTH_REVOKED',
    });
  });
});

describe('codeGrantForm', () => {
  it('sends the verifier only where the facts support PKCE', () => {
    const params = { code: 'c', redirectUri: 'https://app/cb', codeVerifier: 'v' };
    expect(codeGrantForm(factsWith({}), params)).toEqual({
      grant_type: 'authorization_code',
      code: 'c',
      redirect_uri: 'https://app/cb',
    });
    expect(codeGrantForm(factsWith({ pkce: 'S256' }), params)).toMatchObject({ code_verifier: 'v' });
  });
});

describe('toTokenSet', () => {
  const now = new Date('2026-01-01T00:00:00Z');

  it('dates the expiry, keeps a refresh token that did not rotate, and splits granted scopes', () => {
    expect(
      toTokenSet({ access_token: 'a', expires_in: 60, scope: ' x  y ' }, factsWith({}), now, 'r0'),
    ).toEqual({
      accessToken: 'a',
      refreshToken: 'r0',
      expiresAt: new Date('2026-01-01T00:01:00Z'),
      scopes: ['x', 'y'],
    });
    expect(
      toTokenSet(
        { access_token: 'a', refresh_token: 'r1', scope: 'x, y' },
        factsWith({ scopeSeparator: ',' }),
        now,
      ),
    ).toEqual({ accessToken: 'a', refreshToken: 'r1', expiresAt: null, scopes: ['x', 'y'] });
  });

  it('falls back to the declared scopes when none or an empty scope is granted', () => {
    expect(toTokenSet({ access_token: 'a', expires_in: null }, factsWith({}), now).scopes).toEqual([
      'a',
      'b',
    ]);
    expect(toTokenSet({ access_token: 'a', scope: ' ' }, factsWith({}), now).scopes).toEqual(['a', 'b']);
  });
});
