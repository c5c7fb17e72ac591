import type { ErrorCode, ProviderFacts, ProviderId } from '@syncwell/core';
import type {
  BackfillFacts,
  ConnectionFacts,
  DeadLetterFacts,
  DiagnosticsSource,
  RuleFacts,
  RunFacts,
} from '@syncwell/insights';
import type { Cache } from '../coordination/port.js';
import type { JobQueue } from '../queue/port.js';
import type { ConnectionRow, MetadataStore, NotificationRow } from '../store/port.js';
import { readJobSignal, readWebhookReceipt } from './job-signals.js';

export interface DiagnosticsAdapterDeps {
  readonly store: MetadataStore;
  readonly queue: Pick<JobQueue, 'deadLetters'>;
  readonly cache: Cache;
  /** Every provider's facts (configured or not: an old connection may outlive its config). */
  readonly facts: ReadonlyMap<ProviderId, ProviderFacts>;
}

const ALARM_KINDS = new Set(['connection_needs_reauth', 'connection_exhausted']);

/**
 * The troubleshooter's `DiagnosticsSource` over the server's real state: the store (connections,
 * rules, runs and their items, backfills, alarms in the inbox), the queue's dead letters and the
 * job signals and webhook receipts the worker and api note in the shared cache.
 */
export function createDiagnosticsSource(deps: DiagnosticsAdapterDeps): DiagnosticsSource {
  const { store } = deps;
  const owns = async (userId: string, ruleId: string) => (await store.getRule(ruleId, userId)) !== null;

  return {
    async listConnections(userId) {
      const [connections, inbox] = await Promise.all([
        store.listConnectionsByUser(userId),
        store.listNotifications({ userId, limit: 200 }),
      ]);
      return connections.map((c) => connectionFacts(c, deps.facts.get(c.provider), latestAlarm(inbox, c.id)));
    },

    async listRules(userId) {
      return (await store.listRulesByUser(userId)).map((r): RuleFacts => ({
        id: r.id,
        sourceConnectionId: r.sourceConnectionId,
        destinationConnectionId: r.destinationConnectionId,
        dataTypes: r.dataTypes,
        conflictStrategy: r.conflictStrategy,
        enabled: r.enabled,
        intervalMinutes: r.intervalMinutes,
        nextRunAt: r.nextRunAt,
      }));
    },

    async recentRuns(userId, ruleId, limit) {
      const runs = await store.listRuns({ userId, ruleId, limit });
      return Promise.all(
        runs.map(async (run): Promise<RunFacts> => {
          const itemCodes: Partial<Record<ErrorCode, number>> = {};
          for (const item of await store.listRunItems(run.id, userId))
            itemCodes[item.code] = (itemCodes[item.code] ?? 0) + 1;
          return {
            id: run.id,
            trigger: run.trigger,
            status: run.status,
            errorCode: run.errorCode,
            counts: run.counts,
            itemCodes,
            createdAt: run.createdAt,
            finishedAt: run.finishedAt,
          };
        }),
      );
    },

    async jobSignal(userId, ruleId) {
      return (await owns(userId, ruleId)) ? readJobSignal(deps.cache, ruleId) : null;
    },

    async deadLetters(userId, ruleId) {
      if (!(await owns(userId, ruleId))) return [];
      return (await deps.queue.deadLetters(200))
        .filter((d) => d.job.payload.ruleId === ruleId)
        .map((d): DeadLetterFacts => ({
          runId: d.job.payload.runId ?? null,
          code: d.code,
          failedAt: d.failedAt,
        }));
    },

    async webhookHealth(userId, connectionId) {
      const connection = await store.getConnection(connectionId, userId);
      if (connection === null) return null;
      return {
        connectionId,
        push: deps.facts.get(connection.provider)?.capabilities.push ?? 'none',
        lastReceivedAt: await readWebhookReceipt(deps.cache, connectionId),
      };
    },

    async backfills(userId, ruleId) {
      if (!(await owns(userId, ruleId))) return [];
      const running = await store.findActiveBackfill(ruleId);
      if (running === null) return [];
      const chunkRuns = (await store.listRuns({ userId, ruleId, backfillId: running.id, limit: 50 })).filter(
        (r) => r.finishedAt !== null,
      );
      const lastFinished = chunkRuns
        .map((r) => r.finishedAt?.getTime() ?? 0)
        .reduce((a, b) => Math.max(a, b), 0);
      const facts: BackfillFacts = {
        id: running.id,
        status: running.status,
        chunks: running.progress.chunks,
        records: running.progress.records.written,
        createdAt: running.createdAt,
        lastProgressAt: new Date(Math.max(lastFinished, running.createdAt.getTime())),
      };
      return [facts];
    },
  };
}

function latestAlarm(inbox: readonly NotificationRow[], connectionId: string): NotificationRow | undefined {
  // Newest first from the store; an unread alarm is the one that still stands.
  return inbox.find((n) => n.connectionId === connectionId && ALARM_KINDS.has(n.kind) && n.readAt === null);
}

function connectionFacts(
  c: ConnectionRow,
  facts: ProviderFacts | undefined,
  alarm: NotificationRow | undefined,
): ConnectionFacts {
  const retirement = (facts as { retirement?: { successor?: string } } | undefined)?.retirement;
  return {
    id: c.id,
    provider: c.provider,
    displayName: shortName(facts?.displayName ?? c.provider),
    status: c.status,
    tokenExpiresAt: c.tokenExpiresAt,
    scopesGranted: c.scopes,
    scopesRequired: facts?.auth.scopes ?? [],
    alarmCode: alarm?.code ?? null,
    alarmAt: alarm?.createdAt ?? null,
    push: facts?.capabilities.push ?? 'none',
    readable: facts?.capabilities.readable ?? [],
    writable: facts?.capabilities.writable ?? [],
    successor: (retirement?.successor as ProviderId | undefined) ?? null,
    createdAt: c.createdAt,
    updatedAt: c.updatedAt,
  };
}

/** "Fitbit (legacy Web API, turned down — …)" → "Fitbit": the name a user knows. */
function shortName(displayName: string): string {
  return displayName.replace(/\s*\(.*\)\s*$/, '');
}
