import { ERROR_CODES, type ErrorCode } from '@syncwell/core';
import type { Notice } from './notice.js';

/**
 * A notice as people read it: a title, one or two sentences with the reason in plain words, and
 * a link into the web app where they act on it. Channels carry this plus the notice's kind, code
 * and ids (so an app can render its own text); no health value exists anywhere in a notice.
 */
export interface NoticeMessage {
  readonly title: string;
  readonly body: string;
  readonly url: string;
  readonly notice: Notice;
}

/** Reasons people meet in these notices, said for them rather than for an operator. */
const PLAIN_REASONS: Partial<Record<ErrorCode, string>> = {
  SW_PROVIDER_AUTH_REVOKED:
    "it no longer accepts SyncWell's access (the permission was withdrawn or has run out)",
  SW_PROVIDER_AUTH_EXPIRED: "it turned down SyncWell's sign-in",
  SW_PROVIDER_FORBIDDEN: 'it refused SyncWell access to some of your data (a permission is missing)',
  SW_PROVIDER_GONE: 'its old service has closed and it must be connected through its successor',
  SW_PROVIDER_UNAVAILABLE: 'the service had errors on its side',
  SW_PROVIDER_TIMEOUT: 'the service did not answer in time',
  SW_CONNECTION_NOT_READY: 'one of its accounts needs you to sign in again',
};

/** The plain-words reason of a code: our own wording, else the error catalogue's, without its period. */
function reason(notice: Notice): string {
  return PLAIN_REASONS[notice.code] ?? ERROR_CODES[notice.code].text.replace(/\.$/, '');
}

/**
 * @example
 *   renderNotice({ kind: 'connection_needs_reauth', code: 'SW_PROVIDER_AUTH_REVOKED', connectionId, providerName: 'Strava' }, 'https://sync.example')
 *   // → { title: 'Strava needs you to sign in again', url: 'https://sync.example/connections?reconnect=…', … }
 */
export function renderNotice(notice: Notice, appUrl: string): NoticeMessage {
  const app = appUrl.replace(/\/+$/, '');
  const account = notice.providerName ?? 'A connected account';
  const reconnect =
    notice.connectionId === undefined
      ? `${app}/connections`
      : `${app}/connections?reconnect=${encodeURIComponent(notice.connectionId)}`;
  const rule =
    notice.ruleId === undefined ? `${app}/rules` : `${app}/rules/${encodeURIComponent(notice.ruleId)}`;
  switch (notice.kind) {
    case 'connection_needs_reauth':
      return {
        title: `${account} needs you to sign in again`,
        body: `SyncWell stopped syncing it: ${reason(notice)}. Reconnect it to carry on.`,
        url: reconnect,
        notice,
      };
    case 'connection_exhausted':
      return {
        title: `${account} has been unreachable for days`,
        body: `SyncWell could not renew its access: ${reason(notice)}. Reconnect it to carry on.`,
        url: reconnect,
        notice,
      };
    case 'run_dead_lettered':
      return {
        title: 'A sync keeps failing',
        body: `One of your sync rules failed on every retry: ${reason(notice)}. SyncWell will try again on schedule.`,
        url: notice.runId === undefined ? rule : `${app}/runs/${encodeURIComponent(notice.runId)}`,
        notice,
      };
    case 'backfill_incomplete':
      return {
        title: 'A history import did not finish',
        body:
          notice.permission === undefined
            ? `Part of your history was not copied: ${reason(notice)}.`
            : `Part of your history was not copied: ${reason(notice)}. Grant "${notice.permission}" to ${account} and start it again.`,
        url: notice.connectionId === undefined ? rule : reconnect,
        notice,
      };
    case 'backfill_completed':
      return {
        title: 'Your history import is done',
        body: 'All of the history you asked for has been copied.',
        url: rule,
        notice,
      };
    case 'conflict_waiting':
      return {
        title: 'A conflict is waiting for you',
        body: 'The same time slot holds different data on both sides. Choose which to keep.',
        url: `${app}/conflicts`,
        notice,
      };
    case 'weekly_summary':
      return {
        title: 'Your weekly summary is ready',
        body: 'Open SyncWell to read how your week went.',
        url: app + '/',
        notice,
      };
  }
}
