import { systemClock } from '@syncwell/core';
import { createECDH, randomBytes, randomUUID, type ECDH } from 'node:crypto';
import Fastify from 'fastify';
import { decodeJwt, decodeProtectedHeader, importJWK, jwtVerify } from 'jose';
import { listeningUrl, ScriptedFailures, type ScriptedFailure } from './scripted-failures.js';
import { decryptWebPush, WebPushDecryptError } from './web-push-decrypt.js';

/** What a browser hands the app from `pushManager.subscribe()`. */
export interface TestbedPushSubscription {
  readonly endpoint: string;
  readonly keys: { readonly p256dh: string; readonly auth: string };
}

export interface ReceivedWebPush {
  readonly subscriptionId: string;
  /** The decrypted payload. */
  readonly payload: string;
  readonly ttl: number;
  readonly urgency: string | undefined;
  /** The VAPID `sub` claim the sender identified itself with. */
  readonly vapidSubject: string;
}

export interface WebPushService {
  readonly url: string;
  /** A subscription as a browser would make it, bound to `applicationServerKey` when given. */
  subscribe(applicationServerKey?: string): TestbedPushSubscription;
  /** The browser unsubscribed (or the user revoked permission): the endpoint answers 410 Gone. */
  expire(endpoint: string): void;
  received(): readonly ReceivedWebPush[];
  failNext(...failures: ScriptedFailure[]): void;
  close(): Promise<void>;
}

interface Subscription {
  readonly id: string;
  readonly ecdh: ECDH;
  readonly auth: Buffer;
  readonly applicationServerKey: string | undefined;
  gone: boolean;
}

const MAX_VAPID_LIFETIME_S = 24 * 3600;

/**
 * A push service in the way of RFC 8030: `POST /push/<id>` with a VAPID `Authorization: vapid
 * t=<ES256 JWT>, k=<public key>` (signature, `aud` = this origin, `exp` within 24 h, `sub`), a
 * `TTL`, and an `aes128gcm` body that it decrypts with the subscription's private key. Answers 201
 * Created, 410 Gone for an expired subscription, 404 for an unknown one, 401/403 for bad VAPID,
 * 400 for a body that does not decrypt, and scripted failures (429, 503 with Retry-After).
 */
export async function startWebPushService(
  opts: { readonly port?: number; readonly now?: () => Date } = {},
): Promise<WebPushService> {
  const now = opts.now ?? systemClock.now;
  const subscriptions = new Map<string, Subscription>();
  const received: ReceivedWebPush[] = [];
  const failures = new ScriptedFailures();
  const app = Fastify({ logger: false });
  app.addContentTypeParser('application/octet-stream', { parseAs: 'buffer' }, (_req, body, done) =>
    done(null, body),
  );
  let origin = '';

  app.post<{ Params: { id: string } }>('/push/:id', async (request, reply) => {
    const subscription = subscriptions.get(request.params.id);
    if (subscription === undefined) return reply.code(404).send({ error: 'no such subscription' });
    if (subscription.gone) return reply.code(410).send({ error: 'subscription expired' });
    const vapid = await checkVapid(request.headers.authorization, origin, now(), subscription);
    if (vapid.problem !== undefined) return reply.code(vapid.status).send({ error: vapid.problem });
    const ttl = Number(request.headers.ttl);
    if (!Number.isInteger(ttl) || ttl < 0) return reply.code(400).send({ error: 'TTL header required' });
    if (request.headers['content-encoding'] !== 'aes128gcm') {
      return reply.code(415).send({ error: 'Content-Encoding must be aes128gcm' });
    }
    const failure = failures.take();
    if (failure !== undefined) {
      if (failure.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(failure.retryAfterSeconds));
      return reply.code(failure.status).send({ error: failure.reason ?? 'scripted failure' });
    }
    let payload: string;
    try {
      payload = decryptWebPush(request.body as Buffer, subscription.ecdh, subscription.auth);
    } catch (error) {
      if (error instanceof WebPushDecryptError) return reply.code(400).send({ error: error.message });
      throw error;
    }
    const urgency = request.headers.urgency;
    received.push({
      subscriptionId: subscription.id,
      payload,
      ttl,
      urgency: typeof urgency === 'string' ? urgency : undefined,
      vapidSubject: vapid.subject,
    });
    return reply.code(201).header('location', `${origin}/messages/${randomUUID()}`).send();
  });

  // For demos: a "browser" subscribes over HTTP, and what it received can be read back.
  app.post<{ Body: { applicationServerKey?: unknown } | undefined }>(
    '/subscriptions',
    async (request, reply) => {
      const key = request.body?.applicationServerKey;
      return reply.code(201).send(subscribe(typeof key === 'string' ? key : undefined));
    },
  );
  app.get('/received', () => ({ received }));

  function subscribe(applicationServerKey: string | undefined): TestbedPushSubscription {
    const ecdh = createECDH('prime256v1');
    ecdh.generateKeys();
    const subscription: Subscription = {
      id: randomUUID(),
      ecdh,
      auth: randomBytes(16),
      applicationServerKey,
      gone: false,
    };
    subscriptions.set(subscription.id, subscription);
    return {
      endpoint: `${origin}/push/${subscription.id}`,
      keys: { p256dh: ecdh.getPublicKey('base64url'), auth: subscription.auth.toString('base64url') },
    };
  }

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  origin = await listeningUrl(app.server);
  return {
    url: origin,
    subscribe,
    expire(endpoint) {
      const id = endpoint.slice(endpoint.lastIndexOf('/') + 1);
      const subscription = subscriptions.get(id);
      if (subscription !== undefined) subscription.gone = true;
    },
    received: () => [...received],
    failNext: (...list) => failures.push(...list),
    close: () => app.close(),
  };
}

type VapidCheck =
  | { readonly problem: undefined; readonly subject: string }
  | { readonly problem: string; readonly status: number };

async function checkVapid(
  header: string | undefined,
  origin: string,
  now: Date,
  subscription: Subscription,
): Promise<VapidCheck> {
  const match = /^vapid\s+t=([^,\s]+),\s*k=([A-Za-z0-9_-]+)$/.exec(header ?? '');
  if (match === null) return { problem: 'Authorization: vapid t=..., k=... required', status: 401 };
  const [, token = '', key = ''] = match;
  if (subscription.applicationServerKey !== undefined && key !== subscription.applicationServerKey) {
    return { problem: 'VAPID key differs from the subscription applicationServerKey', status: 403 };
  }
  const point = Buffer.from(key, 'base64url');
  if (point.length !== 65 || point[0] !== 4) return { problem: 'k is not a P-256 public key', status: 401 };
  try {
    if (decodeProtectedHeader(token).alg !== 'ES256') return { problem: 'alg must be ES256', status: 401 };
    const publicKey = await importJWK(
      {
        kty: 'EC',
        crv: 'P-256',
        x: point.subarray(1, 33).toString('base64url'),
        y: point.subarray(33).toString('base64url'),
      },
      'ES256',
    );
    await jwtVerify(token, publicKey, { audience: origin, currentDate: now, requiredClaims: ['exp', 'sub'] });
  } catch {
    return { problem: 'VAPID JWT invalid (signature, aud or exp)', status: 403 };
  }
  const claims = decodeJwt(token);
  if ((claims.exp ?? 0) - Math.floor(now.getTime() / 1000) > MAX_VAPID_LIFETIME_S) {
    return { problem: 'VAPID JWT exp more than 24 hours ahead', status: 403 };
  }
  return { problem: undefined, subject: String(claims.sub) };
}
