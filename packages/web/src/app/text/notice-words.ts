import type { InboxNotification, NotificationKind } from '../api/types.js';

/**
 * Inbox items in words. The API gives a notice's kind, reason code and ids (no text), so the
 * app says them itself, in the same words the server sends over Web Push and email
 * (docs/notifications.md), with the link where the person acts on it.
 */
export interface NoticeWords {
  readonly title: string;
  readonly body: string;
  /** An app path: where the person acts on it. */
  readonly link: string;
  /** What the link does, for its text. */
  readonly action: string;
}

/** Reasons people meet in notices, said for them rather than for an operator. */
const PLAIN_REASONS: Readonly<Record<string, string>> = {
  SW_PROVIDER_AUTH_REVOKED:
    'it no longer accepts SyncWell’s access (the permission was withdrawn or has run out)',
  SW_PROVIDER_AUTH_EXPIRED: 'it turned down SyncWell’s sign-in',
  SW_PROVIDER_FORBIDDEN: 'it refused SyncWell access to some of your data (a permission is missing)',
  SW_PROVIDER_GONE: 'its old service has closed and it must be connected through its successor',
  SW_PROVIDER_UNAVAILABLE: 'the service had errors on its side',
  SW_PROVIDER_TIMEOUT: 'the service did not answer in time',
  SW_PROVIDER_RATE_LIMITED: 'the service asked SyncWell to slow down',
  SW_CONNECTION_NOT_READY: 'one of its accounts needs you to sign in again',
};

export function plainReason(code: string): string {
  return PLAIN_REASONS[code] ?? `something went wrong (reason code ${code})`;
}

/** The kinds as the preferences screen names them. */
export const KIND_LABELS: Readonly<Record<NotificationKind, string>> = {
  connection_needs_reauth: 'A connection needs you to sign in again',
  connection_exhausted: 'A connection has been unreachable for days',
  run_dead_lettered: 'A sync keeps failing',
  backfill_incomplete: 'A history import did not finish',
  backfill_completed: 'A history import is done',
  conflict_waiting: 'A conflict is waiting for you',
  weekly_summary: 'Your weekly summary is ready',
};

/**
 * @example
 *   noticeWords({ kind: 'connection_needs_reauth', code: 'SW_PROVIDER_AUTH_REVOKED', connectionId: 'c1', … }, 'Strava')
 *   // → { title: 'Strava needs you to sign in again', link: '/connections?reconnect=c1', … }
 */
export function noticeWords(notice: InboxNotification, providerName: string | null): NoticeWords {
  const account = providerName ?? 'A connected account';
  const reconnect =
    notice.connectionId === null
      ? '/connections'
      : `/connections?reconnect=${encodeURIComponent(notice.connectionId)}`;
  const rule = notice.ruleId === null ? '/rules' : `/rules/${encodeURIComponent(notice.ruleId)}`;
  const reason = plainReason(notice.code);
  switch (notice.kind) {
    case 'connection_needs_reauth':
      return {
        title: `${account} needs you to sign in again`,
        body: `SyncWell stopped syncing it: ${reason}. Reconnect it to carry on.`,
        link: reconnect,
        action: `Reconnect ${account}`,
      };
    case 'connection_exhausted':
      return {
        title: `${account} has been unreachable for days`,
        body: `SyncWell could not renew its access: ${reason}. Reconnect it to carry on.`,
        link: reconnect,
        action: `Reconnect ${account}`,
      };
    case 'run_dead_lettered':
      return {
        title: 'A sync keeps failing',
        body: `One of your sync rules failed on every retry: ${reason}. SyncWell will try again on schedule.`,
        link: notice.runId === null ? rule : `/runs/${encodeURIComponent(notice.runId)}`,
        action: 'See what happened',
      };
    case 'backfill_incomplete':
      return {
        title: 'A history import did not finish',
        body:
          notice.permission === null
            ? `Part of your history was not copied: ${reason}.`
            : `Part of your history was not copied: ${reason}. Grant “${notice.permission}” to ${account} and start it again.`,
        link: notice.connectionId === null ? rule : reconnect,
        action: notice.connectionId === null ? 'Open the rule' : `Reconnect ${account}`,
      };
    case 'backfill_completed':
      return {
        title: 'Your history import is done',
        body: 'All of the history you asked for has been copied.',
        link: rule,
        action: 'Open the rule',
      };
    case 'conflict_waiting':
      return {
        title: 'A conflict is waiting for you',
        body: 'The same time slot holds different data on both sides. Choose which to keep.',
        link: '/conflicts',
        action: 'Choose which to keep',
      };
    case 'weekly_summary':
      return {
        title: 'Your weekly summary is ready',
        body: 'Open SyncWell to read how your week went.',
        link: '/insights',
        action: 'Read your week',
      };
  }
}
