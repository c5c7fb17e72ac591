import type { DataType, ErrorCode, ProviderId } from '@syncwell/core';

/*
 * What the troubleshooter may know about a user's sync state: statuses, times, reason codes and
 * counts. Never a health value, never a token: these facts go into the conversation's
 * checkpoints and, with an LLM configured, into its prompts.
 */

export interface ConnectionFacts {
  readonly id: string;
  readonly provider: ProviderId;
  readonly displayName: string;
  readonly status: 'active' | 'needs_reauth' | 'revoked' | 'exhausted';
  readonly tokenExpiresAt: Date | null;
  readonly scopesGranted: readonly string[];
  /** What SyncWell asks for at consent; a granted set missing one of these is a partial grant. */
  readonly scopesRequired: readonly string[];
  /** The code of the latest open alarm (needs_reauth / exhausted notification), if any. */
  readonly alarmCode: ErrorCode | null;
  readonly alarmAt: Date | null;
  readonly push: 'webhook' | 'ping' | 'push' | 'none';
  /** What this provider can read and write at all (its facts), whatever the rule says. */
  readonly readable: readonly DataType[];
  readonly writable: readonly DataType[];
  /** The provider that replaced a turned-down one (legacy Fitbit → Google Health), if any. */
  readonly successor: ProviderId | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

export interface RuleFacts {
  readonly id: string;
  readonly sourceConnectionId: string;
  readonly destinationConnectionId: string;
  readonly dataTypes: readonly DataType[];
  readonly conflictStrategy: string;
  readonly enabled: boolean;
  readonly intervalMinutes: number;
  readonly nextRunAt: Date | null;
}

export interface RunFacts {
  readonly id: string;
  readonly trigger: 'manual' | 'scheduled' | 'webhook' | 'backfill';
  readonly status: 'queued' | 'running' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
  readonly errorCode: ErrorCode | null;
  readonly counts: {
    readonly read: number;
    readonly written: number;
    readonly skipped: number;
    readonly failed: number;
  };
  /** How many items ended with each reason code. */
  readonly itemCodes: Readonly<Partial<Record<ErrorCode, number>>>;
  readonly createdAt: Date;
  readonly finishedAt: Date | null;
}

/** The latest thing the worker reported about a rule's job that a run row does not show. */
export interface JobSignal {
  /** `waiting`: delayed without failing (rate budget); `retrying`: an attempt failed and will be retried. */
  readonly kind: 'waiting' | 'retrying';
  readonly code: ErrorCode;
  readonly at: Date;
  /** When the job runs again. */
  readonly until: Date | null;
  readonly attempt: number | null;
  readonly maxAttempts: number | null;
  /** The provider whose answer it was, when the error said. */
  readonly provider: ProviderId | null;
}

export interface DeadLetterFacts {
  readonly runId: string | null;
  readonly code: ErrorCode;
  readonly failedAt: Date;
}

export interface WebhookFacts {
  readonly connectionId: string;
  readonly push: ConnectionFacts['push'];
  /** The last verified notification for this connection; null when none was seen. */
  readonly lastReceivedAt: Date | null;
}

export interface BackfillFacts {
  readonly id: string;
  readonly status: 'running' | 'paused' | 'succeeded' | 'partial' | 'failed' | 'cancelled';
  readonly chunks: { readonly total: number; readonly done: number; readonly failed: number };
  /** Records written so far. */
  readonly records: number;
  readonly createdAt: Date;
  /** When a chunk last finished or committed a page; the start when none did yet. */
  readonly lastProgressAt: Date;
}

/**
 * The troubleshooter's window on real state, implemented by the server over its store, queue
 * and coordination. Every method is scoped to the user: ids of another user's rows read as
 * absent (DESIGN §6.4), so neither a user nor an LLM can steer a tool into someone else's data.
 *
 * Deliberately absent: writes. The troubleshooter suggests actions; the app performs them
 * through the public API with the user's own token.
 *
 * @example
 *   const rules = await source.listRules(userId);
 *   const runs = await source.recentRuns(userId, rules[0].id, 5);
 */
export interface DiagnosticsSource {
  listConnections(userId: string): Promise<ConnectionFacts[]>;
  listRules(userId: string): Promise<RuleFacts[]>;
  /** Newest first, with per-item reason codes. */
  recentRuns(userId: string, ruleId: string, limit: number): Promise<RunFacts[]>;
  jobSignal(userId: string, ruleId: string): Promise<JobSignal | null>;
  deadLetters(userId: string, ruleId: string): Promise<DeadLetterFacts[]>;
  webhookHealth(userId: string, connectionId: string): Promise<WebhookFacts | null>;
  /** Newest first. */
  backfills(userId: string, ruleId: string): Promise<BackfillFacts[]>;
}
