import type { DataType } from '@syncwell/core';

/** What the troubleshooter concluded; stable codes the app can localise and tests can check. */
export const DIAGNOSIS_CODES = [
  'provider_sunset',
  'connection_exhausted',
  'scope_missing',
  'token_expired',
  'access_revoked',
  'rule_misconfigured',
  'rate_limited',
  'provider_outage',
  'backfill_stuck',
  'destination_rejected',
  'source_data_invalid',
  'webhooks_missing',
  'conflicts_waiting',
  'not_at_source',
  'sync_pending',
  'no_rule',
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export const ACTION_KINDS = [
  'reconnect',
  'rerun',
  'change_rule',
  'wait_until',
  'restart_backfill',
  'resolve_conflicts',
  'open_run',
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** A public API call the app makes with the user's own token to carry out an action. */
export interface ActionRequest {
  readonly method: 'GET' | 'POST' | 'PATCH';
  readonly path: string;
  readonly body?: Readonly<Record<string, unknown>>;
}

/** One step the app can perform for the user (reconnect link, re-run, change the rule, wait). */
export interface SuggestedAction {
  readonly kind: ActionKind;
  readonly label: string;
  /** For `wait_until`: when trying again makes sense (ISO instant). */
  readonly until?: string;
  readonly request?: ActionRequest;
}

export interface Diagnosis {
  readonly code: DiagnosisCode;
  readonly title: string;
  /** Plain words: what is wrong and why, from the evidence (template, or phrased by the LLM). */
  readonly explanation: string;
  readonly ruleId: string | null;
  readonly connectionId: string | null;
  readonly actions: readonly SuggestedAction[];
}

export interface QuestionChoice {
  readonly value: string;
  readonly label: string;
}

/** A clarifying question: the graph stops (interrupt) until the user answers with a choice. */
export interface Question {
  readonly id: string;
  readonly text: string;
  readonly choices: readonly QuestionChoice[];
}

/** Action builders: the paths are the public API's (DESIGN §10). */
export const actions = {
  reconnect: (provider: string, label: string): SuggestedAction => ({
    kind: 'reconnect',
    label,
    request: { method: 'POST', path: '/v1/connections', body: { provider } },
  }),
  rerun: (ruleId: string, label = 'Sync now'): SuggestedAction => ({
    kind: 'rerun',
    label,
    request: { method: 'POST', path: `/v1/rules/${ruleId}/sync` },
  }),
  changeRule: (ruleId: string, patch: Record<string, unknown>, label: string): SuggestedAction => ({
    kind: 'change_rule',
    label,
    request: { method: 'PATCH', path: `/v1/rules/${ruleId}`, body: patch },
  }),
  waitUntil: (until: string, label: string): SuggestedAction => ({ kind: 'wait_until', label, until }),
  restartBackfill: (ruleId: string): SuggestedAction => ({
    kind: 'restart_backfill',
    label: 'Start the history import again',
    request: { method: 'POST', path: `/v1/rules/${ruleId}/backfill`, body: {} },
  }),
  resolveConflicts: (ruleId: string): SuggestedAction => ({
    kind: 'resolve_conflicts',
    label: 'Choose which version to keep',
    request: { method: 'GET', path: `/v1/conflicts?ruleId=${ruleId}&status=open` },
  }),
  openRun: (runId: string): SuggestedAction => ({
    kind: 'open_run',
    label: 'See which records were refused and why',
    request: { method: 'GET', path: `/v1/runs/${runId}` },
  }),
};

export const DATA_TYPE_WORDS: Readonly<Record<DataType, string>> = {
  workout: 'workouts',
  daily_activity: 'daily steps and calories',
  sleep: 'sleep',
  body_measurement: 'weight',
  heart_rate: 'heart rate',
  hrv: 'heart-rate variability',
  spo2: 'blood oxygen',
};
