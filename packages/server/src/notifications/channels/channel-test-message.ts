import { renderNotice, type NoticeMessage } from '../message/notice-message.js';

/** A rendered needs-reauth notice, as the deliverer hands it to every channel in tests. */
export function testMessage(): NoticeMessage {
  return renderNotice(
    {
      kind: 'connection_needs_reauth',
      code: 'SW_PROVIDER_AUTH_REVOKED',
      connectionId: 'c0ffee00-0000-4000-8000-000000000001',
      providerName: 'Strava',
    },
    'https://sync.example',
  );
}
