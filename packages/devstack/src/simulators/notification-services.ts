import { createECDH, randomBytes } from 'node:crypto';
import {
  startApnsService,
  startFcmService,
  startSmtpSink,
  startWebhookReceiver,
  startWebPushService,
  type ApnsService,
  type FcmService,
  type SmtpSink,
  type WebhookReceiver,
  type WebPushService,
} from '@syncwell/testbed';

/** The testbed's stand-ins for Web Push, APNs, FCM, an SMTP server and a self-hoster's webhook. */
export interface NotificationServices {
  readonly webPush: WebPushService;
  readonly apns: ApnsService;
  readonly fcm: FcmService;
  readonly smtp: SmtpSink;
  readonly webhook: WebhookReceiver;
  /** The VAPID key pair SyncWell signs Web Push with (browsers subscribe with `publicKey`). */
  readonly vapid: { readonly publicKey: string; readonly privateKey: string };
  /** SyncWell's notification settings pointing at these services. */
  readonly env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * Starts every notification service on a free port and returns the environment that points
 * SyncWell at them: what `npm start` and the end-to-end tests use instead of Apple, Google and a
 * mail server. `now` is the services' clock (token freshness, VAPID expiry).
 */
export async function startNotificationServices(
  opts: { readonly now?: () => Date } = {},
): Promise<NotificationServices> {
  const clock = opts.now === undefined ? {} : { now: opts.now };
  const secret = `whsec_${randomBytes(32).toString('base64')}`;
  const [webPush, apns, fcm, smtp, webhook] = await Promise.all([
    startWebPushService(clock),
    startApnsService({ ...clock, topic: 'org.syncwell.app' }),
    startFcmService(clock),
    startSmtpSink(),
    startWebhookReceiver({ secret, ...clock }),
  ]);
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  // The scalar can come out shorter than 32 bytes (leading zeros); VAPID wants exactly 32.
  const scalar = ecdh.getPrivateKey();
  const privateKey = Buffer.concat([Buffer.alloc(32 - scalar.length), scalar]).toString('base64url');
  const vapid = { publicKey: ecdh.getPublicKey('base64url'), privateKey };
  return {
    webPush,
    apns,
    fcm,
    smtp,
    webhook,
    vapid,
    env: {
      SYNCWELL_VAPID_PUBLIC_KEY: vapid.publicKey,
      SYNCWELL_VAPID_PRIVATE_KEY: vapid.privateKey,
      SYNCWELL_VAPID_SUBJECT: 'mailto:notifications@syncwell.test',
      SYNCWELL_APNS_KEY: apns.privateKeyPem,
      SYNCWELL_APNS_KEY_ID: apns.keyId,
      SYNCWELL_APNS_TEAM_ID: apns.teamId,
      SYNCWELL_APNS_TOPIC: apns.topic,
      SYNCWELL_APNS_URL: apns.url,
      SYNCWELL_FCM_SERVICE_ACCOUNT: JSON.stringify(fcm.serviceAccount),
      SYNCWELL_FCM_URL: fcm.url,
      SYNCWELL_SMTP_URL: smtp.url,
      SYNCWELL_SMTP_FROM: 'SyncWell <notifications@syncwell.test>',
      SYNCWELL_NOTIFY_WEBHOOK_URL: `${webhook.url}/hook`,
      SYNCWELL_NOTIFY_WEBHOOK_SECRET: secret,
    },
    close: async () => {
      await Promise.all([webPush.close(), apns.close(), fcm.close(), smtp.close(), webhook.close()]);
    },
  };
}
