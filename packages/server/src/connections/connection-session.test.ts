import { ProviderError, type OAuthClient, type ProviderBundle, type TokenSet } from '@syncwell/core';
import {
  startPolarSimulator,
  startStravaSimulator,
  type PolarSimulator,
  type StravaSimulator,
} from '@syncwell/testbed';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openTokenSet, sealTokenSet } from '../auth/connection-tokens.js';
import type { ConnectionRow } from '../store/port.js';
import { ConnectionSession, RefreshRegistry, type ConnectionSessionDeps } from './connection-session.js';
import {
  POLAR_CLIENT,
  STRAVA_CLIENT,
  bundleFor,
  grantFrom,
  openTestBed,
  saveConnection,
  type TestBed,
} from './connection-test-support.js';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const MARGIN = 10 * MINUTE;

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected a rejection');
}

describe('ConnectionSession with Strava (rotating refresh tokens)', () => {
  let sim: StravaSimulator;
  let strava: ProviderBundle;
  let bed: TestBed;
  let connection: ConnectionRow;
  let initial: TokenSet;

  beforeAll(async () => {
    sim = await startStravaSimulator({ ...STRAVA_CLIENT, seed: 3, athletes: 1, activitiesPerAthlete: 0 });
    strava = bundleFor('strava', sim, STRAVA_CLIENT);
  });
  afterAll(() => sim.close());

  beforeEach(async () => {
    bed = await openTestBed();
    const grant = await grantFrom(strava);
    initial = grant.tokens;
    connection = await saveConnection(bed, 'strava', grant.externalUserId, grant.tokens);
    sim.requestLog.clear();
  });
  afterEach(() => bed.cleanup());

  const refreshes = () => sim.requestLog.count({ grantType: 'refresh_token' });
  const session = (overrides: Partial<ConnectionSessionDeps> = {}, row = connection) =>
    new ConnectionSession(row, {
      store: bed.store,
      vault: bed.vault,
      oauth: strava.oauth,
      refreshMarginMs: MARGIN,
      refreshes: new RefreshRegistry(),
      now: () => sim.now().getTime(),
      ...overrides,
    });
  const stored = async () => {
    const row = await bed.store.getConnection(connection.id);
    if (row === null) throw new Error('connection vanished');
    return { row, tokens: openTokenSet(bed.vault, row.id, row.tokensSealed) };
  };
  /** Moves the simulator (and the sessions' clock) to `before` ms ahead of the token's expiry. */
  const moveToExpiryMinus = (before: number) => {
    const expiresAt = initial.expiresAt?.getTime() ?? 0;
    sim.advanceClock(Math.max(0, expiresAt - before - sim.now().getTime()));
  };

  it('uses the stored token while it is outside the margin, and refreshes once inside it', async () => {
    const s = session();
    moveToExpiryMinus(MARGIN + MINUTE);
    expect(await s.accessToken()).toBe(initial.accessToken);
    expect(refreshes()).toBe(0);

    moveToExpiryMinus(MARGIN - MINUTE);
    const fresh = await s.accessToken();
    expect(fresh).not.toBe(initial.accessToken);
    expect(refreshes()).toBe(1);
    // The fresh token is good for hours: further calls do not refresh again.
    expect(await s.accessToken()).toBe(fresh);
    expect(refreshes()).toBe(1);
  });

  it('runs exactly one provider refresh for many concurrent callers, across sessions', async () => {
    moveToExpiryMinus(MINUTE);
    const registry = new RefreshRegistry();
    const a = session({ refreshes: registry });
    const b = session({ refreshes: registry });
    const tokens = await Promise.all([
      ...Array.from({ length: 8 }, () => a.accessToken()),
      ...Array.from({ length: 4 }, () => b.accessToken()),
      a.refreshAccessToken(),
    ]);
    expect(refreshes()).toBe(1);
    expect(new Set(tokens).size).toBe(1);
    expect(tokens[0]).not.toBe(initial.accessToken);
    const { row } = await stored();
    expect(row.tokenVersion).toBe(connection.tokenVersion + 1);
  });

  it('persists the rotated refresh token sealed, and the persisted one is the live one', async () => {
    moveToExpiryMinus(MINUTE);
    const fresh = await session().accessToken();
    const { row, tokens } = await stored();
    expect(tokens.accessToken).toBe(fresh);
    expect(tokens.refreshToken).not.toBeNull();
    expect(tokens.refreshToken).not.toBe(initial.refreshToken);
    expect(row.tokenExpiresAt?.getTime()).toBe(tokens.expiresAt?.getTime());
    expect(row.tokenExpiresAt?.getTime()).toBeGreaterThan(sim.now().getTime() + 5 * HOUR);
    // Sealed at rest: neither token appears in the stored blob.
    expect(row.tokensSealed).not.toContain(fresh);
    expect(row.tokensSealed).not.toContain(tokens.refreshToken);
    // The provider killed the old refresh token; the stored one is what it now accepts.
    expect((await rejection(strava.oauth.refresh!(initial.refreshToken!))) as ProviderError).toMatchObject({
      code: 'SW_PROVIDER_AUTH_REVOKED',
    });
    await expect(strava.oauth.refresh!(tokens.refreshToken!)).resolves.toMatchObject({ accessToken: fresh });
  });

  it('marks the connection needs_reauth when the provider refuses the refresh token', async () => {
    await strava.oauth.revoke(initial, connection.externalUserId);
    moveToExpiryMinus(MINUTE);
    const error = await rejection(session().accessToken());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'SW_PROVIDER_AUTH_REVOKED' });
    expect((await stored()).row.status).toBe('needs_reauth');
  });

  it('does not mark needs_reauth for a refusal that is not about the grant', async () => {
    sim.failNext(1, 500, '/oauth/token');
    moveToExpiryMinus(MINUTE);
    await expect(session().refreshAccessToken()).rejects.toBeInstanceOf(ProviderError);
    expect((await stored()).row.status).toBe('active');
  });

  it('uses the newer stored tokens when another process already rotated them', async () => {
    moveToExpiryMinus(MINUTE);
    const ours = session();
    // Another process (its own registry) refreshes first and stores version + 1.
    const theirs = await session().accessToken();
    expect(refreshes()).toBe(1);
    // Our refresh token is dead at Strava now: presenting it would lose the connection.
    expect(await ours.refreshAccessToken()).toBe(theirs);
    expect(await ours.accessToken()).toBe(theirs);
    expect(refreshes()).toBe(1);
    expect((await stored()).row.status).toBe('active');
  });

  it('keeps the stored tokens when its own compare-and-swap loses the race', async () => {
    moveToExpiryMinus(MINUTE);
    const winner: TokenSet = {
      accessToken: 'winner-access',
      refreshToken: 'winner-refresh',
      expiresAt: new Date(sim.now().getTime() + 6 * HOUR),
      scopes: initial.scopes,
    };
    // The other writer lands between our read of the row and our write of the rotated tokens.
    const racing: OAuthClient = {
      authorizeUrl: (p) => strava.oauth.authorizeUrl(p),
      exchangeCode: (p) => strava.oauth.exchangeCode(p),
      revoke: (t, u) => strava.oauth.revoke(t, u),
      refresh: async (refreshToken) => {
        const fresh = await strava.oauth.refresh!(refreshToken);
        const landed = await bed.store.updateConnectionTokens({
          connectionId: connection.id,
          expectedVersion: connection.tokenVersion,
          tokensSealed: sealTokenSet(bed.vault, connection.id, winner),
          tokenExpiresAt: winner.expiresAt,
        });
        expect(landed).toBe(true);
        return fresh;
      },
    };
    const s = session({ oauth: racing });
    expect(await s.accessToken()).toBe('winner-access');
    const { row, tokens } = await stored();
    expect(tokens).toEqual(winner);
    expect(row.tokenVersion).toBe(connection.tokenVersion + 1);
    // The session now holds the stored row's version: its next refresh is not refused by CAS.
    expect(await s.accessToken()).toBe('winner-access');
  });

  it('adopts the stored tokens when the provider refuses a refresh token another process rotated', async () => {
    moveToExpiryMinus(MINUTE);
    // Both processes read version 1; the other one refreshes and stores between our read and our call.
    const other = session();
    const racing: OAuthClient = {
      authorizeUrl: (p) => strava.oauth.authorizeUrl(p),
      exchangeCode: (p) => strava.oauth.exchangeCode(p),
      revoke: (t, u) => strava.oauth.revoke(t, u),
      refresh: async (refreshToken) => {
        await other.accessToken();
        return strava.oauth.refresh!(refreshToken);
      },
    };
    const ours = session({ oauth: racing });
    const token = await ours.accessToken();
    const { row, tokens } = await stored();
    expect(token).toBe(tokens.accessToken);
    expect(token).not.toBe(initial.accessToken);
    expect(row.status).toBe('active');
  });
});

describe('ConnectionSession with Polar (no refresh tokens)', () => {
  let sim: PolarSimulator;
  let polar: ProviderBundle;
  let bed: TestBed;
  let connection: ConnectionRow;
  let tokens: TokenSet;

  beforeAll(async () => {
    sim = await startPolarSimulator({ ...POLAR_CLIENT, seed: 4, athletes: 1, workoutsPerAthlete: 0 });
    polar = bundleFor('polar', sim, POLAR_CLIENT);
  });
  afterAll(() => sim.close());
  beforeEach(async () => {
    bed = await openTestBed();
    const grant = await grantFrom(polar);
    tokens = grant.tokens;
    connection = await saveConnection(bed, 'polar', grant.externalUserId, grant.tokens);
  });
  afterEach(() => bed.cleanup());

  const session = (now = Date.now) =>
    new ConnectionSession(connection, {
      store: bed.store,
      vault: bed.vault,
      oauth: polar.oauth,
      refreshMarginMs: MARGIN,
      refreshes: new RefreshRegistry(),
      now,
    });

  it('has no refresh: a rejected token marks needs_reauth and throws SW_PROVIDER_AUTH_EXPIRED', async () => {
    expect('refresh' in polar.oauth).toBe(false);
    expect(tokens.refreshToken).toBeNull();
    const error = await rejection(session().refreshAccessToken());
    expect(error).toBeInstanceOf(ProviderError);
    expect(error).toMatchObject({ code: 'SW_PROVIDER_AUTH_EXPIRED' });
    expect((await bed.store.getConnection(connection.id))?.status).toBe('needs_reauth');
  });

  it('hands out the stored token even past its expiry, since nothing could replace it', async () => {
    const pastExpiry = (tokens.expiresAt?.getTime() ?? 0) + HOUR;
    expect(await session(() => pastExpiry).accessToken()).toBe(tokens.accessToken);
    expect((await bed.store.getConnection(connection.id))?.status).toBe('active');
  });
});
