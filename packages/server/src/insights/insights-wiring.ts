import { join } from 'node:path';
import type { ProviderBundle, ProviderFacts, ProviderId } from '@syncwell/core';
import {
  HttpInsightsClient,
  loadLlmConfig,
  readModelMergeAdvisor,
  resilientInsights,
  ruleBasedMergeAdvisor,
  type InsightsApi,
  type InsightsClient,
  type LlmConfig,
  type MergeAdvisor,
} from '@syncwell/insights';
import { PROVIDER_MODULES } from '@syncwell/providers';
import type { Logger } from 'pino';
import type { AppConfig } from '../config/app-config.js';
import type { RefreshRegistry } from '../connections/connection-session.js';
import type { CoordinationAdapter } from '../coordination/port.js';
import type { Notifier } from '../notifications/port.js';
import type { JobQueue } from '../queue/port.js';
import type { MetadataStore } from '../store/port.js';
import { deriveSubkey } from '../vault/derive-subkey.js';
import type { SecretVault } from '../vault/port.js';
import { createDiagnosticsSource } from './diagnostics-adapter.js';
import type { InsightsSettings } from './insights-settings.js';
import { createSummarySource } from './summary-adapter.js';
import { endpointDepsOf } from './provider-endpoints.js';

export interface InsightsWiringDeps {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly settings: InsightsSettings;
  readonly config: AppConfig;
  readonly masterKey: Buffer;
  readonly store: MetadataStore;
  readonly queue: JobQueue;
  readonly coordination: CoordinationAdapter;
  readonly vault: SecretVault;
  readonly providers: ReadonlyMap<ProviderId, ProviderBundle>;
  readonly refreshes: RefreshRegistry;
  readonly notifier: Notifier;
  readonly logger: Logger;
  readonly now: () => Date;
  /**
   * Who suggests conflict merges. Default: the shipped conflict-merge model (read at start-up),
   * the rules for the types it does not cover, and the rules alone if the model file is unusable.
   */
  readonly mergeAdvisor?: MergeAdvisor;
  /** Serve the service itself even when SYNCWELL_INSIGHTS_URL is set (the insights role). */
  readonly local?: boolean;
}

export interface InsightsWiring {
  /** What api, worker and scheduler call: timeout, breaker, availability counters. */
  readonly client: InsightsClient;
  /** The service itself when this process runs it (embedded, or the insights role). */
  readonly service: InsightsApi | undefined;
  /** The bearer secret of the internal protocol, derived from the master key. */
  readonly authToken: string;
  close(): Promise<void>;
}

/** Every shipped provider's facts: diagnostics describe connections whose provider is unconfigured too. */
const ALL_FACTS: ReadonlyMap<ProviderId, ProviderFacts> = new Map(
  [...PROVIDER_MODULES.values()].map((m) => [m.facts.id, m.facts]),
);

/**
 * The insights service as this process sees it: a resilient HTTP client of `syncwell insights`
 * when SYNCWELL_INSIGHTS_URL is set, else the service in-process (the embedded default) with its
 * conversations checkpointed in the store's own database.
 */
export async function wireInsights(deps: InsightsWiringDeps): Promise<InsightsWiring> {
  const authToken = deriveSubkey(deps.masterKey, 'insights-service').toString('base64url');
  const resilience = { timeoutMs: deps.settings.timeoutMs };
  if (deps.settings.url !== undefined && deps.local !== true) {
    return {
      client: resilientInsights(new HttpInsightsClient(deps.settings.url, authToken), resilience),
      service: undefined,
      authToken,
      close: () => Promise.resolve(),
    };
  }
  const llm = loadLlmConfig(deps.env); // a bad LLM setting stops the boot, not the first request
  const advisor = deps.mergeAdvisor ?? (await defaultMergeAdvisor(deps.logger));
  let loading: Promise<{ service: InsightsApi; close: () => Promise<void> }> | undefined;
  const load = () => {
    loading ??= openService(deps, llm, advisor).catch((error: unknown) => {
      loading = undefined; // the next call tries again (the database may be back)
      throw error;
    });
    return loading;
  };
  // The in-process service loads LangChain and opens its checkpointer on first use: processes
  // that never hold a conversation never pay for it, and conflict advice (a pure function of the
  // pair) never waits for it.
  const service: InsightsApi = {
    suggestMerge: (pair) => Promise.resolve(advisor.suggest(pair)),
    startConversation: async (input, signal) => (await load()).service.startConversation(input, signal),
    answerConversation: async (input, signal) => (await load()).service.answerConversation(input, signal),
    readConversation: async (input, signal) => (await load()).service.readConversation(input, signal),
    weeklySummary: async (input, signal) => (await load()).service.weeklySummary(input, signal),
  };
  // The insights role loads at boot, so that "running" means ready.
  if (deps.local === true) await load();
  return {
    client: resilientInsights(service, resilience),
    service,
    authToken,
    close: async () => {
      const open = await loading?.catch(() => undefined);
      await open?.close();
    },
  };
}

/**
 * The trained model, or the rules when its file cannot be used (a broken deployment): conflict
 * advice is advisory, so the process starts and says why loudly.
 */
async function defaultMergeAdvisor(logger: Logger): Promise<MergeAdvisor> {
  try {
    return await readModelMergeAdvisor();
  } catch (error) {
    logger.error({ err: error }, 'conflict-merge model unusable; merge suggestions come from the rules');
    return ruleBasedMergeAdvisor;
  }
}

async function openService(
  deps: InsightsWiringDeps,
  llm: LlmConfig | null,
  mergeAdvisor: MergeAdvisor,
): Promise<{ service: InsightsApi; close: () => Promise<void> }> {
  const { createChatModel, createInsightsService, openCheckpointer } =
    await import('@syncwell/insights/service');
  const checkpointer = await openCheckpointer(
    deps.config.databaseUrl === undefined
      ? { kind: 'sqlite', filename: join(deps.config.dataDir, 'syncwell.db') }
      : { kind: 'postgres', connectionString: deps.config.databaseUrl },
  );
  const model = createChatModel(llm);
  const service = createInsightsService({
    diagnostics: createDiagnosticsSource({
      store: deps.store,
      queue: deps.queue,
      cache: deps.coordination.cache,
      facts: ALL_FACTS,
    }),
    summaries: createSummarySource({ ...endpointDepsOf(deps), logger: deps.logger }),
    checkpointer: checkpointer.saver,
    now: deps.now,
    ...(model === undefined ? {} : { model }),
    mergeAdvisor,
  });
  return { service, close: () => checkpointer.close() };
}
