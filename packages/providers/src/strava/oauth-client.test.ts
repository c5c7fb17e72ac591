import { describe, expect, it } from 'vitest';
import { stravaModule } from './index.js';

interface Seen {
  url: string;
  headers: Headers;
  body: string;
}

function stravaWith(answer: (seen: Seen) => Response) {
  const seen: Seen[] = [];
  const fetchImpl: typeof fetch = (input, init) => {
    const call = {
      url: input instanceof Request ? input.url : input.toString(),
      headers: new Headers(init?.headers),
      body: typeof init?.body === 'string' || init?.body instanceof URLSearchParams ? String(init.body) : '',
    };
    seen.push(call);
    return Promise.resolve(answer(call));
  };
  const bundle = stravaModule.create({
    clientId: '4242',
    clientSecret: 'shh',
    baseUrls: {
      api: 'http://strava.test/api/v3',
      authorize: 'http://strava.test/oauth/authorize',
      token: 'http://strava.test/oauth/token',
    },
    fetch: fetchImpl,
  });
  return { bundle, seen };
}

const fault = {
  message: 'Bad Request',
  errors: [{ resource: 'RefreshToken', field: 'refresh_token', code: 'invalid' }],
};

describe('StravaOAuthClient', () => {
  it('builds the authorize URL Strava documents', () => {
    const url = new URL(
      stravaWith(() => new Response()).bundle.oauth.authorizeUrl({
        state: 's1',
        redirectUri: 'https://app/cb',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '4242',
      redirect_uri: 'https://app/cb',
      response_type: 'code',
      approval_prompt: 'auto',
      scope: 'read,activity:read_all,activity:write',
      state: 's1',
    });
  });

  it('exchanges a code with credentials in the body and reads athlete and expiry', async () => {
    const { bundle, seen } = stravaWith(() =>
      Response.json({
        token_type: 'Bearer',
        access_token: 'a1',
        refresh_token: 'r1',
        expires_at: 1764072000,
        expires_in: 21600,
        athlete: { id: 134815 },
      }),
    );
    const grant = await bundle.oauth.exchangeCode({ code: 'c0de', redirectUri: 'https://app/cb' });
    expect(grant).toEqual({
      externalUserId: '134815',
      tokens: {
        accessToken: 'a1',
        refreshToken: 'r1',
        expiresAt: new Date(1764072000 * 1000),
        scopes: ['read', 'activity:read_all', 'activity:write'],
      },
    });
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      client_id: '4242',
      client_secret: 'shh',
      grant_type: 'authorization_code',
      code: 'c0de',
    });
  });

  it('keeps a rotated refresh token and maps refused ones to SW_PROVIDER_AUTH_REVOKED', async () => {
    const rotated = stravaWith(() =>
      Response.json({ access_token: 'a2', refresh_token: 'r2', expires_at: 1764075600 }),
    );
    await expect(rotated.bundle.oauth.refresh!('r1')).resolves.toMatchObject({
      accessToken: 'a2',
      refreshToken: 'r2',
    });
    const refused = stravaWith(() => Response.json(fault, { status: 400 }));
    await expect(refused.bundle.oauth.refresh!('r1')).rejects.toMatchObject({
      code: 'SW_PROVIDER_AUTH_REVOKED',
    });
    const grant = stravaWith(() => Response.json({ error: 'invalid_grant' }, { status: 400 }));
    await expect(grant.bundle.oauth.refresh!('r1')).rejects.toMatchObject({
      code: 'SW_PROVIDER_AUTH_REVOKED',
    });
    const other = stravaWith(() =>
      Response.json(
        { message: 'Bad Request', errors: [{ resource: 'Application', code: 'invalid' }] },
        { status: 400 },
      ),
    );
    await expect(other.bundle.oauth.refresh!('r1')).rejects.toMatchObject({
      code: 'SW_PROVIDER_REQUEST_REJECTED',
    });
    const down = stravaWith(() => new Response('', { status: 503 }));
    await expect(down.bundle.oauth.refresh!('r1')).rejects.toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE' });
  });

  it('revokes at the token origin and falls back to deauthorize, never throwing', async () => {
    const { bundle, seen } = stravaWith((call) =>
      call.url.endsWith('/oauth/revoke')
        ? new Response('', { status: 404 })
        : Response.json({ access_token: 'a1' }),
    );
    await bundle.oauth.revoke(
      { accessToken: 'a1', refreshToken: 'r1', expiresAt: null, scopes: [] },
      '134815',
    );
    expect(seen.map((s) => s.url)).toEqual([
      'http://strava.test/oauth/revoke',
      'http://strava.test/oauth/deauthorize',
    ]);
    expect(seen[0]!.headers.get('authorization')).toBe(`Basic ${Buffer.from('4242:shh').toString('base64')}`);
    expect(Object.fromEntries(new URLSearchParams(seen[0]!.body))).toEqual({
      token: 'r1',
      token_type_hint: 'refresh_token',
    });
    const broken = stravaWith(() => new Response('', { status: 500 }));
    await expect(
      broken.bundle.oauth.revoke({ accessToken: 'a1', refreshToken: null, expiresAt: null, scopes: [] }, '1'),
    ).resolves.toBeUndefined();
  });
});
