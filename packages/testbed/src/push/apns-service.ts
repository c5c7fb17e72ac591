import { systemClock } from '@syncwell/core';
import { generateKeyPairSync, randomBytes, randomUUID, type KeyObject } from 'node:crypto';
import {
  createServer,
  createSecureServer,
  type Http2Server,
  type Http2SecureServer,
  type IncomingHttpHeaders,
  type ServerHttp2Session,
  type ServerHttp2Stream,
} from 'node:http2';
import { decodeProtectedHeader, jwtVerify } from 'jose';
import { listeningUrl, ScriptedFailures, type ScriptedFailure } from './scripted-failures.js';

export interface ReceivedApnsPush {
  readonly deviceToken: string;
  readonly topic: string;
  readonly pushType: string | undefined;
  readonly payload: Record<string, unknown>;
  /** `iat` of the provider token it came with (seconds). */
  readonly providerTokenIssuedAt: number;
}

export interface ApnsService {
  /** `http://127.0.0.1:<port>` (HTTP/2 without TLS) or `https://...` when a certificate was given. */
  readonly url: string;
  readonly teamId: string;
  readonly keyId: string;
  readonly topic: string;
  /** The `.p8` signing key "Apple issued" for `keyId`: PKCS#8 PEM. */
  readonly privateKeyPem: string;
  /** A device token as an iPhone would register it (64 hex characters). */
  registerDevice(): string;
  /** The app was removed from the device: the token answers 410 Unregistered. */
  uninstall(deviceToken: string): void;
  received(): readonly ReceivedApnsPush[];
  failNext(...failures: ScriptedFailure[]): void;
  close(): Promise<void>;
}

export interface ApnsServiceOptions {
  readonly topic?: string;
  readonly teamId?: string;
  readonly now?: () => Date;
  readonly port?: number;
  /** Serve TLS (h2) instead of cleartext HTTP/2. */
  readonly tls?: { readonly key: string; readonly cert: string };
}

/** Apple's limit: a provider token older than an hour is refused with ExpiredProviderToken. */
const TOKEN_MAX_AGE_S = 3600;

/**
 * The APNs provider API over HTTP/2: `POST /3/device/<token>` checked like Apple does. The JWT in
 * `authorization: bearer` must be ES256, signed with the team's key, with the registered `kid`,
 * `iss` = team id and an `iat` under an hour old (else 403 InvalidProviderToken /
 * ExpiredProviderToken / MissingProviderToken); `apns-topic` must be the app's bundle id (400
 * DeviceTokenNotForTopic / MissingTopic); an unknown token is 400 BadDeviceToken and an uninstalled
 * one 410 Unregistered with a timestamp. Scripted failures give 429 TooManyRequests or 503.
 */
export async function startApnsService(opts: ApnsServiceOptions = {}): Promise<ApnsService> {
  const now = opts.now ?? systemClock.now;
  const teamId = opts.teamId ?? 'TEAM123456';
  const keyId = randomBytes(5).toString('hex').toUpperCase();
  const topic = opts.topic ?? 'org.syncwell.app';
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const devices = new Map<string, { uninstalledAt: Date | null }>();
  const received: ReceivedApnsPush[] = [];
  const failures = new ScriptedFailures();
  const sessions = new Set<ServerHttp2Session>();

  const server: Http2Server | Http2SecureServer =
    opts.tls === undefined ? createServer() : createSecureServer({ key: opts.tls.key, cert: opts.tls.cert });
  server.on('session', (session) => {
    sessions.add(session);
    session.on('close', () => sessions.delete(session));
  });
  server.on('stream', (stream, headers) => {
    let body = '';
    stream.setEncoding('utf8');
    stream.on('data', (chunk: string) => (body += chunk));
    stream.on('end', () => {
      void answer(headers, body, publicKey).then(
        (reply) => respond(stream, reply),
        () => respond(stream, { status: 500, reason: 'InternalServerError' }),
      );
    });
  });

  async function answer(headers: IncomingHttpHeaders, body: string, key: KeyObject): Promise<ApnsReply> {
    const path = headers[':path'] ?? '';
    const match = /^\/3\/device\/([^/?]+)$/.exec(path);
    if (headers[':method'] !== 'POST') return { status: 405, reason: 'MethodNotAllowed' };
    if (match === null) return { status: 404, reason: 'BadPath' };
    const auth = await checkProviderToken(headers.authorization, key, keyId, teamId, now());
    if (typeof auth === 'string') return { status: 403, reason: auth };
    const requestTopic = headers['apns-topic'];
    if (typeof requestTopic !== 'string') return { status: 400, reason: 'MissingTopic' };
    if (requestTopic !== topic) return { status: 400, reason: 'DeviceTokenNotForTopic' };
    const deviceToken = decodeURIComponent(match[1] ?? '');
    const device = devices.get(deviceToken);
    if (device === undefined) return { status: 400, reason: 'BadDeviceToken' };
    if (device.uninstalledAt !== null) {
      return { status: 410, reason: 'Unregistered', timestamp: device.uninstalledAt.getTime() };
    }
    let payload: Record<string, unknown>;
    try {
      payload = JSON.parse(body) as Record<string, unknown>;
    } catch {
      return { status: 400, reason: 'BadPayload' };
    }
    if (typeof payload.aps !== 'object' || payload.aps === null)
      return { status: 400, reason: 'PayloadEmpty' };
    if (Buffer.byteLength(body) > 4096) return { status: 413, reason: 'PayloadTooLarge' };
    const failure = failures.take();
    if (failure !== undefined)
      return { status: failure.status, reason: failure.reason ?? 'ServiceUnavailable' };
    const pushType = headers['apns-push-type'];
    received.push({
      deviceToken,
      topic: requestTopic,
      pushType: typeof pushType === 'string' ? pushType : undefined,
      payload,
      providerTokenIssuedAt: auth.issuedAt,
    });
    return { status: 200 };
  }

  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  const url = await listeningUrl(server, opts.tls === undefined ? 'http' : 'https');
  return {
    url,
    teamId,
    keyId,
    topic,
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    registerDevice() {
      const token = randomBytes(32).toString('hex');
      devices.set(token, { uninstalledAt: null });
      return token;
    },
    uninstall(deviceToken) {
      devices.set(deviceToken, { uninstalledAt: now() });
    },
    received: () => [...received],
    failNext: (...list) => failures.push(...list),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Sessions the client keeps open would hold close() forever.
        for (const session of sessions) session.destroy();
      }),
  };
}

interface ApnsReply {
  readonly status: number;
  readonly reason?: string;
  readonly timestamp?: number;
}

function respond(stream: ServerHttp2Stream, reply: ApnsReply): void {
  if (stream.destroyed) return;
  stream.respond({ ':status': reply.status, 'apns-id': randomUUID(), 'content-type': 'application/json' });
  stream.end(
    reply.reason === undefined
      ? ''
      : JSON.stringify({
          reason: reply.reason,
          ...(reply.timestamp === undefined ? {} : { timestamp: reply.timestamp }),
        }),
  );
}

async function checkProviderToken(
  header: string | string[] | undefined,
  key: KeyObject,
  keyId: string,
  teamId: string,
  now: Date,
): Promise<string | { issuedAt: number }> {
  if (typeof header !== 'string' || !header.toLowerCase().startsWith('bearer '))
    return 'MissingProviderToken';
  const token = header.slice('bearer '.length).trim();
  try {
    const protectedHeader = decodeProtectedHeader(token);
    if (protectedHeader.alg !== 'ES256' || protectedHeader.kid !== keyId) return 'InvalidProviderToken';
    const { payload } = await jwtVerify(token, key, {
      issuer: teamId,
      currentDate: now,
      requiredClaims: ['iat'],
    });
    const age = Math.floor(now.getTime() / 1000) - (payload.iat ?? 0);
    if (age > TOKEN_MAX_AGE_S) return 'ExpiredProviderToken';
    if (age < -60) return 'InvalidProviderToken';
    return { issuedAt: payload.iat ?? 0 };
  } catch {
    return 'InvalidProviderToken';
  }
}
