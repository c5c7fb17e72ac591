import type { ErrorCode } from '@syncwell/core';
import type { Complaint } from './complaint.js';
import type { ConnectionFacts, RunFacts } from './diagnostics-source.js';
import {
  actions,
  DATA_TYPE_WORDS,
  type Diagnosis,
  type DiagnosisCode,
  type Question,
  type SuggestedAction,
} from './diagnosis.js';
import type { Evidence, Stored } from './findings.js';

export type Verdict =
  | { readonly kind: 'diagnosis'; readonly diagnosis: Diagnosis }
  | { readonly kind: 'question'; readonly question: Question };

export interface RuleInput {
  readonly evidence: Evidence;
  readonly complaint: Complaint;
  readonly answers: Readonly<Record<string, string>>;
  readonly now: Date;
}

type Connection = Stored<ConnectionFacts>;
type Run = Stored<RunFacts>;

const OUTAGE_CODES: ReadonlySet<ErrorCode> = new Set([
  'SW_PROVIDER_UNAVAILABLE',
  'SW_PROVIDER_TIMEOUT',
  'SW_PROVIDER_BAD_RESPONSE',
]);
const REJECTED_CODES: readonly ErrorCode[] = [
  'SW_ITEM_REJECTED_BY_DESTINATION',
  'SW_PROVIDER_REQUEST_REJECTED',
];
const INVALID_SOURCE_CODES: readonly ErrorCode[] = ['SW_ITEM_INVALID_PAYLOAD', 'SW_ITEM_CORRUPT_FILE'];
const PENDING_CODES: readonly ErrorCode[] = ['SW_ITEM_CONFLICT_PENDING', 'SW_ITEM_CONFLICT_NOT_OVERWRITABLE'];
/** A conflict the person chose on, applied by a run: it is no longer waiting. */
const SETTLED_CODES: readonly ErrorCode[] = [
  'SW_ITEM_CONFLICT_DESTINATION_KEPT',
  'SW_ITEM_CONFLICT_SOURCE_WRITTEN',
  'SW_ITEM_CONFLICT_SOURCE_GONE',
];
const STALLED_BACKFILL_MS = 30 * 60_000;
const WEBHOOK_SILENCE_MS = 24 * 3_600_000;
const SIGNAL_FRESH_MS = 6 * 3_600_000;

/**
 * The deterministic troubleshooter: ordered rules from the most blocking cause (an account that
 * needs the user) to the softest (data not at the source yet). Each rule reads the evidence the
 * diagnostics gathered; where the evidence cannot tell two causes apart, it asks the user.
 */
export function assess(input: RuleInput): Verdict {
  const { evidence } = input;
  const rule = evidence.rule;
  if (rule === null) {
    return diagnosis(
      input,
      'no_rule',
      'No sync rule to look at',
      'You have no sync rule yet, so nothing moves between your accounts. Create a rule that says what goes where.',
      [],
    );
  }
  for (const connection of [evidence.source, evidence.destination]) {
    if (connection === null) continue;
    const found = accountProblem(input, connection);
    if (found !== null) return found;
  }
  return (
    ruleProblem(input) ??
    backfillProblem(input) ??
    waitingProblem(input) ??
    itemProblem(input) ??
    webhookProblem(input) ??
    nothingWrong(input)
  );
}

function diagnosis(
  input: RuleInput,
  code: DiagnosisCode,
  title: string,
  explanation: string,
  steps: readonly SuggestedAction[],
  connectionId: string | null = null,
): Verdict {
  return {
    kind: 'diagnosis',
    diagnosis: {
      code,
      title,
      explanation,
      ruleId: input.evidence.rule?.id ?? null,
      connectionId,
      actions: steps,
    },
  };
}

function accountProblem(input: RuleInput, connection: Connection): Verdict | null {
  const name = connection.displayName;
  const code = connection.alarmCode;
  const reconnect = (provider: string, label = `Reconnect ${name}`) => actions.reconnect(provider, label);
  if (code === 'SW_PROVIDER_GONE' || runsSay(input.evidence.runs, 'SW_PROVIDER_GONE')) {
    const successor = connection.successor ?? connection.provider;
    return diagnosis(
      input,
      'provider_sunset',
      `${name} no longer answers`,
      `${name} has turned off the API SyncWell used (it answers 410 Gone). The old connection cannot be repaired: connect the account again through its successor, then point your rule at the new connection.`,
      [
        reconnect(successor, `Connect ${successor === connection.provider ? name : successor} again`),
        actions.changeRule(input.evidence.rule?.id ?? '', {}, 'Point the rule at the new connection'),
      ],
      connection.id,
    );
  }
  if (connection.status === 'exhausted') {
    return diagnosis(
      input,
      'connection_exhausted',
      `${name} could not renew its access for days`,
      `SyncWell tried to renew its access to ${name} on several days and failed every time, so it stopped trying. Reconnecting gives it fresh access; nothing synced so far is lost.`,
      [reconnect(connection.provider)],
      connection.id,
    );
  }
  if (connection.status === 'active') return null;
  // Some providers do not echo scopes: an empty grant says nothing about what is missing.
  const missing =
    connection.scopesGranted.length === 0
      ? []
      : connection.scopesRequired.filter((s) => !connection.scopesGranted.includes(s));
  // Strava answers a missing permission with 401, so a known partial grant outranks the code.
  if (code === 'SW_PROVIDER_FORBIDDEN' || missing.length > 0) {
    return diagnosis(
      input,
      'scope_missing',
      `${name} did not grant every permission SyncWell needs`,
      `${name} refused SyncWell's requests because a permission is missing${missing.length > 0 ? ` (${missing.join(', ')})` : ''}. Reconnect and leave every permission ticked on ${name}'s consent page.`,
      [reconnect(connection.provider, `Reconnect ${name} with all permissions`)],
      connection.id,
    );
  }
  const expiredBeforeAlarm =
    connection.tokenExpiresAt !== null &&
    Date.parse(connection.tokenExpiresAt) <= Date.parse(connection.alarmAt ?? input.now.toISOString());
  if (connection.status === 'needs_reauth' && expiredBeforeAlarm) {
    return diagnosis(
      input,
      'token_expired',
      `SyncWell's access to ${name} expired`,
      `SyncWell's access to ${name} expired and ${name} refused to renew it, so syncing stopped. Reconnect ${name} to give SyncWell new access.`,
      [reconnect(connection.provider)],
      connection.id,
    );
  }
  return diagnosis(
    input,
    'access_revoked',
    `${name} withdrew SyncWell's access`,
    `${name} no longer accepts SyncWell's access, although it had not expired: it was revoked (for example from ${name}'s settings, or by a password change). Reconnect ${name} to sync again.`,
    [reconnect(connection.provider)],
    connection.id,
  );
}

function ruleProblem(input: RuleInput): Verdict | null {
  const rule = input.evidence.rule;
  if (rule === null) return null;
  if (!rule.enabled) {
    return diagnosis(
      input,
      'rule_misconfigured',
      'This rule is switched off',
      'The rule is disabled, so SyncWell does not run it on schedule or on notifications. Switch it on and sync once to catch up.',
      [actions.changeRule(rule.id, { enabled: true }, 'Switch the rule on'), actions.rerun(rule.id)],
    );
  }
  const source = input.evidence.source;
  const destination = input.evidence.destination;
  const wanted = input.complaint.dataTypes.filter((t) => !rule.dataTypes.includes(t));
  const addable = wanted.filter(
    (t) => (source?.readable.includes(t) ?? false) && (destination?.writable.includes(t) ?? false),
  );
  if (wanted.length > 0 && addable.length === wanted.length) {
    const words = wanted.map((t) => DATA_TYPE_WORDS[t]).join(' and ');
    return diagnosis(
      input,
      'rule_misconfigured',
      `This rule does not sync ${words}`,
      `The rule only moves ${rule.dataTypes.map((t) => DATA_TYPE_WORDS[t]).join(', ')}; ${words} are not part of it. Add them to the rule and sync.`,
      [
        actions.changeRule(
          rule.id,
          { dataTypes: [...rule.dataTypes, ...addable] },
          `Add ${words} to the rule`,
        ),
        actions.rerun(rule.id),
      ],
    );
  }
  const latest = finished(input.evidence.runs)[0];
  if (
    rule.conflictStrategy === 'destination_wins' &&
    latest !== undefined &&
    latest.counts.written === 0 &&
    (latest.itemCodes.SW_ITEM_CONFLICT_DESTINATION_KEPT ?? 0) > 0
  ) {
    return diagnosis(
      input,
      'rule_misconfigured',
      'The rule keeps what the destination already has',
      `The rule's conflict setting is "destination wins": ${latest.itemCodes.SW_ITEM_CONFLICT_DESTINATION_KEPT} records that differ at the destination were kept there instead of being replaced. Choose another conflict setting if the source should win.`,
      [
        actions.changeRule(rule.id, { conflictStrategy: 'ask' }, 'Let me choose for each conflict'),
        actions.rerun(rule.id),
      ],
    );
  }
  return null;
}

function backfillProblem(input: RuleInput): Verdict | null {
  const rule = input.evidence.rule;
  const running = input.evidence.backfills.find((b) => b.status === 'running');
  if (rule === null || running === undefined) return null;
  const stalledMs = input.now.getTime() - Date.parse(running.lastProgressAt);
  if (stalledMs < STALLED_BACKFILL_MS) return null;
  const signal = freshSignal(input);
  const minutes = Math.round(stalledMs / 60_000);
  const progress = `${running.chunks.done} of ${running.chunks.total} parts`;
  if (signal?.until != null && Date.parse(signal.until) > input.now.getTime()) {
    return diagnosis(
      input,
      'backfill_stuck',
      'The history import is paused',
      `The history import has done ${progress} and has not moved for ${minutes} minutes: it is waiting (${signal.code}) and resumes by itself at ${signal.until}.`,
      [actions.waitUntil(signal.until, 'Wait for the import to resume')],
    );
  }
  return diagnosis(
    input,
    'backfill_stuck',
    'The history import is stuck',
    `The history import has done ${progress} and has not moved for ${minutes} minutes, with nothing waiting on it. Start it again: parts already done are not repeated.`,
    [actions.restartBackfill(rule.id)],
  );
}

function waitingProblem(input: RuleInput): Verdict | null {
  const rule = input.evidence.rule;
  if (rule === null) return null;
  const signal = freshSignal(input);
  const latest = input.evidence.runs[0];
  const waitingForBudget =
    (signal?.kind === 'waiting' && signal.code === 'SW_PROVIDER_RATE_LIMITED') ||
    latest?.errorCode === 'SW_PROVIDER_RATE_LIMITED';
  if (waitingForBudget) {
    const until = signal?.until ?? new Date(input.now.getTime() + 15 * 60_000).toISOString();
    const who = providerName(input, signal?.provider ?? null);
    return diagnosis(
      input,
      'rate_limited',
      `${who} asked SyncWell to slow down`,
      `${who} allows only so many requests in a time window, and the budget is used up. Your sync is queued, not lost: it continues by itself at ${until}.`,
      [actions.waitUntil(until, 'Wait; the sync continues by itself')],
    );
  }
  const outageCode =
    (signal?.kind === 'retrying' && OUTAGE_CODES.has(signal.code) ? signal.code : null) ??
    (latest?.errorCode != null && OUTAGE_CODES.has(latest.errorCode) ? latest.errorCode : null) ??
    input.evidence.deadLetters.map((d) => d.code).find((c) => OUTAGE_CODES.has(c)) ??
    null;
  if (outageCode !== null) {
    const who = providerName(input, signal?.provider ?? null);
    const until = signal?.until ?? new Date(input.now.getTime() + 30 * 60_000).toISOString();
    return diagnosis(
      input,
      'provider_outage',
      `${who} is having trouble`,
      `${who} is answering with errors (${outageCode}) right now; this is on their side. SyncWell retries on its own; if the retries run out, sync again once ${who} works.`,
      [actions.waitUntil(until, 'Wait for the next retry'), actions.rerun(rule.id, 'Sync again later')],
    );
  }
  return null;
}

function itemProblem(input: RuleInput): Verdict | null {
  const rule = input.evidence.rule;
  if (rule === null) return null;
  // Conflicts settled by a newer run no longer wait, though an older run still reports them.
  let settledSince = 0;
  for (const run of finished(input.evidence.runs).slice(0, 3)) {
    const rejected = count(run, REJECTED_CODES);
    if (rejected > 0) {
      const name = input.evidence.destination?.displayName ?? 'The destination';
      return diagnosis(
        input,
        'destination_rejected',
        `${name} refused ${rejected} record${rejected === 1 ? '' : 's'}`,
        `${name} refused to store ${rejected} record${rejected === 1 ? '' : 's'} from your last sync; the rest went through. The run lists each refused record with ${name}'s reason.`,
        [actions.openRun(run.id), actions.rerun(rule.id, 'Sync again after fixing the record at the source')],
      );
    }
    const invalid = count(run, INVALID_SOURCE_CODES);
    if (invalid > 0) {
      const name = input.evidence.source?.displayName ?? 'The source';
      return diagnosis(
        input,
        'source_data_invalid',
        `${name} sent ${invalid} unreadable record${invalid === 1 ? '' : 's'}`,
        `${name} sent ${invalid} record${invalid === 1 ? '' : 's'} SyncWell could not read (a broken file or missing fields); they were skipped and the rest synced.`,
        [actions.openRun(run.id), actions.rerun(rule.id)],
      );
    }
    const pending = count(run, PENDING_CODES) - settledSince;
    settledSince = Math.max(0, -pending) + count(run, SETTLED_CODES);
    if (pending > 0) {
      return diagnosis(
        input,
        'conflicts_waiting',
        'Records are waiting for your choice',
        `${pending} record${pending === 1 ? ' differs' : 's differ'} from what the destination already holds for the same time; SyncWell keeps ${pending === 1 ? 'it' : 'them'} until you choose which version wins.`,
        [actions.resolveConflicts(rule.id)],
      );
    }
  }
  return null;
}

function webhookProblem(input: RuleInput): Verdict | null {
  const { rule, source, webhook, runs } = input.evidence;
  if (rule === null || source === null || source.push === 'none') return null;
  const last = webhook?.lastReceivedAt ?? null;
  const silent = last === null || input.now.getTime() - Date.parse(last) > WEBHOOK_SILENCE_MS;
  const polledNewData = runs.some((r) => r.trigger === 'scheduled' && r.counts.written > 0);
  const answer = input.answers.arrives_eventually;
  if (!silent || !(polledNewData || answer === 'yes')) return null;
  if (!polledNewData && !input.complaint.aboutDelay && answer === undefined) return null;
  const interval = rule.intervalMinutes;
  return diagnosis(
    input,
    'webhooks_missing',
    `${source.displayName}'s notifications are not reaching SyncWell`,
    `${source.displayName} should tell SyncWell about new data within minutes, but ${last === null ? 'no notification has arrived for this account' : `the last notification arrived at ${last}`}; new data was only found by the scheduled check every ${interval} minutes. Until notifications arrive again, sync by hand when you need data sooner.`,
    [
      actions.rerun(rule.id),
      actions.reconnect(source.provider, `Reconnect ${source.displayName} to renew its notifications`),
    ],
    source.id,
  );
}

function nothingWrong(input: RuleInput): Verdict {
  const rule = input.evidence.rule;
  const source = input.evidence.source?.displayName ?? 'the source';
  if (rule === null) throw new Error('unreachable: no rule');
  if (input.complaint.aboutDelay && input.answers.arrives_eventually === undefined) {
    return question(
      'arrives_eventually',
      `Does the data reach the destination eventually, just later than you expect?`,
      ['yes', 'no'],
    );
  }
  const seen = input.answers.visible_at_source;
  if (seen === undefined) {
    return question(
      'visible_at_source',
      `SyncWell found no error. Can you see the missing data in ${source}'s own app or website?`,
      ['yes', 'no'],
    );
  }
  if (seen === 'no') {
    return diagnosis(
      input,
      'not_at_source',
      `The data has not reached ${source} yet`,
      `SyncWell can only copy what ${source} holds. Let your device finish uploading to ${source}; the next sync picks it up.`,
      [
        actions.waitUntil(
          new Date(input.now.getTime() + rule.intervalMinutes * 60_000).toISOString(),
          'Wait for the next scheduled sync',
        ),
        actions.rerun(rule.id, 'Sync now once it shows up'),
      ],
    );
  }
  return diagnosis(
    input,
    'sync_pending',
    'Nothing is broken; the data has not been synced yet',
    `Everything SyncWell checked is healthy. ${source} has the data, and the next sync will copy it; you can sync now instead of waiting.`,
    [actions.rerun(rule.id)],
  );
}

function question(id: string, text: string, choices: readonly string[]): Verdict {
  return {
    kind: 'question',
    question: {
      id,
      text,
      choices: choices.map((value) => ({
        value,
        label: value === 'yes' ? 'Yes' : value === 'no' ? 'No' : value,
      })),
    },
  };
}

function finished(runs: readonly Run[]): Run[] {
  return runs.filter((r) => r.status !== 'queued' && r.status !== 'running');
}

function count(run: Run, codes: readonly ErrorCode[]): number {
  return codes.reduce((sum, code) => sum + (run.itemCodes[code] ?? 0), 0);
}

function runsSay(runs: readonly Run[], code: ErrorCode): boolean {
  return runs.slice(0, 2).some((r) => r.errorCode === code);
}

function freshSignal(input: RuleInput): Evidence['signal'] {
  const signal = input.evidence.signal;
  if (signal === null) return null;
  const latestRun = input.evidence.runs[0];
  // A signal older than the latest finished run described an earlier run.
  if (latestRun?.finishedAt != null && Date.parse(latestRun.finishedAt) > Date.parse(signal.at)) return null;
  return input.now.getTime() - Date.parse(signal.at) <= SIGNAL_FRESH_MS ? signal : null;
}

function providerName(input: RuleInput, provider: string | null): string {
  const { source, destination } = input.evidence;
  const match = [source, destination].find((c) => c !== null && c.provider === provider);
  if (match) return match.displayName;
  return [source?.displayName, destination?.displayName].filter(Boolean).join(' or ') || 'A provider';
}
