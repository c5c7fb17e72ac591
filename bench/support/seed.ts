import { randomBytes } from 'node:crypto';
import type { DataType } from '@syncwell/core';
import { sealTokenSet } from '../../packages/server/src/auth/connection-tokens.js';
import { hashPassword } from '../../packages/server/src/auth/password-hasher.js';
import type { JobPriority, JobQueue } from '../../packages/server/src/queue/port.js';
import type { MetadataStore, RunRow, RunTrigger } from '../../packages/server/src/store/port.js';
import type { SecretVault } from '../../packages/server/src/vault/port.js';
import { inParallel } from './in-parallel.js';

/** Every seeded user logs in with this password (only the API benchmark logs in). */
export const BENCH_PASSWORD = 'bench-password-not-secret';

export interface SeededRule {
  readonly userId: string;
  readonly email: string;
  readonly ruleId: string;
}

export interface SeedOptions {
  readonly dataTypes?: readonly DataType[];
  readonly parallel?: number;
  readonly onProgress?: (done: number) => void;
}

/**
 * `count` users, each with a source (garmin id) and a destination (oura id) connection and one
 * rule between them, written straight into the store: the worker and the API see exactly what
 * the OAuth flow would have stored (sealed tokens, active status). One rule per user, because
 * the worker holds one lock per rule and two jobs of one rule would wait on each other.
 */
export async function seedRules(
  store: MetadataStore,
  vault: SecretVault,
  count: number,
  options: SeedOptions = {},
): Promise<SeededRule[]> {
  // One scrypt hash for everyone: hashing is the API's cost, not the seed's.
  const passwordHash = await hashPassword(BENCH_PASSWORD);
  const run = randomBytes(4).toString('hex');
  const tokens = { accessToken: 'bench-access', refreshToken: null, expiresAt: null, scopes: ['bench'] };
  let done = 0;
  return inParallel(count, options.parallel ?? 16, async (i) => {
    const email = `bench-${run}-${i}@bench.invalid`;
    const user = await store.createUser({ email, passwordHash });
    const connect = async (provider: 'garmin' | 'oura') => {
      const { connection } = await store.upsertConnection({
        userId: user.id,
        provider,
        externalUserId: `${provider}-${run}-${i}`,
        sealTokens: (connectionId) => sealTokenSet(vault, connectionId, tokens),
        tokenExpiresAt: null,
        scopes: ['bench'],
      });
      return connection.id;
    };
    const [sourceConnectionId, destinationConnectionId] = await Promise.all([
      connect('garmin'),
      connect('oura'),
    ]);
    const rule = await store.createRule({
      userId: user.id,
      sourceConnectionId,
      destinationConnectionId,
      dataTypes: options.dataTypes ?? ['daily_activity'],
      conflictStrategy: 'source_wins',
      intervalMinutes: 60,
      enabled: true,
      // Never due: no scheduler runs in the benchmarks, and a stray one must not add work.
      nextRunAt: null,
    });
    options.onProgress?.(++done);
    return { userId: user.id, email, ruleId: rule.id };
  });
}

const PRIORITY: Record<RunTrigger, JobPriority> = {
  manual: 'manual',
  webhook: 'webhook',
  scheduled: 'scheduled',
  backfill: 'backfill',
};

/** One run per rule, written before its job as the dispatcher does (DESIGN §4). */
export async function enqueueRuns(
  store: MetadataStore,
  queue: JobQueue,
  rules: readonly SeededRule[],
  trigger: RunTrigger,
  onProgress?: (done: number) => void,
): Promise<RunRow[]> {
  let done = 0;
  return inParallel(rules.length, 16, async (i) => {
    const rule = rules[i]!;
    const run = await store.createRun({ ruleId: rule.ruleId, userId: rule.userId, trigger });
    await queue.enqueue({
      name: 'sync-run',
      payload: { runId: run.id, ruleId: rule.ruleId },
      priority: PRIORITY[trigger],
      jobId: run.id,
    });
    onProgress?.(++done);
    return run;
  });
}
