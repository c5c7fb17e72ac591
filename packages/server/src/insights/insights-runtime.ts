import type { ConflictAdvisor } from '@syncwell/core';
import { startInsightsHttpServer, type InsightsClient, type RunningInsightsServer } from '@syncwell/insights';
import type { JobHandler } from '../queue/port.js';
import { insightsConflictAdvisor } from './insights-conflict-advisor.js';
import type { InsightsRouteDeps } from './insights-route-deps.js';
import { loadInsightsSettings } from './insights-settings.js';
import { wireInsights, type InsightsWiringDeps } from './insights-wiring.js';
import { recordJobSignals, recordWebhookReceipt } from './job-signals.js';
import { WeeklySummaryScheduler } from './weekly-summary-scheduler.js';

export interface InsightsRoles {
  readonly api: boolean;
  readonly worker: boolean;
  readonly scheduler: boolean;
  /** `syncwell insights`: serve the service over HTTP. */
  readonly insights: boolean;
}

/** How the insights service plugs into each role of this process. */
export interface InsightsParts {
  readonly client: InsightsClient;
  readonly routeDeps: InsightsRouteDeps;
  readonly conflictAdvisor: ConflictAdvisor;
  /** The worker's handler, noting rate-limit waits and retries for the troubleshooter. */
  wrapHandler(handler: JobHandler): JobHandler;
  /** Notes verified provider notifications (webhook health). */
  noteWebhook(connectionIds: readonly string[]): Promise<void>;
  /** Where `syncwell insights` listens, when this process is that role. */
  readonly serverUrl: string | undefined;
  /** The weekly-summary schedule, when this process is a scheduler (tests tick it). */
  readonly summaries: WeeklySummaryScheduler | undefined;
  close(): Promise<void>;
}

/**
 * Wires the insights service into this process's roles: the resilient client for api, worker and
 * scheduler (weekly summaries), and the HTTP server for the insights role.
 */
export async function startInsightsParts(
  deps: Omit<InsightsWiringDeps, 'settings' | 'local'> & {
    readonly roles: InsightsRoles;
    readonly summaryTickMs?: number;
  },
): Promise<InsightsParts> {
  const settings = loadInsightsSettings(deps.env);
  const wiring = await wireInsights({ ...deps, settings, local: deps.roles.insights });
  const nowMs = () => deps.now().getTime();
  let server: RunningInsightsServer | undefined;
  let summaries: WeeklySummaryScheduler | undefined;
  try {
    if (deps.roles.insights && wiring.service !== undefined) {
      server = await startInsightsHttpServer({
        api: wiring.service,
        authToken: wiring.authToken,
        host: settings.host,
        port: settings.port,
        onError: (error) => deps.logger.error({ err: error }, 'insights request failed'),
      });
    }
    if (deps.roles.scheduler) {
      summaries = new WeeklySummaryScheduler({
        store: deps.store,
        insights: wiring.client,
        notifier: deps.notifier,
        logger: deps.logger,
        now: deps.now,
        ...(deps.summaryTickMs === undefined ? {} : { tickMs: deps.summaryTickMs }),
      });
      summaries.start();
    }
  } catch (error) {
    await server?.close();
    await wiring.close();
    throw error;
  }
  return {
    client: wiring.client,
    routeDeps: { client: wiring.client },
    conflictAdvisor: insightsConflictAdvisor(wiring.client),
    wrapHandler: (handler) => recordJobSignals(handler, deps.coordination.cache, nowMs),
    noteWebhook: (ids) => recordWebhookReceipt(deps.coordination.cache, ids, nowMs()),
    serverUrl: server?.url,
    summaries,
    close: async () => {
      await summaries?.stop();
      await server?.close();
      await wiring.close();
    },
  };
}
