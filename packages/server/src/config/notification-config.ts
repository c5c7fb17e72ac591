import { createECDH, createPrivateKey } from 'node:crypto';
import { ConfigError } from './config-error.js';

/**
 * The outbound notification channels this deployment has credentials for, parsed at boot from
 * the environment. A channel is on when all its settings are present; half a channel is an error.
 * Values are never echoed in errors: keys and secrets pass through here.
 */
export interface NotificationChannelsConfig {
  readonly webPush?: {
    readonly subject: string;
    readonly publicKey: string;
    readonly privateKey: string;
  };
  readonly apns?: {
    readonly privateKeyPem: string;
    readonly teamId: string;
    readonly keyId: string;
    readonly topic: string;
    readonly url: string;
  };
  readonly fcm?: {
    readonly serviceAccount: {
      readonly project_id: string;
      readonly client_email: string;
      readonly private_key: string;
      readonly token_uri: string;
    };
    readonly url: string;
  };
  readonly email?: { readonly smtpUrl: string; readonly from: string };
  readonly webhook?: { readonly url: string; readonly secret: string };
}

type Env = Readonly<Record<string, string | undefined>>;

function read(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

/** All of the names, or none of them: returns the values, or undefined when none is set. */
function group<const K extends string>(env: Env, names: readonly K[]): Record<K, string> | undefined {
  const values = names.map((name) => [name, read(env, name)] as const);
  if (values.every(([, value]) => value === undefined)) return undefined;
  const missing = values.find(([, value]) => value === undefined);
  if (missing !== undefined) {
    const others = names.filter((n) => n !== missing[0]).join(', ');
    throw new ConfigError(missing[0], `is required when ${others} ${names.length > 2 ? 'are' : 'is'} set`);
  }
  return Object.fromEntries(values) as Record<K, string>;
}

function httpUrl(env: Env, name: string, fallback: string): string {
  const raw = read(env, name) ?? fallback;
  if (!URL.canParse(raw) || !['http:', 'https:'].includes(new URL(raw).protocol)) {
    throw new ConfigError(name, 'must be an absolute http(s) URL');
  }
  return raw.replace(/\/+$/, '');
}

/** PEM given in an env var often arrives with literal `\n`. */
function pem(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

export function parseNotificationChannels(env: Env): NotificationChannelsConfig {
  const config: {
    -readonly [K in keyof NotificationChannelsConfig]: NotificationChannelsConfig[K];
  } = {};

  const vapid = group(env, [
    'SYNCWELL_VAPID_PUBLIC_KEY',
    'SYNCWELL_VAPID_PRIVATE_KEY',
    'SYNCWELL_VAPID_SUBJECT',
  ]);
  if (vapid !== undefined) {
    if (!/^(mailto:|https:)/.test(vapid.SYNCWELL_VAPID_SUBJECT)) {
      throw new ConfigError('SYNCWELL_VAPID_SUBJECT', 'must be a mailto: or https: contact');
    }
    if (!vapidPairMatches(vapid.SYNCWELL_VAPID_PUBLIC_KEY, vapid.SYNCWELL_VAPID_PRIVATE_KEY)) {
      throw new ConfigError(
        'SYNCWELL_VAPID_PRIVATE_KEY',
        'must be the base64url P-256 private key of SYNCWELL_VAPID_PUBLIC_KEY (npx web-push generate-vapid-keys)',
      );
    }
    config.webPush = {
      subject: vapid.SYNCWELL_VAPID_SUBJECT,
      publicKey: vapid.SYNCWELL_VAPID_PUBLIC_KEY,
      privateKey: vapid.SYNCWELL_VAPID_PRIVATE_KEY,
    };
  }

  const apns = group(env, [
    'SYNCWELL_APNS_KEY',
    'SYNCWELL_APNS_KEY_ID',
    'SYNCWELL_APNS_TEAM_ID',
    'SYNCWELL_APNS_TOPIC',
  ]);
  if (apns !== undefined) {
    const key = pem(apns.SYNCWELL_APNS_KEY);
    if (!isKey(key, 'ec', 'prime256v1')) {
      throw new ConfigError(
        'SYNCWELL_APNS_KEY',
        'must be the .p8 signing key from Apple (PKCS#8 PEM, P-256)',
      );
    }
    config.apns = {
      privateKeyPem: key,
      keyId: apns.SYNCWELL_APNS_KEY_ID,
      teamId: apns.SYNCWELL_APNS_TEAM_ID,
      topic: apns.SYNCWELL_APNS_TOPIC,
      url: httpUrl(env, 'SYNCWELL_APNS_URL', 'https://api.push.apple.com'),
    };
  }

  const fcm = read(env, 'SYNCWELL_FCM_SERVICE_ACCOUNT');
  if (fcm !== undefined) {
    config.fcm = {
      serviceAccount: serviceAccount(fcm),
      url: httpUrl(env, 'SYNCWELL_FCM_URL', 'https://fcm.googleapis.com'),
    };
  }

  const smtp = group(env, ['SYNCWELL_SMTP_URL', 'SYNCWELL_SMTP_FROM']);
  if (smtp !== undefined) {
    const url = smtp.SYNCWELL_SMTP_URL;
    if (!URL.canParse(url) || !['smtp:', 'smtps:'].includes(new URL(url).protocol)) {
      throw new ConfigError('SYNCWELL_SMTP_URL', 'must be a URL starting with smtp:// or smtps://');
    }
    config.email = { smtpUrl: url, from: smtp.SYNCWELL_SMTP_FROM };
  }

  const webhook = group(env, ['SYNCWELL_NOTIFY_WEBHOOK_URL', 'SYNCWELL_NOTIFY_WEBHOOK_SECRET']);
  if (webhook !== undefined) {
    const secret = webhook.SYNCWELL_NOTIFY_WEBHOOK_SECRET;
    const bytes = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
    if (!secret.startsWith('whsec_') || bytes.length < 24) {
      throw new ConfigError(
        'SYNCWELL_NOTIFY_WEBHOOK_SECRET',
        'must be whsec_ followed by base64 of at least 24 bytes',
      );
    }
    config.webhook = { url: httpUrl(env, 'SYNCWELL_NOTIFY_WEBHOOK_URL', ''), secret };
  }
  return Object.freeze(config);
}

function vapidPairMatches(publicKey: string, privateKey: string): boolean {
  try {
    const ecdh = createECDH('prime256v1');
    ecdh.setPrivateKey(Buffer.from(privateKey, 'base64url'));
    return ecdh.getPublicKey('base64url') === publicKey;
  } catch {
    return false;
  }
}

function isKey(text: string, type: 'ec' | 'rsa', curve?: string): boolean {
  try {
    const key = createPrivateKey(text);
    return (
      key.asymmetricKeyType === type &&
      (curve === undefined || key.asymmetricKeyDetails?.namedCurve === curve)
    );
  } catch {
    return false;
  }
}

function serviceAccount(json: string): NonNullable<NotificationChannelsConfig['fcm']>['serviceAccount'] {
  const problem = 'must be the service-account key file (JSON with project_id, client_email, private_key)';
  let raw: unknown;
  try {
    raw = JSON.parse(json);
  } catch {
    throw new ConfigError('SYNCWELL_FCM_SERVICE_ACCOUNT', problem);
  }
  const record = (typeof raw === 'object' && raw !== null ? raw : {}) as Record<string, unknown>;
  const text = (key: string) => (typeof record[key] === 'string' ? record[key] : undefined);
  const projectId = text('project_id');
  const clientEmail = text('client_email');
  const privateKey = text('private_key');
  const tokenUri = text('token_uri') ?? 'https://oauth2.googleapis.com/token';
  if (projectId === undefined || clientEmail === undefined || privateKey === undefined) {
    throw new ConfigError('SYNCWELL_FCM_SERVICE_ACCOUNT', problem);
  }
  if (!isKey(privateKey, 'rsa') || !URL.canParse(tokenUri)) {
    throw new ConfigError('SYNCWELL_FCM_SERVICE_ACCOUNT', 'has an unusable private_key or token_uri');
  }
  return { project_id: projectId, client_email: clientEmail, private_key: privateKey, token_uri: tokenUri };
}
