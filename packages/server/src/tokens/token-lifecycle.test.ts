import type { ProviderBundle, TokenSet } from '@syncwell/core';
import { startStravaSimulator, type StravaSimulator } from '@syncwell/testbed';
import pino from 'pino';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  ConnectionSession,
  RefreshRegistry,
  type ConnectionSessionDeps,
} from '../connections/connection-session.js';
import {
  STRAVA_CLIENT,
  bundleFor,
  grantFrom,
  openTestBed,
  saveConnection,
  type TestBed,
} from '../connections/connection-test-support.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import { createInboxNotifier } from '../notifications/inbox/inbox-notifier.js';
import type { ConnectionRow } from '../store/port.js';
import { TokenKeepAlive } from './token-keep-alive.js';

const DAY = 86_400_000;

describe('token lifecycle: distributed single flight, exhaustion, keep-alive, alarms', () => {
  let sim: StravaSimulator;
  let strava: ProviderBundle;
  let bed: TestBed;
  let connection: ConnectionRow;
  let initial: TokenSet;

  beforeAll(async () => {
    sim = await startStravaSimulator({ ...STRAVA_CLIENT, seed: 5, athletes: 1, activitiesPerAthlete: 0 });
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
  const session = (overrides: Partial<ConnectionSessionDeps> = {}) =>
    new ConnectionSession(connection, {
      store: bed.store,
      vault: bed.vault,
      oauth: strava.oauth,
      refreshMarginMs: 0,
      refreshes: new RefreshRegistry(),
      notifier: createInboxNotifier(bed.store),
      now: () => sim.now().getTime(),
      ...overrides,
    });
  const inbox = () => bed.store.listNotifications({ userId: bed.user.id });
  const status = async () => (await bed.store.getConnection(connection.id))?.status;

  it('refreshes once across two processes sharing the refresh lock; the loser re-reads the new tokens', async () => {
    const locks = new MemoryCoordination();
    // Separate registries: what two worker processes have. Only the lock can collapse them.
    const a = session({ locks });
    const b = session({ locks });
    const tokens = await Promise.all([a.refreshAccessToken(), b.refreshAccessToken()]);
    expect(refreshes()).toBe(1);
    expect(tokens[0]).toBe(tokens[1]);
    expect((await bed.store.getConnection(connection.id))?.tokenVersion).toBe(connection.tokenVersion + 1);
    await locks.close();
  });

  it('turns exhausted after refresh failures on three different days, and tells the user once', async () => {
    for (let day = 0; day < 3; day += 1) {
      sim.failNext(2, 500, '/oauth/token');
      await expect(session().refreshAccessToken()).rejects.toMatchObject({ code: 'SW_PROVIDER_UNAVAILABLE' });
      await expect(session().refreshAccessToken()).rejects.toBeTruthy(); // same day: still one day
      expect(await status()).toBe(day < 2 ? 'active' : 'exhausted');
      sim.advanceClock(DAY);
    }
    expect((await inbox()).map((n) => [n.kind, n.connectionId, n.code])).toEqual([
      ['connection_exhausted', connection.id, 'SW_PROVIDER_UNAVAILABLE'],
    ]);
  });

  it('a refused grant makes the connection needs_reauth with one open notification', async () => {
    await strava.oauth.revoke(initial, connection.externalUserId);
    await expect(session().refreshAccessToken()).rejects.toMatchObject({ code: 'SW_PROVIDER_AUTH_REVOKED' });
    await expect(session().refreshAccessToken()).rejects.toBeTruthy();
    expect(await status()).toBe('needs_reauth');
    const notes = await inbox();
    expect(notes.map((n) => [n.kind, n.code, n.readAt])).toEqual([
      ['connection_needs_reauth', 'SW_PROVIDER_AUTH_REVOKED', null],
    ]);
  });

  it('the keep-alive refreshes rotating-token connections idle for a day, once per leader', async () => {
    const coordination = new MemoryCoordination();
    const keepAlive = (now: number) =>
      new TokenKeepAlive({
        store: bed.store,
        vault: bed.vault,
        coordination,
        providers: new Map([['strava', strava]]),
        refreshes: new RefreshRegistry(),
        notifier: createInboxNotifier(bed.store),
        logger: pino({ level: 'silent' }),
        now: () => now,
      });
    expect(await keepAlive(Date.now()).tick()).toEqual({ refreshed: 0, failed: 0 }); // touched just now
    const held = await coordination.acquireLock('token-keepalive', 60_000);
    expect(await keepAlive(Date.now() + 2 * DAY).tick()).toEqual({ refreshed: 0, failed: 0 }); // not leader
    await held?.release();
    expect(await keepAlive(Date.now() + 2 * DAY).tick()).toEqual({ refreshed: 1, failed: 0 });
    expect(refreshes()).toBe(1);
    const row = await bed.store.getConnection(connection.id);
    expect(row?.tokenVersion).toBe(connection.tokenVersion + 1);
    await coordination.close();
  });
});
