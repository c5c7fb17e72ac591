import { timingSafeEqual } from 'node:crypto';
import type {
  DataType,
  ProviderClientConfig,
  WebhookEvent,
  WebhookOutcome,
  WebhookRequest,
  WebhookVerifier,
} from '@syncwell/core';
import { WITHINGS_APPLI } from './facts.js';
import { withingsNotification } from './schemas.js';

/** The query parameter we add to the callback URL we subscribe with; see the class comment. */
export const WITHINGS_CALLBACK_TOKEN_PARAM = 'sw_token';

const DATA_TYPES_BY_APPLI: ReadonlyMap<number, readonly DataType[]> = new Map<number, readonly DataType[]>([
  [WITHINGS_APPLI.weight, ['body_measurement']],
  [WITHINGS_APPLI.circulatory, ['heart_rate']],
  // Activity covers both the day's totals and workouts; the notification does not say which.
  [WITHINGS_APPLI.activity, ['workout', 'daily_activity', 'heart_rate']],
  [WITHINGS_APPLI.sleep, ['sleep']],
]);

/**
 * Withings Notify: a form-encoded POST of `userid`, `appli`, `startdate`, `enddate` (and sometimes
 * `date`, `deviceid`, `action`), no data and no signature. Withings' own answer is to whitelist
 * the sender IPs published in `ipblock-notify.withings.net`; that check belongs to the edge,
 * since a verifier sees no peer address. Our choices, since the docs leave them open [U]:
 * - We subscribe with a callback URL carrying a secret `sw_token` (config `webhookVerifyToken`);
 *   a request without it is rejected. Withings calls back the URL as registered.
 * - A POST without `userid` and `appli` is the subscribe-time reachability probe (how Withings
 *   checks a callback is undocumented): answered 200, nothing else happens.
 * A forged notification could at worst trigger a sync, which reads with the user's own token.
 */
export class WithingsWebhookVerifier implements WebhookVerifier {
  constructor(private readonly config: ProviderClientConfig) {}

  verify(request: WebhookRequest): WebhookOutcome {
    if (request.method !== 'POST') return { kind: 'rejected', reason: 'Withings notifications are POSTs' };
    const expected = this.config.webhookVerifyToken;
    if (expected !== undefined && !sameSecret(request.query[WITHINGS_CALLBACK_TOKEN_PARAM], expected)) {
      return { kind: 'rejected', reason: 'callback token missing or wrong' };
    }
    const contentType = request.headers['content-type'] ?? '';
    const text = new TextDecoder().decode(request.rawBody);
    if (text.trim() === '' || (!contentType.includes('form') && text.trim().startsWith('{'))) {
      return text.trim() === ''
        ? { kind: 'handshake', status: 200, body: {} }
        : { kind: 'rejected', reason: 'not form-encoded' };
    }
    const fields = Object.fromEntries(new URLSearchParams(text));
    if (fields.userid === undefined && fields.appli === undefined)
      return { kind: 'handshake', status: 200, body: {} };
    const parsed = withingsNotification.safeParse(fields);
    if (!parsed.success) return { kind: 'rejected', reason: 'not a Withings notification' };
    const { userid, appli, action } = parsed.data;
    if (appli === WITHINGS_APPLI.userAction) {
      // `unlink`: the user removed our access in Health Mate; `delete`/`update` concern the account.
      const events: WebhookEvent[] =
        action === 'unlink' ? [{ externalUserId: userid, dataType: null, action: 'deauthorize' }] : [];
      return { kind: 'events', events };
    }
    const dataTypes = DATA_TYPES_BY_APPLI.get(appli);
    // Categories we do not sync (bed in/out, ECG...) are acknowledged and ignored.
    if (dataTypes === undefined) return { kind: 'events', events: [] };
    const kind = action === 'delete' ? 'delete' : 'create';
    return {
      kind: 'events',
      events: dataTypes.map((dataType) => ({ externalUserId: userid, dataType, action: kind })),
    };
  }
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
