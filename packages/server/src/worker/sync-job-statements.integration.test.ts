import { randomBytes } from 'node:crypto';
import type { ProviderBundle, ProviderId } from '@syncwell/core';
import { BenchProbeCounter, benchDestinationModule, benchSourceModule } from '@syncwell/testbed';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sealTokenSet } from '../auth/connection-tokens.js';
import { RefreshRegistry } from '../connections/connection-session.js';
import { MemoryCoordination } from '../coordination/memory/memory-coordination.js';
import type { QueueJob } from '../queue/port.js';
import { createLedgerHash } from '../runtime/ledger-hash.js';
import { createPostgresStore, type StatementCounter } from '../store/postgres/postgres-store.js';
import type { MetadataStore } from '../store/port.js';
import { createTestDatabase, type TestDatabase } from '../testing/postgres-test-support.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { createSyncRunHandler } from './sync-run-handler.js';

/*
 * Issue 10: a sync job's PostgreSQL statements are a constant of the hot path, not of the
 * number of records. Each case runs one real job (bench providers: one page, every record new,
 * a write-only destination) through the worker handler and counts what the store's pool sent.
 */

/** What one job on the common path costs: claim, ledger lookup with intents, commit with finish. */
const STATEMENTS_PER_JOB = 3;

let testDb: TestDatabase;
let store: MetadataStore;
const statements: StatementCounter = { count: 0 };
const vault = createEnvelopeVault(randomBytes(32));
const ledgerHash = createLedgerHash(randomBytes(32));

beforeAll(async () => {
  testDb = await createTestDatabase();
  store = await createPostgresStore({ connectionString: testDb.url, poolSize: 4, statements });
});
afterAll(async () => {
  await store.close();
  await testDb.drop();
});

interface QueuedRun {
  readonly runId: string;
  readonly ruleId: string;
  readonly userId: string;
}

/** A user with a bench source and destination connection, one rule and one queued run. */
async function queuedRun(): Promise<QueuedRun> {
  const user = await store.createUser({
    email: `s-${randomBytes(4).toString('hex')}@x.org`,
    passwordHash: 'h',
  });
  const tokens = { accessToken: 'a', refreshToken: null, expiresAt: null, scopes: ['bench'] };
  const connect = async (provider: ProviderId) =>
    (
      await store.upsertConnection({
        userId: user.id,
        provider,
        externalUserId: `${provider}-${user.id}`,
        sealTokens: (connectionId) => sealTokenSet(vault, connectionId, tokens),
        tokenExpiresAt: null,
        scopes: ['bench'],
      })
    ).connection.id;
  const rule = await store.createRule({
    userId: user.id,
    sourceConnectionId: await connect('garmin'),
    destinationConnectionId: await connect('oura'),
    dataTypes: ['daily_activity'],
    conflictStrategy: 'source_wins',
    intervalMinutes: 60,
    enabled: true,
    nextRunAt: null,
  });
  const run = await store.createRun({ ruleId: rule.id, userId: user.id, trigger: 'scheduled' });
  return { runId: run.id, ruleId: rule.id, userId: user.id };
}

/**
 * Runs one job of `records` records (of a new rule, or a next run of `again`'s rule) and
 * answers the statements it sent and the run it made.
 */
async function statementsOfJob(
  records: number,
  expected: { written: number; skipped: number } = { written: records, skipped: 0 },
  again?: QueuedRun,
): Promise<{ sent: number; run: QueuedRun }> {
  const probe = new BenchProbeCounter();
  const bundle = (module: ReturnType<typeof benchSourceModule>): ProviderBundle =>
    module.create({ clientId: 'c', clientSecret: 's', baseUrls: module.facts.defaultBaseUrls });
  const providers = new Map<ProviderId, ProviderBundle>([
    ['garmin', bundle(benchSourceModule({ recordsPerPage: records, probe }))],
    ['oura', bundle(benchDestinationModule({ probe }))],
  ]);
  const coordination = new MemoryCoordination();
  const handler = createSyncRunHandler({
    store,
    vault,
    coordination,
    providers,
    ledgerHash,
    refreshes: new RefreshRegistry(),
    logger: pino({ level: 'silent' }),
  });
  const queued =
    again === undefined
      ? await queuedRun()
      : {
          ...again,
          runId: (await store.createRun({ ruleId: again.ruleId, userId: again.userId, trigger: 'manual' }))
            .id,
        };
  const { runId, ruleId } = queued;
  const job: QueueJob = {
    id: runId,
    name: 'sync-run',
    payload: { runId, ruleId },
    priority: 'scheduled',
    attempt: 1,
    maxAttempts: 5,
  };
  statements.count = 0;
  await handler(job);
  const sent = statements.count;
  const run = await store.getRun(runId);
  expect(run).toMatchObject({ status: 'succeeded', counts: { read: records, ...expected } });
  expect(probe.recordsWritten).toBe(expected.written);
  expect(await store.listRunItems(runId)).toHaveLength(records);
  return { sent, run: queued };
}

describe('statements per sync job (PostgreSQL)', () => {
  it('is the same constant for 10 and for 200 new records', async () => {
    const ten = (await statementsOfJob(10)).sent;
    const twoHundred = (await statementsOfJob(200)).sent;
    expect({ ten, twoHundred }).toEqual({ ten: STATEMENTS_PER_JOB, twoHundred: STATEMENTS_PER_JOB });
  });

  it('costs the same for a next run, and for a page the ledger already holds (no write, no intents)', async () => {
    const first = await statementsOfJob(24);
    // The next run reads on from the cursor the claim brought: new days, written.
    expect((await statementsOfJob(24, undefined, first.run)).sent).toBe(STATEMENTS_PER_JOB);
    // A lost cursor: the same days again, all skipped by the ledger.
    await store.commitPage({
      runId: first.run.runId,
      ruleId: first.run.ruleId,
      dataType: 'daily_activity',
      cursor: '0',
      done: [],
      items: [],
    });
    const rerun = await statementsOfJob(24, { written: 0, skipped: 24 }, first.run);
    expect(rerun.sent).toBe(STATEMENTS_PER_JOB);
  });
});
