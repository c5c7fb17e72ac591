import { describe, expect, it } from 'vitest';
import { NOTIFICATION_KINDS } from '../../store/notification-rows.js';
import { payloadFields } from '../channels/channel-port.js';
import { renderNotice } from './notice-message.js';
import { noticeOf, parseNotice } from './notice.js';

const ids = {
  connectionId: '11111111-1111-4111-8111-111111111111',
  ruleId: '22222222-2222-4222-8222-222222222222',
  runId: '33333333-3333-4333-8333-333333333333',
  backfillId: '44444444-4444-4444-8444-444444444444',
};

describe('notice text and payloads', () => {
  it('gives every kind a title, a plain-words body and a link into the app', () => {
    for (const kind of NOTIFICATION_KINDS) {
      const message = renderNotice(
        { kind, code: 'SW_PROVIDER_AUTH_REVOKED', ...ids, providerName: 'Oura' },
        'https://s.example/',
      );
      expect(message.title.length).toBeGreaterThan(5);
      expect(message.body).not.toMatch(/SW_|undefined|null/);
      expect(message.url.startsWith('https://s.example/')).toBe(true);
    }
    const reauth = renderNotice(
      { kind: 'connection_needs_reauth', code: 'SW_PROVIDER_AUTH_REVOKED', ...ids },
      'https://s.example',
    );
    expect(reauth.url).toBe(`https://s.example/connections?reconnect=${ids.connectionId}`);
    expect(reauth.body).toBe(
      "SyncWell stopped syncing it: it no longer accepts SyncWell's access (the permission was withdrawn or has run out). Reconnect it to carry on.",
    );
  });

  it('carries only ids, kind, code and fixed text: no health value can reach a payload', () => {
    // An event with extra fields (as a careless caller might pass) keeps none of them.
    const event = {
      userId: 'u',
      kind: 'backfill_incomplete' as const,
      code: 'SW_PROVIDER_FORBIDDEN' as const,
      ...ids,
      permission: 'HISTORICAL_DATA_EXPORT',
      steps: 12_345,
      weightKg: 81.4,
    };
    const notice = noticeOf(event, 'Garmin');
    const stored = JSON.stringify(notice);
    expect(stored).not.toMatch(/12345|81\.4|steps|weight/);
    const parsed = parseNotice(JSON.stringify({ ...notice, heartRate: 61 }));
    expect(parsed).toEqual(notice);
    const fields = payloadFields(renderNotice(parsed!, 'https://s.example'));
    expect(Object.keys(fields).sort()).toEqual(
      [
        'backfillId',
        'body',
        'code',
        'connectionId',
        'kind',
        'permission',
        'ruleId',
        'runId',
        'title',
        'url',
      ].sort(),
    );
    // Apart from ids, nothing numeric: the text is fixed per kind.
    const withoutIds = Object.entries(fields)
      .filter(([key]) => !key.endsWith('Id') && key !== 'url')
      .map(([, value]) => value)
      .join(' ');
    expect(withoutIds).not.toMatch(/\d/);
  });

  it('refuses an outbox row it cannot trust', () => {
    expect(parseNotice('not json')).toBeNull();
    expect(parseNotice(JSON.stringify({ kind: 'nope', code: 'SW_INTERNAL' }))).toBeNull();
    expect(parseNotice(JSON.stringify({ kind: 'weekly_summary', code: 'SW_MADE_UP' }))).toBeNull();
  });
});
