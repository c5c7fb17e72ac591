import { describe, expect, it } from 'vitest';
import type { InboxNotification } from '../api/types.js';
import { noticeWords } from './notice-words.js';

const notice = (fields: Partial<InboxNotification>): InboxNotification => ({
  id: 'n1',
  kind: 'connection_needs_reauth',
  code: 'SW_PROVIDER_AUTH_REVOKED',
  connectionId: null,
  ruleId: null,
  runId: null,
  backfillId: null,
  permission: null,
  createdAt: '2026-06-01T09:00:00Z',
  readAt: null,
  ...fields,
});

describe('noticeWords', () => {
  it('says a revoked connection in plain words with a reconnect link to that connection', () => {
    expect(noticeWords(notice({ connectionId: 'c 1' }), 'Strava')).toEqual({
      title: 'Strava needs you to sign in again',
      body: 'SyncWell stopped syncing it: it no longer accepts SyncWell’s access (the permission was withdrawn or has run out). Reconnect it to carry on.',
      link: '/connections?reconnect=c%201',
      action: 'Reconnect Strava',
    });
  });

  it('names the permission to grant when an import stopped for want of one', () => {
    const words = noticeWords(
      notice({
        kind: 'backfill_incomplete',
        code: 'SW_PROVIDER_FORBIDDEN',
        connectionId: 'c',
        permission: 'HISTORICAL_DATA_EXPORT',
      }),
      'Polar',
    );
    expect(words.body).toBe(
      'Part of your history was not copied: it refused SyncWell access to some of your data (a permission is missing). Grant “HISTORICAL_DATA_EXPORT” to Polar and start it again.',
    );
    expect(words.link).toBe('/connections?reconnect=c');
  });

  it('links a failing sync to its run, and an unknown code by its name', () => {
    const words = noticeWords(
      notice({ kind: 'run_dead_lettered', code: 'SW_SOMETHING_NEW', runId: 'r9' }),
      null,
    );
    expect(words.link).toBe('/runs/r9');
    expect(words.body).toContain('reason code SW_SOMETHING_NEW');
  });
});
