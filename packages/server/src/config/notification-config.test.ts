import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import webpush from 'web-push';
import { ConfigError } from './config-error.js';
import { parseNotificationChannels } from './notification-config.js';

const vapid = webpush.generateVAPIDKeys();
const ecKey = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();
const rsaKey = generateKeyPairSync('rsa', { modulusLength: 2048 })
  .privateKey.export({ type: 'pkcs8', format: 'pem' })
  .toString();

function problem(env: Record<string, string>): string {
  try {
    parseNotificationChannels(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.message;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('notification channel configuration', () => {
  it('enables nothing by default and each channel when all its settings are given', () => {
    expect(parseNotificationChannels({})).toEqual({});
    const config = parseNotificationChannels({
      SYNCWELL_VAPID_PUBLIC_KEY: vapid.publicKey,
      SYNCWELL_VAPID_PRIVATE_KEY: vapid.privateKey,
      SYNCWELL_VAPID_SUBJECT: 'mailto:ops@sync.example',
      SYNCWELL_APNS_KEY: ecKey.replace(/\n/g, '\\n'),
      SYNCWELL_APNS_KEY_ID: 'ABC123DEFG',
      SYNCWELL_APNS_TEAM_ID: 'TEAM123456',
      SYNCWELL_APNS_TOPIC: 'org.syncwell.app',
      SYNCWELL_FCM_SERVICE_ACCOUNT: JSON.stringify({
        project_id: 'p',
        client_email: 'a@p.iam',
        private_key: rsaKey,
      }),
      SYNCWELL_SMTP_URL: 'smtp://mail.example:587',
      SYNCWELL_SMTP_FROM: 'SyncWell <n@sync.example>',
      SYNCWELL_NOTIFY_WEBHOOK_URL: 'https://hooks.example/syncwell',
      SYNCWELL_NOTIFY_WEBHOOK_SECRET: `whsec_${randomBytes(32).toString('base64')}`,
    });
    expect(Object.keys(config).sort()).toEqual(['apns', 'email', 'fcm', 'webPush', 'webhook']);
    expect(config.apns).toMatchObject({ url: 'https://api.push.apple.com', privateKeyPem: ecKey });
    expect(config.fcm?.serviceAccount.token_uri).toBe('https://oauth2.googleapis.com/token');
  });

  it('refuses half a channel and unusable keys, naming the setting but not its value', () => {
    expect(problem({ SYNCWELL_VAPID_PUBLIC_KEY: vapid.publicKey })).toMatch(
      /SYNCWELL_VAPID_PRIVATE_KEY is required/,
    );
    const other = webpush.generateVAPIDKeys();
    const mismatch = problem({
      SYNCWELL_VAPID_PUBLIC_KEY: vapid.publicKey,
      SYNCWELL_VAPID_PRIVATE_KEY: other.privateKey,
      SYNCWELL_VAPID_SUBJECT: 'mailto:a@b.c',
    });
    expect(mismatch).toMatch(/SYNCWELL_VAPID_PRIVATE_KEY must be/);
    expect(mismatch).not.toContain(other.privateKey);
    expect(
      problem({
        SYNCWELL_APNS_KEY: rsaKey,
        SYNCWELL_APNS_KEY_ID: 'K',
        SYNCWELL_APNS_TEAM_ID: 'T',
        SYNCWELL_APNS_TOPIC: 'x',
      }),
    ).toMatch(/SYNCWELL_APNS_KEY must be the .p8/);
    expect(problem({ SYNCWELL_FCM_SERVICE_ACCOUNT: '{"project_id":"p"}' })).toMatch(
      /SYNCWELL_FCM_SERVICE_ACCOUNT/,
    );
    expect(problem({ SYNCWELL_SMTP_URL: 'http://mail', SYNCWELL_SMTP_FROM: 'x@y.z' })).toMatch(/smtp:\/\//);
    expect(
      problem({ SYNCWELL_NOTIFY_WEBHOOK_URL: 'https://h.example', SYNCWELL_NOTIFY_WEBHOOK_SECRET: 'short' }),
    ).toMatch(/whsec_/);
  });
});
