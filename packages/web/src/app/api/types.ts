/*
 * The /v1 API's shapes as the app reads them (DESIGN §10; the OpenAPI document at /docs is the
 * reference). Only ids, statuses, counts and reason codes: no health value is ever kept here.
 */

export const DATA_TYPES = [
  'workout',
  'daily_activity',
  'sleep',
  'body_measurement',
  'heart_rate',
  'hrv',
  'spo2',
] as const;
export type DataType = (typeof DATA_TYPES)[number];

export interface User {
  readonly id: string;
  readonly email: string;
}

export interface ProviderEntry {
  readonly id: string;
  readonly displayName: string;
  readonly readable: readonly DataType[];
  readonly writable: readonly DataType[];
  readonly push: 'webhook' | 'ping' | 'push' | 'none';
  readonly backfillWindowDays: number | null;
  readonly terms: { readonly ownerOnly: boolean; readonly excludeFromTraining: boolean };
}

export type ConnectionStatus = 'active' | 'needs_reauth' | 'revoked' | 'exhausted';

export interface Connection {
  readonly id: string;
  readonly provider: string;
  readonly externalUserId: string;
  readonly status: ConnectionStatus;
  readonly scopes: readonly string[];
  readonly tokenExpiresAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export const CONFLICT_STRATEGIES = [
  'source_wins',
  'destination_wins',
  'newest',
  'keep_both',
  'ask',
  'ai_suggestion',
] as const;
export type ConflictStrategy = (typeof CONFLICT_STRATEGIES)[number];

export interface Rule {
  readonly id: string;
  readonly sourceConnectionId: string;
  readonly destinationConnectionId: string;
  readonly dataTypes: readonly DataType[];
  readonly conflictStrategy: ConflictStrategy;
  readonly intervalMinutes: number;
  readonly enabled: boolean;
  readonly nextRunAt: string | null;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface RuleInput {
  readonly sourceConnectionId: string;
  readonly destinationConnectionId: string;
  readonly dataTypes: readonly DataType[];
  readonly conflictStrategy: ConflictStrategy;
  readonly intervalMinutes: number;
  readonly enabled: boolean;
}

export const RUN_STATUSES = ['queued', 'running', 'succeeded', 'partial', 'failed', 'cancelled'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const FINISHED_RUN_STATUSES: readonly RunStatus[] = ['succeeded', 'partial', 'failed', 'cancelled'];

export interface RunCounts {
  readonly read: number;
  readonly written: number;
  readonly skipped: number;
  readonly failed: number;
}

export interface Run {
  readonly id: string;
  readonly ruleId: string;
  /** `backfill_chunk`: one chunk of a history import (`backfillId`). */
  readonly kind: 'sync' | 'backfill_chunk';
  readonly backfillId: string | null;
  readonly trigger: 'manual' | 'scheduled' | 'webhook' | 'backfill';
  readonly status: RunStatus;
  readonly counts: RunCounts;
  readonly errorCode: string | null;
  readonly createdAt: string;
  readonly startedAt: string | null;
  readonly finishedAt: string | null;
}

export interface RunItem {
  readonly dataType: DataType;
  readonly externalId: string;
  readonly outcome: 'written' | 'skipped' | 'failed';
  readonly code: string;
  readonly destinationId: string | null;
  readonly message: string | null;
}

export interface RunWithItems extends Run {
  readonly items: readonly RunItem[];
}

export type ConflictStatus = 'open' | 'resolved' | 'applied';
export type ConflictChoice = 'source' | 'destination' | 'both';

export interface Conflict {
  readonly id: string;
  readonly ruleId: string;
  readonly dataType: DataType;
  readonly range: { readonly from: string; readonly to: string };
  readonly sourceExternalId: string;
  readonly destinationId: string;
  readonly code: string;
  readonly status: ConflictStatus;
  readonly resolution: ConflictChoice | null;
  readonly detectedAt: string;
  readonly resolvedAt: string | null;
  readonly appliedAt: string | null;
}

/** One value of a record: `distance` 10234 `m`, `sport` "running" (no unit), `laps` 3 `count`. */
export interface RecordField {
  readonly key: string;
  readonly value: string | number;
  readonly unit: string | null;
}

/** One side of a conflict as read live from its provider for this request only (never stored). */
export interface ConflictVersion {
  readonly provider: string;
  /** Null when the record could be read; else why not (gone at the provider, provider down). */
  readonly unavailableCode: string | null;
  readonly fields: readonly RecordField[];
}

/** Where one field of a suggested record comes from; `merge` joins both (GPS tracks). */
export type FieldOrigin = 'source' | 'destination' | 'merge';

/** The insights service's merge suggestion: origins only, never a value. */
export interface MergeSuggestion {
  readonly fields: Readonly<Record<string, FieldOrigin>>;
  readonly preferred: FieldOrigin;
  readonly confidence: number;
  /** The conflict-merge model's version, or `rules`. */
  readonly advisor: string;
}

export interface ConflictVersions {
  readonly source: ConflictVersion;
  readonly destination: ConflictVersion;
  readonly suggestion: MergeSuggestion | null;
  /** `service`: the insights service answered; `fallback`: it could not, the rules did here. */
  readonly suggestedBy: 'service' | 'fallback' | null;
}

export interface ConflictWithVersions extends Conflict {
  readonly versions: ConflictVersions | null;
}

export interface ServerInfo {
  readonly demo: { readonly links: readonly { readonly label: string; readonly url: string }[] } | null;
}

export type BackfillStatus = 'running' | 'paused' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
export const FINISHED_BACKFILL_STATUSES: readonly BackfillStatus[] = [
  'succeeded',
  'partial',
  'failed',
  'cancelled',
];

/** A history import (GET /v1/backfills/{id}): counts and days only, no health value. */
export interface Backfill {
  readonly id: string;
  readonly ruleId: string;
  readonly status: BackfillStatus;
  readonly dataTypes: readonly DataType[];
  readonly effective: { readonly from: string; readonly to: string };
  readonly clamped: readonly {
    readonly bound: 'from' | 'to';
    readonly reason: 'provider_window' | 'max_chunks' | 'future';
    readonly limit: number | null;
  }[];
  readonly chunks: { readonly total: number; readonly pending: number; readonly running: number };
  readonly records: { readonly written: number; readonly skipped: number; readonly failed: number };
  readonly days: { readonly total: number; readonly done: number };
  readonly reason: { readonly code: string; readonly permission: string | null } | null;
  readonly createdAt: string;
  readonly finishedAt: string | null;
}

/** The weekly summary (GET /v1/insights/summaries/latest): aggregates computed on request, not stored. */
export interface WeeklySummary {
  readonly timeZone: string;
  readonly week: { readonly from: string; readonly to: string };
  readonly previousWeek: { readonly from: string; readonly to: string };
  readonly aggregates: {
    readonly steps: {
      readonly total: number;
      readonly dailyAverage: number;
      readonly days: number;
      readonly previousTotal: number | null;
      readonly changePercent: number | null;
    } | null;
    readonly activeEnergy: { readonly totalKcal: number; readonly previousTotalKcal: number | null } | null;
    readonly sleep: {
      readonly nights: number;
      readonly averageMinutes: number;
      readonly averageHours: number;
      readonly averageRestMinutes: number;
      readonly stageAverageMinutes: {
        readonly deep: number;
        readonly rem: number;
        readonly light: number;
        readonly awake: number;
      };
      readonly previousAverageMinutes: number | null;
    } | null;
    readonly workouts: {
      readonly count: number;
      readonly totalMinutes: number;
      readonly totalKm: number;
      readonly bySport: readonly {
        readonly sport: string;
        readonly count: number;
        readonly minutes: number;
        readonly km: number;
      }[];
      readonly previousCount: number;
    };
    readonly restingHeartRate: { readonly average: number; readonly previousAverage: number | null } | null;
    readonly hrv: { readonly averageMs: number; readonly previousAverageMs: number | null } | null;
    readonly weight: {
      readonly latestKg: number;
      readonly changeKg: number | null;
      readonly previousAverageKg: number | null;
    } | null;
  };
  readonly text: string;
  readonly writer: 'template' | 'llm';
  readonly generatedAt: string;
}

export type ActionKind =
  | 'reconnect'
  | 'rerun'
  | 'change_rule'
  | 'wait_until'
  | 'restart_backfill'
  | 'resolve_conflicts'
  | 'open_run';

/** A step the troubleshooter offers; `request` is a public API call the app makes with the person's token. */
export interface SuggestedAction {
  readonly kind: ActionKind;
  readonly label: string;
  readonly until?: string;
  readonly request?: {
    readonly method: 'GET' | 'POST' | 'PATCH';
    readonly path: string;
    readonly body?: Readonly<Record<string, unknown>>;
  };
}

export interface Conversation {
  readonly id: string;
  readonly status: 'waiting_for_answer' | 'diagnosed';
  readonly transcript: readonly {
    readonly role: 'user' | 'assistant';
    readonly text: string;
    readonly at: string;
  }[];
  readonly question: {
    readonly id: string;
    readonly text: string;
    readonly choices: readonly { readonly value: string; readonly label: string }[];
  } | null;
  readonly diagnosis: {
    readonly code: string;
    readonly title: string;
    readonly explanation: string;
    readonly ruleId: string | null;
    readonly connectionId: string | null;
    readonly actions: readonly SuggestedAction[];
  } | null;
  readonly checks: readonly string[];
  readonly startedAt: string;
}

export const NOTIFICATION_KINDS = [
  'connection_needs_reauth',
  'connection_exhausted',
  'run_dead_lettered',
  'backfill_incomplete',
  'backfill_completed',
  'conflict_waiting',
  'weekly_summary',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** An inbox item: kind, reason code and ids only; the app says it in words (text/notice-words.ts). */
export interface InboxNotification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly code: string;
  readonly connectionId: string | null;
  readonly ruleId: string | null;
  readonly runId: string | null;
  readonly backfillId: string | null;
  readonly permission: string | null;
  readonly createdAt: string;
  readonly readAt: string | null;
}

export type OutboundChannel = 'web_push' | 'apns' | 'fcm' | 'email' | 'webhook';

export interface QuietHours {
  readonly start: string;
  readonly end: string;
  readonly timeZone: string;
}

export interface NotificationPreferences {
  /** Per kind, per channel: `false` when switched off; anything missing is on. */
  readonly kinds: Readonly<Record<string, Readonly<Record<string, boolean>>>>;
  readonly quietHours: QuietHours | null;
}

export interface PushTargets {
  readonly subscriptions: readonly { id: string; channel: 'web_push' | 'apns' | 'fcm'; createdAt: string }[];
  /** The outbound channels this server has configured. */
  readonly channels: readonly OutboundChannel[];
  /** The VAPID public key a browser subscribes with; null when Web Push is not configured. */
  readonly vapidPublicKey: string | null;
}
