import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/**
 * Everything SyncWell exports to Prometheus, in one place so the dashboards test can list the
 * names and docs/observability.md can describe each one. Base units (seconds), counters end in
 * `_total`. Labels are bounded sets only: roles, triggers, outcomes, providers, error codes,
 * route templates. Never a user id, a run id or a health value (a test scrapes after a sync and
 * checks).
 *
 * The seed's KPIs carry their definition in the HELP text ("KPI <name>: ...").
 *
 * @example
 *   const metrics = createSyncWellMetrics(new Registry());
 *   metrics.syncJobs.inc({ trigger: 'manual', outcome: 'succeeded' });
 */
export function createSyncWellMetrics(registry: Registry) {
  const registers = [registry];
  const seconds = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 15, 30, 60, 120, 300];
  return {
    registry,
    /** Reads done when Prometheus scrapes (queue depth, Redis INFO); see `renderMetrics`. */
    beforeScrape: [] as (() => Promise<void>)[],
    // ---- KPIs -------------------------------------------------------------------------------
    syncJobs: new Counter({
      name: 'syncwell_sync_jobs_total',
      help: 'KPI SyncSuccessRate: sync runs that ended, by trigger and outcome (succeeded, partial, failed, cancelled). SyncSuccessRate = succeeded / (succeeded + partial + failed); cancelled runs are left out.',
      labelNames: ['trigger', 'outcome', 'error_code'] as const,
      registers,
    }),
    manualSyncDuration: new Histogram({
      name: 'syncwell_manual_sync_duration_seconds',
      help: 'KPI P95_ManualSyncLatency: time from a user-initiated sync request (run row created) to its run ending, for manual runs that ended succeeded or partial. P95 = histogram_quantile(0.95, ...).',
      labelNames: ['outcome'] as const,
      buckets: [0.25, 0.5, 1, 2, 3, 5, 7.5, 10, 15, 20, 30, 60, 120, 300],
      registers,
    }),
    backfillRecords: new Counter({
      name: 'syncwell_backfill_records_total',
      help: 'KPI HistoricalSyncThroughput: records committed by backfill chunk runs, by item outcome (written, skipped, failed). Throughput = rate(...) * 60 records per minute.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    backfillDays: new Counter({
      name: 'syncwell_backfill_days_total',
      help: 'KPI HistoricalSyncThroughput: days of history covered by backfill chunks that finished succeeded or partial. Throughput = rate(...) * 60 days per minute.',
      registers,
    }),
    conflictsDetected: new Counter({
      name: 'syncwell_conflicts_detected_total',
      help: 'KPI ConflictResolutionRate (denominator): conflicts the sync engine detected, by handling: asked_user (stored for the user) or settled_by_strategy (the rule strategy or the AI suggestion settled it at once).',
      labelNames: ['handling'] as const,
      registers,
    }),
    conflictsResolved: new Counter({
      name: 'syncwell_conflicts_resolved_total',
      help: 'KPI ConflictResolutionRate (numerator): conflicts resolved, by who: strategy (automatically, at detection) or user (a choice made through the API). ConflictResolutionRate = resolved / detected.',
      labelNames: ['by'] as const,
      registers,
    }),
    insightsCalls: new Counter({
      name: 'syncwell_insights_calls_total',
      help: 'KPI AI_Service_Availability: calls from this process to the insights service, by outcome (success, failure, timeout, short_circuited). Availability = success / all.',
      labelNames: ['outcome'] as const,
      registers,
    }),
    insightsBreakerOpen: new Gauge({
      name: 'syncwell_insights_breaker_open',
      help: "1 while this process's circuit breaker to the insights service is open (0 closed, 0.5 half open).",
      registers,
    }),
    reauthFailures: new Counter({
      name: 'syncwell_sync_reauth_failures_total',
      help: 'KPI ReAuthRate: sync runs that failed because a provider rejected or revoked the tokens (an auth-class error code, or a connection already marked as needing re-authorisation), by trigger.',
      labelNames: ['trigger'] as const,
      registers,
    }),
    timeToFirstSync: new Histogram({
      name: 'syncwell_user_time_to_first_sync_seconds',
      help: "KPI NewUser_TimeToFirstSync: time from a user's sign-up to the end of their first succeeded sync run. Track the median: histogram_quantile(0.5, ...).",
      buckets: [
        30,
        60,
        120,
        300,
        600,
        1800,
        3600,
        4 * 3600,
        12 * 3600,
        86_400,
        3 * 86_400,
        7 * 86_400,
        30 * 86_400,
      ],
      registers,
    }),
    // ---- jobs and queue -------------------------------------------------------------------
    jobAttempts: new Counter({
      name: 'syncwell_queue_job_attempts_total',
      help: 'Job executions by queue priority and result: completed, retried (failed, will try again), dead_lettered (failed its last attempt), delayed (waits for a rate budget or a lock without spending an attempt). Job failure rate = (retried + dead_lettered) / all but delayed.',
      labelNames: ['priority', 'result'] as const,
      registers,
    }),
    jobDuration: new Histogram({
      name: 'syncwell_queue_job_duration_seconds',
      help: 'Time a worker spent on one job execution, by priority.',
      labelNames: ['priority'] as const,
      buckets: seconds,
      registers,
    }),
    jobsEnqueued: new Counter({
      name: 'syncwell_queue_jobs_enqueued_total',
      help: 'Jobs put on the queue by priority (deduplicated ones included, flagged by deduplicated="true").',
      labelNames: ['priority', 'deduplicated'] as const,
      registers,
    }),
    queueJobs: new Gauge({
      name: 'syncwell_queue_jobs',
      help: 'Jobs on the queue now, by state (waiting, delayed, active). Every worker reports the same shared queue: aggregate with max.',
      labelNames: ['state'] as const,
      registers,
    }),
    deadLetters: new Gauge({
      name: 'syncwell_queue_dead_letters',
      help: 'Jobs in the dead-letter list (failed every attempt). Alert when above zero.',
      registers,
    }),
    queueLag: new Gauge({
      name: 'syncwell_queue_lag_seconds',
      help: 'Age of the oldest job that is ready to run but not started: how far the workers are behind.',
      registers,
    }),
    rateBudgetWaits: new Counter({
      name: 'syncwell_rate_budget_waits_total',
      help: 'Job executions that stopped to wait instead of calling a provider, by reason code (SW_PROVIDER_RATE_LIMITED: a provider 429 or our own budget; SW_RUN_LOCK_LOST: another run of the rule holds its lock).',
      labelNames: ['code'] as const,
      registers,
    }),
    rateBudgetWaitSeconds: new Counter({
      name: 'syncwell_rate_budget_wait_seconds_total',
      help: 'Seconds of waiting asked for by those stops, by reason code.',
      labelNames: ['code'] as const,
      registers,
    }),
    // ---- users ----------------------------------------------------------------------------
    signups: new Counter({
      name: 'syncwell_user_signups_total',
      help: 'Accounts created.',
      registers,
    }),
    activeUsers: new Gauge({
      name: 'syncwell_active_users',
      help: 'Distinct users with a live sync run that ended in this process within the last hour. Per worker process: with several workers, sum is an upper bound and max a lower bound.',
      registers,
    }),
    // ---- providers ------------------------------------------------------------------------
    providerRequests: new Counter({
      name: 'syncwell_provider_requests_total',
      help: 'HTTP requests to provider APIs by provider, method, endpoint template (ids replaced by :id) and status (the HTTP status, or "error" when no response came).',
      labelNames: ['provider', 'method', 'endpoint', 'status'] as const,
      registers,
    }),
    providerRequestDuration: new Histogram({
      name: 'syncwell_provider_request_duration_seconds',
      help: 'Latency of provider API requests, by provider, method and endpoint template.',
      labelNames: ['provider', 'method', 'endpoint'] as const,
      buckets: seconds,
      registers,
    }),
    providerRateLimitRemaining: new Gauge({
      name: 'syncwell_provider_rate_limit_remaining',
      help: "What the provider's rate-limit headers last said is left, by provider and window name.",
      labelNames: ['provider', 'window'] as const,
      registers,
    }),
    providerRateLimitLimit: new Gauge({
      name: 'syncwell_provider_rate_limit_limit',
      help: "The window size the provider's rate-limit headers last announced, by provider and window name.",
      labelNames: ['provider', 'window'] as const,
      registers,
    }),
    tokenRefreshes: new Counter({
      name: 'syncwell_token_refreshes_total',
      help: 'OAuth token refreshes by provider and outcome (success, failure).',
      labelNames: ['provider', 'outcome'] as const,
      registers,
    }),
    connectionsNeedingReauth: new Counter({
      name: 'syncwell_connections_reauth_required_total',
      help: 'Connections newly marked as needing re-authorisation (or exhausted) by the worker or keep-alive.',
      labelNames: ['status'] as const,
      registers,
    }),
    webhookReceipts: new Counter({
      name: 'syncwell_webhook_receipts_total',
      help: 'Provider notifications received, by provider and result: accepted (2xx) or rejected (anything else: bad signature, unknown subscription, malformed).',
      labelNames: ['provider', 'result'] as const,
      registers,
    }),
    notificationDeliveries: new Counter({
      name: 'syncwell_notification_deliveries_total',
      help: 'Notification deliveries by channel (web_push, apns, fcm, email, webhook) and result (delivered, retry, gone, rejected, failed).',
      labelNames: ['channel', 'result'] as const,
      registers,
    }),
    // ---- HTTP and cache -------------------------------------------------------------------
    httpRequestDuration: new Histogram({
      name: 'syncwell_http_request_duration_seconds',
      help: 'API request latency by method, route template and status code (p99 alert input).',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: seconds,
      registers,
    }),
    storeCommitDuration: new Histogram({
      name: 'syncwell_store_commit_duration_seconds',
      help: "Time to commit one page of a sync run's results (cursor, ledger, run items) to the store.",
      buckets: seconds,
      registers,
    }),
    cacheEvictions: new Counter({
      name: 'syncwell_cache_evictions_total',
      help: 'Keys the shared cache (Redis) evicted for lack of memory, as Redis counts them (INFO stats evicted_keys). Reported by the scheduler role (or the single process).',
      registers,
    }),
  };
}

export type SyncWellMetrics = ReturnType<typeof createSyncWellMetrics>;

/** The text exposition after the scrape-time reads; a failed read leaves its last values. */
export async function renderMetrics(metrics: SyncWellMetrics): Promise<string> {
  await Promise.all(metrics.beforeScrape.map((read) => read().catch(() => undefined)));
  return metrics.registry.metrics();
}
