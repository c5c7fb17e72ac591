import type { ConnectionRow, MetadataStore } from '../../store/port.js';
import type { NotificationEvent } from '../port.js';

export type SubjectStore = Pick<MetadataStore, 'listRuns' | 'listConflicts'>;

/**
 * What a notice is about and the state it announces, for "one notice per state change": the
 * same (subject, state) pair is announced once, however often a worker reports it.
 *
 * - a connection: its alarm kind at its token version, so a reconnect (new tokens) that fails
 *   again is news, while hourly failures of the same dead tokens are not;
 * - a rule that keeps failing: since its latest successful run, so one success re-arms it;
 * - a backfill: how it ended (it ends once);
 * - a rule's conflicts: the oldest one still open, so more conflicts piling onto unanswered ones
 *   are not news, but a new one after the user cleared the list is;
 * - the weekly summary: its local day (the summary scheduler already sends one a week).
 *
 * Returns null when nothing is left to announce (the conflicts were answered meanwhile).
 */
export async function noticeSubject(
  store: SubjectStore,
  event: NotificationEvent,
  connection: ConnectionRow | null,
  now: Date,
): Promise<{ subject: string; state: string } | null> {
  switch (event.kind) {
    case 'connection_needs_reauth':
    case 'connection_exhausted':
      return {
        subject: `connection:${event.connectionId ?? '-'}`,
        state: `${event.kind}@v${connection?.tokenVersion ?? 0}`,
      };
    case 'run_dead_lettered': {
      if (event.ruleId === undefined) return { subject: `run:${event.runId ?? '-'}`, state: event.kind };
      const [lastGood] = await store.listRuns({
        userId: event.userId,
        ruleId: event.ruleId,
        status: 'succeeded',
        limit: 1,
      });
      return { subject: `rule:${event.ruleId}:runs`, state: `failing-since:${lastGood?.id ?? 'start'}` };
    }
    case 'backfill_incomplete':
    case 'backfill_completed':
      return { subject: `backfill:${event.backfillId ?? event.ruleId ?? '-'}`, state: event.kind };
    case 'conflict_waiting': {
      const open = await store.listConflicts({
        userId: event.userId,
        ...(event.ruleId === undefined ? {} : { ruleId: event.ruleId }),
        status: 'open',
        limit: 200,
      });
      const oldest = open.at(-1);
      if (oldest === undefined) return null;
      return { subject: `rule:${event.ruleId ?? '-'}:conflicts`, state: `oldest-open:${oldest.id}` };
    }
    case 'weekly_summary':
      return { subject: 'weekly_summary', state: now.toISOString().slice(0, 10) };
  }
}
