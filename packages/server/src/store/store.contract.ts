import { randomUUID } from 'node:crypto';
import type { PageCommit, RunItemResult, WriteIntent } from '@syncwell/core';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectionRow, MetadataStore, RuleRow } from './port.js';
import { describeNotificationContract } from './notification.contract.js';
import { describeBackfillContract } from './backfill.contract.js';
import { describeConflictContract } from './conflict.contract.js';
import { describePushContract } from './push.contract.js';
import { describeDeviceContract } from './device.contract.js';
import { describeSummaryScheduleContract } from './summary-schedule.contract.js';
import { describeSyncStateContract } from './sync-state.contract.js';
import { describeSealedSecretContract } from './sealed-secret.contract.js';
import { describeUserDataContract } from './user-data.contract.js';

export type StoreFactory = () => Promise<{ store: MetadataStore; cleanup: () => Promise<void> }>;

export interface StoreFixture {
  store: MetadataStore;
  userId: string;
  source: ConnectionRow;
  destination: ConnectionRow;
  rule: RuleRow;
}

/** A user with two connections and a rule between them: the shape most tests start from. */
export async function seedFixture(
  store: MetadataStore,
  email = `${randomUUID()}@example.org`,
): Promise<StoreFixture> {
  const user = await store.createUser({ email, passwordHash: 'argon2id$hash' });
  const connect = async (provider: 'garmin' | 'strava') =>
    (
      await store.upsertConnection({
        userId: user.id,
        provider,
        externalUserId: `ext-${provider}-${randomUUID()}`,
        sealTokens: (id) => `sealed-for-${id}`,
        tokenExpiresAt: new Date('2030-01-01T00:00:00Z'),
        scopes: ['activity:read'],
      })
    ).connection;
  const source = await connect('garmin');
  const destination = await connect('strava');
  const rule = await store.createRule({
    userId: user.id,
    sourceConnectionId: source.id,
    destinationConnectionId: destination.id,
    dataTypes: ['workout'],
    conflictStrategy: 'source_wins',
    intervalMinutes: 60,
    enabled: true,
    nextRunAt: new Date('2030-01-01T00:00:00Z'),
  });
  return { store, userId: user.id, source, destination, rule };
}

export function item(externalId: string, outcome: RunItemResult['outcome'] = 'written'): RunItemResult {
  const code =
    outcome === 'written'
      ? 'SW_ITEM_WRITTEN'
      : outcome === 'skipped'
        ? 'SW_ITEM_ALREADY_SYNCED'
        : 'SW_ITEM_INVALID_PAYLOAD';
  return {
    dataType: 'workout',
    externalId,
    outcome,
    code,
    destinationId: outcome === 'written' ? `d-${externalId}` : null,
  };
}

export function intent(f: StoreFixture, key: string): WriteIntent {
  return {
    ruleId: f.rule.id,
    destinationConnectionId: f.destination.id,
    identityKey: key,
    contentKey: `c-${key}`,
    tag: `tag-${key}`,
    dataType: 'workout',
  };
}

export function page(f: StoreFixture, runId: string, extra: Partial<PageCommit> = {}): PageCommit {
  return { runId, ruleId: f.rule.id, dataType: 'workout', cursor: null, done: [], items: [], ...extra };
}

/**
 * Every MetadataStore adapter runs this suite (SQLite today, PostgreSQL next).
 * @example describeStoreContract('sqlite', async () => ({ store, cleanup }));
 */
export function describeStoreContract(name: string, makeStore: StoreFactory): void {
  describe(`MetadataStore contract: ${name}`, () => {
    let store: MetadataStore;
    let cleanup: () => Promise<void>;

    beforeEach(async () => {
      ({ store, cleanup } = await makeStore());
    });
    afterEach(async () => {
      await cleanup();
    });

    describe('server settings', () => {
      it('keeps the first value claimed under a key, even when claims race', async () => {
        const claims = await Promise.all(
          ['a', 'b', 'c'].map((v) => store.claimServerSetting('vault_check', v)),
        );
        expect(new Set(claims).size).toBe(1);
        expect(await store.claimServerSetting('vault_check', 'later')).toBe(claims[0]);
        expect(await store.claimServerSetting('other', 'x')).toBe('x');
      });
    });

    describe('users', () => {
      it('lower-cases emails and refuses a second account with the same one', async () => {
        const user = await store.createUser({ email: ' Ann@Example.ORG ', passwordHash: 'h' });
        expect(user.email).toBe('ann@example.org');
        expect((await store.findUserByEmail('ANN@example.org'))?.id).toBe(user.id);
        expect((await store.getUser(user.id))?.passwordHash).toBe('h');
        await expect(store.createUser({ email: 'ann@EXAMPLE.org', passwordHash: 'x' })).rejects.toMatchObject(
          {
            code: 'SW_EMAIL_TAKEN',
          },
        );
        expect(await store.findUserByEmail('nobody@example.org')).toBeNull();
        expect(await store.getUser(randomUUID())).toBeNull();
      });

      it('deletes a user with everything they own, and nothing of anyone else', async () => {
        const f = await seedFixture(store);
        const other = await seedFixture(store);
        await store.createRefreshSession({
          userId: f.userId,
          tokenHash: 'th-1',
          expiresAt: new Date(Date.now() + 1e6),
        });
        await store.createOAuthState({
          state: 'st-1',
          userId: f.userId,
          provider: 'strava',
          codeVerifierSealed: null,
          redirectUri: 'http://localhost/cb',
          expiresAt: new Date(Date.now() + 1e6),
        });
        const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
        await store.recordIntents([intent(f, 'k1')]);
        await store.commitPage(page(f, run.id, { cursor: 'c1', items: [item('e1')] }));

        expect(await store.deleteUser(f.userId)).toBe(true);
        expect(await store.getUser(f.userId)).toBeNull();
        expect(await store.findRefreshSessionByHash('th-1')).toBeNull();
        expect(await store.consumeOAuthState('st-1')).toBeNull();
        expect(await store.getConnection(f.source.id)).toBeNull();
        expect(await store.getRule(f.rule.id)).toBeNull();
        expect(await store.getRun(run.id)).toBeNull();
        expect(await store.listRunItems(run.id)).toEqual([]);
        expect(await store.getCursor(f.rule.id, 'workout')).toBeNull();
        expect((await store.findLedger(f.destination.id, ['k1'])).size).toBe(0);
        expect(await store.deleteUser(f.userId)).toBe(false);

        expect(await store.getRule(other.rule.id)).not.toBeNull();
        expect(await store.listConnectionsByUser(other.userId)).toHaveLength(2);
      });
    });

    describe('refresh sessions', () => {
      it('finds by hash and revokes exactly once', async () => {
        const f = await seedFixture(store);
        const expiresAt = new Date('2031-02-03T04:05:06.007Z');
        const session = await store.createRefreshSession({
          userId: f.userId,
          tokenHash: 'hash-a',
          expiresAt,
        });
        const found = await store.findRefreshSessionByHash('hash-a');
        expect(found).toMatchObject({ id: session.id, userId: f.userId, expiresAt, revokedAt: null });
        expect(await store.revokeRefreshSession(session.id)).toBe(true);
        expect(await store.revokeRefreshSession(session.id)).toBe(false);
        expect((await store.findRefreshSessionByHash('hash-a'))?.revokedAt).toBeInstanceOf(Date);
        expect(await store.findRefreshSessionByHash('hash-unknown')).toBeNull();
        expect(await store.getRefreshSession(session.id)).toMatchObject({ id: session.id, userId: f.userId });
        expect(await store.getRefreshSession('00000000-0000-4000-8000-000000000000')).toBeNull();
      });

      it("forgets a deleted user's sessions, and changes a password hash", async () => {
        const f = await seedFixture(store);
        const expiresAt = new Date(Date.now() + 60_000);
        const session = await store.createRefreshSession({ userId: f.userId, tokenHash: 'del-1', expiresAt });
        expect(await store.setPasswordHash(f.userId, 'new-hash')).toBe(true);
        expect((await store.getUser(f.userId))?.passwordHash).toBe('new-hash');
        expect(await store.deleteUser(f.userId)).toBe(true);
        expect(await store.getRefreshSession(session.id)).toBeNull();
        expect(await store.setPasswordHash(f.userId, 'again')).toBe(false);
      });

      it('revokes all live sessions of one user', async () => {
        const f = await seedFixture(store);
        const g = await seedFixture(store);
        const expiresAt = new Date(Date.now() + 60_000);
        await store.createRefreshSession({ userId: f.userId, tokenHash: 'a1', expiresAt });
        await store.createRefreshSession({ userId: f.userId, tokenHash: 'a2', expiresAt });
        await store.createRefreshSession({ userId: g.userId, tokenHash: 'b1', expiresAt });
        expect(await store.listLiveRefreshSessionIds(g.userId)).toHaveLength(1);
        expect(await store.listLiveRefreshSessionIds(f.userId)).toHaveLength(2);
        expect(await store.revokeAllRefreshSessions(f.userId)).toBe(2);
        expect(await store.listLiveRefreshSessionIds(f.userId)).toEqual([]);
        expect((await store.findRefreshSessionByHash('a2'))?.revokedAt).not.toBeNull();
        expect((await store.findRefreshSessionByHash('b1'))?.revokedAt).toBeNull();
      });
    });

    describe('oauth states', () => {
      const base = {
        provider: 'strava' as const,
        redirectUri: 'http://localhost/cb',
        codeVerifierSealed: 'sealed-v',
      };

      it('is consumed once, even by concurrent callbacks', async () => {
        const f = await seedFixture(store);
        await store.createOAuthState({
          ...base,
          state: 's-ok',
          userId: f.userId,
          expiresAt: new Date(Date.now() + 60_000),
        });
        const results = await Promise.all([1, 2, 3, 4, 5].map(() => store.consumeOAuthState('s-ok')));
        const winners = results.filter((r) => r !== null);
        expect(winners).toHaveLength(1);
        expect(winners[0]).toMatchObject({
          userId: f.userId,
          provider: 'strava',
          codeVerifierSealed: 'sealed-v',
        });
        expect(winners[0]?.usedAt).toBeInstanceOf(Date);
        expect(await store.consumeOAuthState('s-ok')).toBeNull();
      });

      it('refuses unknown and expired states', async () => {
        const f = await seedFixture(store);
        await store.createOAuthState({
          ...base,
          state: 's-old',
          userId: f.userId,
          expiresAt: new Date(Date.now() - 1),
        });
        expect(await store.consumeOAuthState('s-old')).toBeNull();
        expect(await store.consumeOAuthState('s-never')).toBeNull();
      });
    });

    describeConnectionContract(() => store);
    describeRuleContract(() => store);
    describeRunContract(() => store);
    describeSyncStateContract(() => store);
    describeBackfillContract(() => store);
    describeNotificationContract(() => store);
    describeConflictContract(() => store);
    describeSummaryScheduleContract(() => store);
    describeSealedSecretContract(() => store);
    describePushContract(() => store);
    describeUserDataContract(() => store);
    describeDeviceContract(() => store);
  });
}

function describeConnectionContract(getStore: () => MetadataStore): void {
  describe('connections', () => {
    it('keeps the id on reconnect, reseals for that id and reactivates', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.setConnectionStatus(f.source.id, 'needs_reauth');
      const sealedFor: string[] = [];
      const again = await store.upsertConnection({
        userId: f.userId,
        provider: f.source.provider,
        externalUserId: f.source.externalUserId,
        sealTokens: (id) => (sealedFor.push(id), `new-${id}`),
        tokenExpiresAt: null,
        scopes: ['a', 'b'],
      });
      expect(again.created).toBe(false);
      expect(again.connection).toMatchObject({
        id: f.source.id,
        status: 'active',
        tokensSealed: `new-${f.source.id}`,
      });
      expect(again.connection.tokenVersion).toBeGreaterThan(f.source.tokenVersion);
      expect(again.connection.scopes).toEqual(['a', 'b']);
      expect(again.connection.tokenExpiresAt).toBeNull();
      expect(sealedFor).toEqual([f.source.id]);
    });

    it('creates one row when the same new account is connected twice at once', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const upsert = () =>
        store.upsertConnection({
          userId: f.userId,
          provider: 'oura',
          externalUserId: 'ext-oura-race',
          sealTokens: (id) => `sealed-for-${id}`,
          tokenExpiresAt: null,
          scopes: [],
        });
      const results = await Promise.all([upsert(), upsert(), upsert()]);
      expect(new Set(results.map((r) => r.connection.id)).size).toBe(1);
      expect(results.filter((r) => r.created)).toHaveLength(1);
      const [row] = await store.findConnectionsByProviderExternalUser('oura', 'ext-oura-race');
      expect(row?.tokenVersion).toBe(3);
      expect(row?.tokensSealed).toBe(`sealed-for-${row?.id ?? ''}`);
    });

    it('scopes reads to the owner and routes webhooks to every owner of an account', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const shared = await store.upsertConnection({
        userId: g.userId,
        provider: f.source.provider,
        externalUserId: f.source.externalUserId,
        sealTokens: (id) => id,
        tokenExpiresAt: null,
        scopes: [],
      });
      expect(shared.created).toBe(true);
      expect(shared.connection.id).not.toBe(f.source.id);
      expect(await store.getConnection(f.source.id, g.userId)).toBeNull();
      expect((await store.getConnection(f.source.id, f.userId))?.externalUserId).toBe(
        f.source.externalUserId,
      );
      const routed = await store.findConnectionsByProviderExternalUser(
        f.source.provider,
        f.source.externalUserId,
      );
      expect(routed.map((c) => c.userId).sort()).toEqual([f.userId, g.userId].sort());
      expect((await store.listConnectionsByUser(f.userId)).map((c) => c.id).sort()).toEqual(
        [f.source.id, f.destination.id].sort(),
      );
    });

    it('updates tokens by compare-and-swap on the version', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const v = f.source.tokenVersion;
      const update = {
        connectionId: f.source.id,
        expectedVersion: v,
        tokenExpiresAt: new Date('2032-01-01Z'),
      };
      const [first, second] = await Promise.all([
        store.updateConnectionTokens({ ...update, tokensSealed: 'winner' }),
        store.updateConnectionTokens({ ...update, tokensSealed: 'loser' }),
      ]);
      expect([first, second].filter(Boolean)).toHaveLength(1);
      const after = await store.getConnection(f.source.id);
      expect(after?.tokenVersion).toBe(v + 1);
      expect(after?.tokensSealed).toBe(first ? 'winner' : 'loser');
      expect(await store.updateConnectionTokens({ ...update, tokensSealed: 'stale' })).toBe(false);
      expect(
        await store.updateConnectionTokens({
          ...update,
          expectedVersion: v + 1,
          tokensSealed: 't3',
          scopes: ['x'],
        }),
      ).toBe(true);
      expect((await store.getConnection(f.source.id))?.scopes).toEqual(['x']);
    });

    it('sets status and deletes with the rules that use it', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      expect(await store.setConnectionStatus(f.destination.id, 'revoked')).toBe(true);
      expect((await store.getConnection(f.destination.id))?.status).toBe('revoked');
      expect(await store.setConnectionStatus(randomUUID(), 'revoked')).toBe(false);
      const g = await seedFixture(store);
      expect(await store.deleteConnection(f.destination.id, g.userId)).toBe(false);
      expect(await store.deleteConnection(f.destination.id, f.userId)).toBe(true);
      expect(await store.getConnection(f.destination.id)).toBeNull();
      expect(await store.getRule(f.rule.id)).toBeNull();
      expect(await store.getConnection(f.source.id)).not.toBeNull();
    });
  });
}

function describeRuleContract(getStore: () => MetadataStore): void {
  describe('rules', () => {
    it('creates, reads per owner, updates and deletes', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      expect(f.rule).toMatchObject({ dataTypes: ['workout'], enabled: true, intervalMinutes: 60 });
      expect(await store.getRule(f.rule.id, g.userId)).toBeNull();
      expect(await store.getRule(f.rule.id, f.userId)).toEqual(f.rule);
      expect((await store.listRulesByUser(f.userId)).map((r) => r.id)).toEqual([f.rule.id]);

      expect(await store.updateRule(f.rule.id, g.userId, { enabled: false })).toBeNull();
      const updated = await store.updateRule(f.rule.id, f.userId, {
        enabled: false,
        dataTypes: ['sleep', 'heart_rate'],
        conflictStrategy: 'newest',
        nextRunAt: null,
      });
      expect(updated).toMatchObject({
        enabled: false,
        dataTypes: ['sleep', 'heart_rate'],
        conflictStrategy: 'newest',
        nextRunAt: null,
        intervalMinutes: 60,
      });
      expect(await store.deleteRule(f.rule.id, g.userId)).toBe(false);
      expect(await store.deleteRule(f.rule.id, f.userId)).toBe(true);
      expect(await store.getRule(f.rule.id)).toBeNull();
    });

    it('lists due enabled rules soonest first, within the limit', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const at = (iso: string) => new Date(iso);
      const make = (nextRunAt: Date | null, enabled = true) =>
        store.createRule({ ...f.rule, dataTypes: ['sleep'], enabled, nextRunAt });
      const late = await make(at('2024-01-01T02:00:00Z'));
      const early = await make(at('2024-01-01T01:00:00Z'));
      await make(at('2024-01-01T00:30:00Z'), false);
      await make(null);
      const now = at('2024-01-01T03:00:00Z');
      expect((await store.listDueRules(now, 10)).map((r) => r.id)).toEqual([early.id, late.id]);
      expect((await store.listDueRules(now, 1)).map((r) => r.id)).toEqual([early.id]);
      expect(await store.setRuleNextRunAt(early.id, at('2024-01-01T05:00:00Z'))).toBe(true);
      expect((await store.listDueRules(now, 10)).map((r) => r.id)).toEqual([late.id]);
      expect((await store.getRule(early.id))?.nextRunAt).toEqual(at('2024-01-01T05:00:00Z'));
    });

    it('claims due rules soonest first and leases them, so a second claim does not take them', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const at = (iso: string) => new Date(iso);
      const make = (nextRunAt: Date | null, enabled = true) =>
        store.createRule({ ...f.rule, dataTypes: ['sleep'], enabled, nextRunAt });
      const late = await make(at('2024-01-01T02:00:00Z'));
      const early = await make(at('2024-01-01T01:00:00Z'));
      await make(at('2024-01-01T00:30:00Z'), false);
      await make(null);
      const now = at('2024-01-01T03:00:00Z');
      const leaseEnd = at('2024-01-01T03:01:00Z');

      const first = await store.claimDueRules(now, 1, 60_000);
      expect(first.map((r) => [r.id, r.nextRunAt])).toEqual([[early.id, leaseEnd]]);
      expect((await store.getRule(early.id))?.nextRunAt).toEqual(leaseEnd);
      const second = await store.claimDueRules(now, 10, 60_000);
      expect(second.map((r) => r.id)).toEqual([late.id]);
      expect(await store.claimDueRules(now, 10, 60_000)).toEqual([]);
      // The lease ends: an unfinished claim (a scheduler that died) comes due again.
      const again = await store.claimDueRules(leaseEnd, 10, 60_000);
      expect(again.map((r) => r.id).sort()).toEqual([early.id, late.id].sort());
      expect(await store.claimDueRules(at('2030-01-01T00:00:00Z'), 0, 60_000)).toEqual([]);
    });

    it('never hands the same due rule to two concurrent claims', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const due = new Date('2024-01-01T00:00:00Z');
      const ids = [f.rule.id];
      for (let i = 0; i < 29; i += 1) {
        ids.push((await store.createRule({ ...f.rule, nextRunAt: due })).id);
      }
      const now = new Date('2031-01-01T00:00:00Z');
      const claims = await Promise.all(Array.from({ length: 6 }, () => store.claimDueRules(now, 7, 60_000)));
      const claimed = claims.flat().map((r) => r.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      expect(claimed.sort()).toEqual(ids.sort());
    });

    it('lists the rules that use a connection on either side', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const reverse = await store.createRule({
        ...f.rule,
        sourceConnectionId: f.destination.id,
        destinationConnectionId: f.source.id,
      });
      const ids = (await store.listRulesByConnection(f.destination.id)).map((r) => r.id).sort();
      expect(ids).toEqual([f.rule.id, reverse.id].sort());
      expect(await store.listRulesByConnection(randomUUID())).toEqual([]);
    });
  });
}

function describeRunContract(getStore: () => MetadataStore): void {
  describe('runs', () => {
    it('does not count a backfill run as the active run that holds back live syncs', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'backfill' });
      expect(await store.hasActiveRun(f.rule.id)).toBe(false);
      await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'scheduled' });
      expect(await store.hasActiveRun(f.rule.id)).toBe(true);
    });

    it('moves queued → running → finished once, with counts from its items', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      expect(run).toMatchObject({ status: 'queued', startedAt: null, counts: { read: 0, written: 0 } });
      expect(await store.hasActiveRun(f.rule.id)).toBe(true);
      expect(await store.markRunRunning(run.id)).toBe(true);
      const started = (await store.getRun(run.id))?.startedAt;
      expect(started).toBeInstanceOf(Date);
      expect(await store.markRunRunning(run.id)).toBe(true);
      expect((await store.getRun(run.id))?.startedAt).toEqual(started);

      await store.commitPage(
        page(f, run.id, { items: [item('a'), item('b', 'skipped'), item('c', 'failed')] }),
      );
      await store.commitPage(page(f, run.id, { items: [item('d')] }));
      expect(await store.finishRun(run.id, 'partial', 'SW_ITEM_INVALID_PAYLOAD')).toBe(true);
      const done = await store.getRun(run.id, f.userId);
      expect(done).toMatchObject({ status: 'partial', errorCode: 'SW_ITEM_INVALID_PAYLOAD' });
      expect(done?.counts).toEqual({ read: 4, written: 2, skipped: 1, failed: 1 });
      expect(done?.finishedAt).toBeInstanceOf(Date);
      expect(await store.finishRun(run.id, 'succeeded')).toBe(false);
      expect(await store.markRunRunning(run.id)).toBe(false);
      expect(await store.hasActiveRun(f.rule.id)).toBe(false);
      expect((await store.listRunItems(run.id, f.userId)).map((i) => [i.seq, i.externalId])).toEqual([
        [0, 'a'],
        [1, 'b'],
        [2, 'c'],
        [3, 'd'],
      ]);
    });

    it('opens a checked run: only for the owner, only with both connections active, joining a live one', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const input = { ruleId: f.rule.id, userId: f.userId, trigger: 'manual' } as const;
      expect(await store.openRunChecked({ ...input, userId: g.userId })).toEqual({ kind: 'rule_not_found' });
      expect(await store.openRunChecked({ ...input, ruleId: randomUUID() })).toEqual({
        kind: 'rule_not_found',
      });
      await store.updateRule(f.rule.id, f.userId, { enabled: false });
      expect(await store.openRunChecked(input)).toEqual({ kind: 'rule_disabled' });
      await store.updateRule(f.rule.id, f.userId, { enabled: true });

      await store.setConnectionStatus(f.destination.id, 'needs_reauth');
      expect(await store.openRunChecked(input)).toEqual({
        kind: 'connection_not_ready',
        connectionId: f.destination.id,
      });
      await store.setConnectionStatus(f.source.id, 'needs_reauth');
      expect(await store.openRunChecked(input)).toEqual({
        kind: 'connection_not_ready',
        connectionId: f.source.id,
      });
      expect(await store.listRuns({ userId: f.userId })).toEqual([]);
      await store.setConnectionStatus(f.source.id, 'active');
      await store.setConnectionStatus(f.destination.id, 'active');

      const opened = await store.openRunChecked(input);
      expect(opened).toMatchObject({
        kind: 'opened',
        created: true,
        run: { status: 'queued', trigger: 'manual' },
      });
      const run = opened.kind === 'opened' ? opened.run : null;
      expect(await store.getRun(run?.id ?? '')).toEqual(run);
      // A second request joins the live run; a backfill run does not count as one.
      expect(await store.openRunChecked(input)).toEqual({ kind: 'opened', created: false, run });
      await store.finishRun(run?.id ?? '', 'succeeded');
      await store.createRun({ ...input, trigger: 'backfill' });
      expect(await store.openRunChecked(input)).toMatchObject({ kind: 'opened', created: true });

      // Concurrent openers: one run.
      const other = await store.createRule({ ...f.rule, dataTypes: ['sleep'] });
      const racing = await Promise.all(
        Array.from({ length: 6 }, () => store.openRunChecked({ ...input, ruleId: other.id })),
      );
      const ids = new Set(racing.map((r) => (r.kind === 'opened' ? r.run.id : r.kind)));
      expect(ids.size).toBe(1);
      expect(racing.filter((r) => r.kind === 'opened' && r.created)).toHaveLength(1);
    });

    it('claims a run with its rule, connections, cursors and resolved-conflict flag in one step', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      const claim = await store.claimRun(run.id);
      expect(claim?.run).toMatchObject({ id: run.id, status: 'running', ruleId: f.rule.id });
      expect(claim?.run.startedAt).toBeInstanceOf(Date);
      expect(claim?.rule).toEqual(await store.getRule(f.rule.id));
      expect(claim?.source).toEqual(await store.getConnection(f.source.id));
      expect(claim?.destination).toEqual(await store.getConnection(f.destination.id));
      expect(claim?.cursors).toEqual(new Map());
      expect(claim?.hasResolvedConflicts).toBe(false);

      // A second claim of the running run keeps its start; cursors come along.
      await store.commitPage(page(f, run.id, { cursor: 'c-workout' }));
      await store.commitPage(page(f, run.id, { cursor: 'c-sleep', dataType: 'sleep' }));
      const again = await store.claimRun(run.id);
      expect(again?.run.startedAt).toEqual(claim?.run.startedAt);
      expect(again?.cursors).toEqual(
        new Map([
          ['workout', 'c-workout'],
          ['sleep', 'c-sleep'],
        ]),
      );

      await store.recordConflicts([
        {
          ruleId: f.rule.id,
          dataType: 'workout',
          range: { from: new Date('2026-01-01T00:00:00Z'), to: new Date('2026-01-01T01:00:00Z') },
          sourceExternalId: 'w1',
          destinationId: 'd1',
          code: 'SW_ITEM_CONFLICT_PENDING',
        },
      ]);
      const [open] = await store.listConflicts({ userId: f.userId });
      expect(await store.claimRun(run.id)).toMatchObject({ hasResolvedConflicts: false });
      await store.resolveConflict(open?.id ?? '', f.userId, 'destination');
      expect(await store.claimRun(run.id)).toMatchObject({ hasResolvedConflicts: true });

      await store.finishRun(run.id, 'succeeded');
      expect(await store.claimRun(run.id)).toBeNull();
      expect(await store.claimRun(randomUUID())).toBeNull();

      // A connection that is gone (or another user's) is null, not an error.
      const g = await seedFixture(store);
      const foreign = await store.createRule({ ...f.rule, destinationConnectionId: g.destination.id });
      const foreignRun = await store.createRun({ ruleId: foreign.id, userId: f.userId, trigger: 'manual' });
      expect(await store.claimRun(foreignRun.id)).toMatchObject({ destination: null });
    });

    it('scopes runs and items to their owner', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const g = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      await store.commitPage(page(f, run.id, { items: [item('a')] }));
      expect(await store.getRun(run.id, g.userId)).toBeNull();
      expect(await store.listRunItems(run.id, g.userId)).toEqual([]);
      expect(await store.listRuns({ userId: g.userId })).toEqual([]);
      expect(await store.markRunRunning(randomUUID())).toBe(false);
    });

    it('lists by rule and status, newest first, with paging; and lists unfinished runs for the sweep', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const other = await store.createRule({ ...f.rule, dataTypes: ['sleep'] });
      const third = await store.createRule({ ...f.rule, dataTypes: ['body_measurement'] });
      const ruleOf = { scheduled: f.rule.id, webhook: third.id, backfill: f.rule.id, manual: other.id };
      const runs = [];
      for (const trigger of ['scheduled', 'webhook', 'backfill', 'manual'] as const) {
        runs.push(await store.createRun({ ruleId: ruleOf[trigger], userId: f.userId, trigger }));
        await new Promise((resolve) => setTimeout(resolve, 3));
      }
      const [r0, r1, r2, r3] = runs.map((r) => r.id);
      await store.markRunRunning(r1!);
      await store.markRunRunning(r2!);
      await store.finishRun(r2!, 'failed', 'SW_PROVIDER_UNAVAILABLE');

      expect((await store.listRuns({ userId: f.userId })).map((r) => r.id)).toEqual([r3, r2, r1, r0]);
      expect((await store.listRuns({ userId: f.userId, ruleId: f.rule.id })).map((r) => r.id)).toEqual([
        r2,
        r0,
      ]);
      expect((await store.listRuns({ userId: f.userId, status: 'failed' })).map((r) => r.id)).toEqual([r2]);
      expect((await store.listRuns({ userId: f.userId, limit: 2, offset: 1 })).map((r) => r.id)).toEqual([
        r2,
        r1,
      ]);
      expect((await store.listUnfinishedRuns()).map((r) => [r.id, r.status])).toEqual([
        [r0, 'queued'],
        [r1, 'running'],
        [r3, 'queued'],
      ]);
    });

    it('ends a run asked to succeed as partial when any of its items missed data, whichever execution committed them', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      // An earlier execution committed a page with an unusable record, then was retried.
      await store.commitPage(page(f, run.id, { items: [item('a'), item('b', 'failed')] }));
      await store.commitPage(page(f, run.id, { items: [item('c')] }));
      expect(await store.finishRun(run.id, 'succeeded')).toBe(true);
      expect((await store.getRun(run.id))?.status).toBe('partial');
      const g = await seedFixture(store);
      const clean = await store.createRun({ ruleId: g.rule.id, userId: g.userId, trigger: 'manual' });
      await store.commitPage(page(g, clean.id, { items: [item('a'), item('b', 'skipped')] }));
      await store.finishRun(clean.id, 'succeeded');
      expect((await store.getRun(clean.id))?.status).toBe('succeeded');
    });

    it('keeps one queued or running live run per rule: openRun joins it, even when calls race', async () => {
      const store = getStore();
      const f = await seedFixture(store);
      const opened = await Promise.all(
        (['manual', 'scheduled', 'manual', 'webhook', 'manual'] as const).map((trigger) =>
          store.openRun({ ruleId: f.rule.id, userId: f.userId, trigger }),
        ),
      );
      expect(opened.filter((o) => o.created)).toHaveLength(1);
      expect(new Set(opened.map((o) => o.run.id)).size).toBe(1);
      await expect(
        store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' }),
      ).rejects.toMatchObject({ code: 'SW_CONFLICT' });
      // Backfill chunk runs are not live runs: they never hold one back, nor are joined.
      const chunkRun = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'backfill' });
      expect(chunkRun.id).not.toBe(opened[0]!.run.id);
      const first = opened[0]!.run;
      await store.markRunRunning(first.id);
      expect(await store.openRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' })).toMatchObject({
        created: false,
        run: { id: first.id, status: 'running' },
      });
      await store.finishRun(first.id, 'succeeded');
      const next = await store.openRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
      expect(next.created).toBe(true);
      expect(next.run).toMatchObject({ status: 'queued', trigger: 'manual', backfillId: null });
      // A cancelled run is finished too.
      await store.finishRun(next.run.id, 'cancelled', 'SW_RUN_CANCELLED');
      expect(await store.getRun(next.run.id)).toMatchObject({
        status: 'cancelled',
        errorCode: 'SW_RUN_CANCELLED',
      });
      expect(await store.hasActiveRun(f.rule.id)).toBe(false);
    });
  });
}
