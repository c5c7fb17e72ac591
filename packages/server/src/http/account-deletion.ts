import type { FastifyBaseLogger } from 'fastify';
import type { MetadataStore } from '../store/port.js';
import { revokeAtProvider, type RevokerDeps } from './provider-revoker.js';

export interface AccountDeletionDeps extends RevokerDeps {
  readonly store: MetadataStore;
  /** Ends every session (and the session gate's cache of them) just before the user row goes. */
  readonly sessions?: { endAllSessions(userId: string): Promise<unknown> };
}

const PAGE = 200;

/**
 * Deletes an account (DESIGN §10, GDPR art. 17) in steps that are each idempotent, so a deletion
 * interrupted anywhere (crash, provider timeout, deploy) finishes when it is asked again:
 *
 * 1. stop new work: every rule disabled (its backfill paused), so nothing is scheduled;
 * 2. cancel queued and running runs: their jobs, which carry only the run id, find a finished
 *    run and do nothing, and after step 4 no run at all;
 * 3. per connection, revoke our grant at the provider (best effort, see revokeAtProvider), then
 *    forget the connection, so a resumed deletion never revokes a grant twice;
 * 4. delete the user row: every remaining row cascades (the store's user-data contract checks
 *    each table on SQLite and PostgreSQL).
 */
export async function deleteAccount(
  deps: AccountDeletionDeps,
  userId: string,
  log: FastifyBaseLogger,
): Promise<void> {
  const { store } = deps;
  for (const rule of await store.listRulesByUser(userId)) {
    if (rule.enabled) await store.updateRule(rule.id, userId, { enabled: false });
    await store.pauseBackfills(rule.id);
  }
  for (const status of ['queued', 'running'] as const) {
    for (;;) {
      const runs = await store.listRuns({ userId, status, limit: PAGE });
      let cancelled = 0;
      for (const run of runs) if (await store.finishRun(run.id, 'cancelled')) cancelled++;
      // A page that cancelled nothing would come back the same: stop instead of spinning.
      if (runs.length < PAGE || cancelled === 0) break;
    }
  }
  for (const connection of await store.listConnectionsByUser(userId)) {
    await revokeAtProvider(deps, connection, log);
    await store.deleteConnection(connection.id, userId);
  }
  // Until here the caller's token still works, so an interrupted deletion resumes with it; the
  // sessions end while their rows still exist, so the gate forgets each one.
  await deps.sessions?.endAllSessions(userId);
  await store.deleteUser(userId);
}
