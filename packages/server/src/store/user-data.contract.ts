import { describe, expect, it } from 'vitest';
import type { MetadataStore } from './port.js';
import { intent, item, page, seedFixture } from './store.contract.js';
import { SERVER_WIDE_TABLES, USER_DATA_TABLES } from './kysely/user-data-queries.js';
import { WITHHELD_COLUMNS } from './user-data-page.js';

/** A user with at least one row in every user-data table, made through the store's own methods. */
async function seedEverything(store: MetadataStore): Promise<string> {
  const f = await seedFixture(store);
  await store.createRefreshSession({
    userId: f.userId,
    tokenHash: `th-${f.userId}`,
    expiresAt: new Date('2030-01-01'),
  });
  await store.createOAuthState({
    state: `st-${f.userId}`,
    userId: f.userId,
    provider: 'strava',
    codeVerifierSealed: 'sealed-verifier',
    redirectUri: 'http://localhost/cb',
    expiresAt: new Date('2030-01-01'),
  });
  await store.recordRefreshFailure({
    connectionId: f.source.id,
    tokenVersion: 1,
    at: new Date('2029-01-01'),
    code: 'SW_PROVIDER_AUTH_REVOKED',
  });
  for (let i = 0; i < 5; i++) {
    const run = await store.createRun({ ruleId: f.rule.id, userId: f.userId, trigger: 'manual' });
    await store.recordIntents([intent(f, `k-${i}`)]);
    await store.commitPage(
      page(f, run.id, { cursor: `c-${i}`, items: [item(`e-${i}`), item(`f-${i}`)], fencingToken: i + 1 }),
    );
    await store.finishRun(run.id, 'succeeded');
  }
  await store.createBackfill({
    ruleId: f.rule.id,
    userId: f.userId,
    dataTypes: ['workout'],
    range: { from: new Date('2029-01-01'), to: new Date('2029-01-03') },
    chunks: [
      { from: new Date('2029-01-01'), to: new Date('2029-01-02') },
      { from: new Date('2029-01-02'), to: new Date('2029-01-03') },
    ],
  });
  await store.recordConflicts([
    {
      ruleId: f.rule.id,
      dataType: 'workout',
      range: { from: new Date('2029-01-01T07:00:00Z'), to: new Date('2029-01-01T08:00:00Z') },
      sourceExternalId: 'w1',
      destinationId: 'a1',
      code: 'SW_ITEM_CONFLICT_PENDING',
    },
  ]);
  await store.createNotification({
    userId: f.userId,
    kind: 'connection_needs_reauth',
    connectionId: f.source.id,
    code: 'SW_PROVIDER_AUTH_REVOKED',
  });
  await store.upsertSummarySchedule({
    userId: f.userId,
    timeZone: 'Europe/Berlin',
    enabled: true,
    nextDueAt: new Date('2030-01-07'),
  });
  const target = await store.upsertPushTarget({
    userId: f.userId,
    channel: 'web_push',
    address: `https://push.test/${f.userId}`,
    p256dh: 'p256dh-key',
    auth: 'auth-secret',
  });
  await store.putNotificationSettings({ userId: f.userId, disabled: [], quietHours: null });
  await store.claimNoticeState(f.userId, `connection:${f.source.id}`, 'needs_reauth@v1');
  await store.enqueueDeliveries([
    {
      userId: f.userId,
      channel: 'web_push',
      targetId: target.id,
      notice: '{}',
      notBefore: new Date('2030-01-01'),
    },
  ]);
  await store.createDevice({
    userId: f.userId,
    platform: 'apple_health',
    name: 'phone',
    credentialHash: `ch-${f.userId}`,
  });
  await store.claimServerSetting('contract-user-data', 'server-wide');
  return f.userId;
}

/**
 * GDPR on every adapter: the store knows which rows of every table are a user's, exports them
 * without credentials, and deleting the user leaves none of them. The live schema is read from
 * the engine: a table that is neither user data nor declared server-wide fails here.
 */
export function describeUserDataContract(getStore: () => MetadataStore): void {
  describe("the user's own data", () => {
    it('classifies every table of the live schema', async () => {
      const tables = await getStore().schemaTables();
      const unclassified = tables.filter(
        (t) => !USER_DATA_TABLES.includes(t) && !SERVER_WIDE_TABLES.includes(t),
      );
      expect(unclassified).toEqual([]);
      expect(USER_DATA_TABLES.filter((t) => !tables.includes(t))).toEqual([]);
    });

    it('deletes every row of the user in every table and nothing of anyone else', async () => {
      const store = getStore();
      const alice = await seedEverything(store);
      const bob = await seedEverything(store);
      const aliceBefore = await store.countUserData(alice);
      const bobBefore = await store.countUserData(bob);
      // The seed reaches every table, so a zero below means deleted, not never written.
      expect(Object.entries(aliceBefore).filter(([, n]) => n === 0)).toEqual([]);
      expect(Object.keys(aliceBefore).sort()).toEqual([...USER_DATA_TABLES].sort());

      expect(await store.deleteUser(alice)).toBe(true);
      const aliceAfter = await store.countUserData(alice);
      expect(Object.entries(aliceAfter).filter(([, n]) => n !== 0)).toEqual([]);
      expect(await store.countUserData(bob)).toEqual(bobBefore);
      // Idempotent: a second deletion finds nothing and changes nothing.
      expect(await store.deleteUser(alice)).toBe(false);
      expect(await store.countUserData(bob)).toEqual(bobBefore);
    });

    it('exports every row of the user page by page, credentials withheld', async () => {
      const store = getStore();
      const alice = await seedEverything(store);
      const bob = await seedEverything(store);
      const counts = await store.countUserData(alice);
      const exported: Record<string, number> = {};
      let pages = 0;
      for await (const p of store.exportUserData(alice, 3)) {
        pages++;
        expect(p.rows.length).toBeLessThanOrEqual(3);
        exported[p.table] = (exported[p.table] ?? 0) + p.rows.length;
        for (const row of p.rows) {
          for (const column of WITHHELD_COLUMNS) expect(row).not.toHaveProperty(column);
          expect(JSON.stringify(row)).not.toContain(bob);
        }
      }
      expect(exported).toEqual(counts);
      expect(pages).toBeGreaterThan(USER_DATA_TABLES.length);
    });
  });
}
