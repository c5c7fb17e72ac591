import { ProviderError, type ProviderSession } from '@syncwell/core';
import { startGoogleHealthSimulator, type GoogleHealthSimulator } from '@syncwell/testbed';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FITBIT_RETIREMENT, fitbitLegacyModule } from './index.js';

let sim: GoogleHealthSimulator;
const session: ProviderSession = {
  connectionId: 'legacy-1',
  externalUserId: '269VLG',
  accessToken: () => Promise.resolve('an-old-fitbit-token'),
  refreshAccessToken: () => Promise.reject(new Error('a 410 must not trigger a refresh')),
};

beforeAll(async () => {
  sim = await startGoogleHealthSimulator({
    clientId: 'c',
    clientSecret: 's',
    users: 1,
    workoutsPerUser: 0,
    days: 0,
  });
});
afterAll(() => sim.close());

const bundle = () =>
  fitbitLegacyModule.create({
    clientId: 'fitbit-client',
    clientSecret: 'fitbit-secret',
    baseUrls: { api: sim.url, authorize: `${sim.url}/oauth2/authorize`, token: `${sim.url}/oauth2/token` },
  });

async function errorOf(promise: Promise<unknown>): Promise<ProviderError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ProviderError);
  return error as ProviderError;
}

describe('legacy Fitbit connection after the 2026-11-02 turndown', () => {
  it('answers 410 with the Fitbit errors[] envelope on every legacy path, OAuth included', async () => {
    for (const path of ['/1/user/-/activities/list.json', '/1.2/user/-/sleep/list.json', '/oauth2/token']) {
      const response = await fetch(sim.url + path, { method: path.startsWith('/oauth2') ? 'POST' : 'GET' });
      expect(response.status).toBe(410);
      expect(await response.json()).toMatchObject({ success: false, errors: [{ errorType: 'gone' }] });
    }
  });

  it.each(['workout', 'sleep', 'daily_activity', 'heart_rate', 'body_measurement'] as const)(
    'a %s read ends in SW_PROVIDER_GONE (needs_reauth) telling the user to reconnect via Google Health',
    async (dataType) => {
      const error = await errorOf(bundle().data.read(session, { dataType, cursor: null }));
      expect(error.code).toBe('SW_PROVIDER_GONE');
      expect(error.retryClass).toBe('auth');
      expect(error.status).toBe(410);
      expect(error.details).toMatchObject({
        reconnectWith: 'google_health',
        turnedDownOn: '2026-11-02',
        userMessage: FITBIT_RETIREMENT.userMessage,
      });
      expect(String(error.details?.userMessage)).toMatch(/Google Health/);
    },
  );

  it('a refresh or code exchange ends the same way, and revoke never throws', async () => {
    const { oauth } = bundle();
    expect((await errorOf(oauth.refresh!('old-refresh'))).code).toBe('SW_PROVIDER_GONE');
    expect(
      (await errorOf(oauth.exchangeCode({ code: 'x', redirectUri: 'http://127.0.0.1:9/cb' }))).code,
    ).toBe('SW_PROVIDER_GONE');
    await expect(
      oauth.revoke({ accessToken: 'a', refreshToken: 'r', expiresAt: null, scopes: [] }, '269VLG'),
    ).resolves.toBeUndefined();
  });

  it('declares nothing readable or writable, and names its successor in the facts', () => {
    expect(fitbitLegacyModule.facts.capabilities).toMatchObject({ readable: [], writable: [] });
    expect(fitbitLegacyModule.facts.displayName).toMatch(/Google Health/);
  });
});
