import { timingSafeEqual } from 'node:crypto';
import type {
  DataType,
  ProviderClientConfig,
  WebhookEvent,
  WebhookOutcome,
  WebhookRequest,
  WebhookVerifier,
} from '@syncwell/core';
import { isGarminCallbackUrl } from './callback-url.js';
import { GARMIN_NOTIFIED_TYPES, garminFacts, garminSummaryTypeOf } from './facts.js';
import { garminNotification } from './schemas.js';

/** Query parameter carrying our secret in the callback URLs we register in Garmin's portal. */
export const GARMIN_CALLBACK_KEY_PARAM = 'key';

/**
 * Garmin documents no webhook signature [U], so a request is verified by what the doc allows:
 * 1. the callback URL we registered at `apis.garmin.com/tools/endpoints` carries a secret
 *    (`?key=<webhookVerifyToken>`), compared in constant time;
 * 2. a PING's `callbackURL` must point at the configured Garmin API: we fetch it with the
 *    user's token, so that fetch (not the body) is what authenticates the data;
 * 3. PUSH bodies carry data but are only used as a notification: the targeted sync re-reads
 *    through the pull API with the user's token (see `push-records.ts` for ingesting them).
 * A GET is answered 200 and changes nothing (a reachability probe; Garmin documents none).
 */
export class GarminWebhookVerifier implements WebhookVerifier {
  /** `readable`: the data types events may name; a notification about any other type is acknowledged only. */
  constructor(
    private readonly config: ProviderClientConfig,
    private readonly readable: readonly DataType[] = garminFacts.capabilities.readable,
  ) {}

  verify(request: WebhookRequest): WebhookOutcome {
    if (request.method === 'GET') return { kind: 'handshake', status: 200, body: {} };
    const secret = this.config.webhookVerifyToken;
    if (secret === undefined) return { kind: 'rejected', reason: 'no callback key configured' };
    if (!sameSecret(request.query[GARMIN_CALLBACK_KEY_PARAM], secret)) {
      return { kind: 'rejected', reason: 'callback key missing or wrong' };
    }
    let json: unknown;
    try {
      json = JSON.parse(new TextDecoder().decode(request.rawBody));
    } catch {
      return { kind: 'rejected', reason: 'body is not JSON' };
    }
    const parsed = garminNotification.safeParse(json);
    if (!parsed.success) return { kind: 'rejected', reason: 'not a Garmin notification body' };
    const events: WebhookEvent[] = [];
    for (const [summaryType, entries] of Object.entries(parsed.data)) {
      for (const entry of entries) {
        const userId = entry.userId;
        if (typeof userId !== 'string' || userId === '')
          return { kind: 'rejected', reason: 'entry without userId' };
        const callback = entry.callbackURL;
        if (
          callback !== undefined &&
          (typeof callback !== 'string' || !isGarminCallbackUrl(callback, this.config.baseUrls.api))
        ) {
          return { kind: 'rejected', reason: 'callbackURL is not on the Garmin API' };
        }
        events.push(...eventsOf(summaryType, userId, entry).filter(this.isReadable));
      }
    }
    return { kind: 'events', events };
  }

  private readonly isReadable = (event: WebhookEvent): boolean =>
    event.dataType === null || this.readable.includes(event.dataType);
}

function eventsOf(summaryType: string, userId: string, entry: Record<string, unknown>): WebhookEvent[] {
  if (summaryType === 'deregistrations')
    return [{ externalUserId: userId, dataType: null, action: 'deauthorize' }];
  if (summaryType === 'userPermissionsChange')
    return [{ externalUserId: userId, dataType: null, action: 'update' }];
  const summaryId = entry.summaryId;
  const objectId =
    typeof summaryId === 'string' || typeof summaryId === 'number' ? String(summaryId) : undefined;
  const action = summaryType === 'manuallyUpdatedActivities' ? 'update' : 'create';
  // Types SyncWell does not read (epochs, stressDetails, ...) are acknowledged and ignored.
  const known = garminSummaryTypeOf(summaryType);
  return (known === undefined ? [] : (GARMIN_NOTIFIED_TYPES[known] ?? [])).map((dataType) => ({
    externalUserId: userId,
    dataType,
    action,
    ...(objectId === undefined ? {} : { objectId }),
  }));
}

function sameSecret(given: string | undefined, expected: string): boolean {
  if (given === undefined) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
