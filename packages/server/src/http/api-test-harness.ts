import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import {
  ProviderError,
  type DataType,
  type OAuthClient,
  type ProviderBundle,
  type ProviderFacts,
  type ProviderId,
  type WebhookEvent,
  type WebhookVerifier,
} from '@syncwell/core';
import { loadConfig } from '../config/load-config.js';
import { jobPayloadSchema, type EnqueueJob, type JobQueue } from '../queue/port.js';
import type { MetadataStore } from '../store/port.js';
import { createSqliteStore } from '../store/sqlite/sqlite-store.js';
import { createEnvelopeVault } from '../vault/envelope-vault.js';
import { deriveSubkey } from '../vault/derive-subkey.js';
import { createApiLogger } from './api-logger.js';
import type { ReadinessCheck } from './app-deps.js';
import { buildApp } from './build-app.js';

/*
 * Test support for the HTTP suites: a real SQLite store in a temp dir, the real envelope vault,
 * and small doubles for the queue and two providers. The doubles keep the ports' documented behaviour (AAD
 * binding, ids-only payloads) because the routes rely on it; the real adapters and provider
 * clients are tested by their own suites.
 */

export class QueueDouble implements JobQueue {
  readonly jobs: EnqueueJob[] = [];
  failNext = false;
  enqueue(job: EnqueueJob): Promise<{ id: string; deduplicated: boolean }> {
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('queue down'));
    }
    jobPayloadSchema.parse(job.payload);
    this.jobs.push(job);
    return Promise.resolve({ id: job.jobId ?? String(this.jobs.length), deduplicated: false });
  }
  process(): void {
    throw new Error('not used by the API');
  }
  counts() {
    return Promise.resolve({ waiting: this.jobs.length, delayed: 0, active: 0, deadLettered: 0 });
  }
  deadLetters() {
    return Promise.resolve([]);
  }
  close() {
    return Promise.resolve(true);
  }
}

export interface ProviderDouble {
  readonly bundle: ProviderBundle;
  readonly exchanges: { code: string; redirectUri: string; codeVerifier?: string }[];
  readonly revoked: string[];
}

/** Codes `ok-<externalUserId>` succeed; anything else is refused like a real token endpoint. */
export function providerDouble(
  id: ProviderId,
  options: { pkce: 'S256' | 'none'; readable: DataType[]; writable: DataType[] },
): ProviderDouble {
  const exchanges: ProviderDouble['exchanges'] = [];
  const revoked: string[] = [];
  const facts: ProviderFacts = {
    id,
    displayName: `${id.toUpperCase()} <Cloud>`,
    defaultBaseUrls: {
      api: `https://${id}.test/api`,
      authorize: `https://${id}.test/authorize`,
      token: `https://${id}.test/token`,
    },
    auth: {
      kind: 'oauth2',
      scopes: ['read'],
      scopeSeparator: ' ',
      pkce: options.pkce,
      clientAuth: 'basic',
      refresh: 'rotating',
      accessTokenLifetimeSeconds: 3600,
    },
    capabilities: {
      readable: options.readable,
      writable: options.writable,
      push: 'webhook',
      backfillWindowDays: 365,
    },
    rateLimits: [],
    terms: { ownerOnly: id === 'strava', excludeFromTraining: id === 'strava' },
  };
  const oauth: OAuthClient = {
    authorizeUrl: ({ state, redirectUri, codeChallenge }) => {
      const url = new URL(facts.defaultBaseUrls.authorize);
      url.search = new URLSearchParams({
        state,
        redirect_uri: redirectUri,
        ...(codeChallenge ? { code_challenge: codeChallenge } : {}),
      }).toString();
      return url.href;
    },
    exchangeCode: (params) => {
      exchanges.push({ ...params });
      if (!params.code.startsWith('ok-'))
        return Promise.reject(
          new ProviderError('SW_PROVIDER_REQUEST_REJECTED', 'invalid_grant', { status: 400 }),
        );
      const externalUserId = params.code.slice(3);
      return Promise.resolve({
        externalUserId,
        tokens: {
          accessToken: `ACCESS-${id}-${externalUserId}`,
          refreshToken: `REFRESH-${id}-${externalUserId}`,
          expiresAt: new Date('2030-01-01T00:00:00Z'),
          scopes: ['read'],
        },
      });
    },
    revoke: (tokens) => {
      revoked.push(tokens.accessToken);
      return Promise.resolve();
    },
  };
  const webhooks: WebhookVerifier = {
    verify: (request) => {
      if (request.method === 'GET') {
        return request.query['hub.verify_token'] === 'verify-me'
          ? { kind: 'handshake', status: 200, body: { 'hub.challenge': request.query['hub.challenge'] } }
          : { kind: 'rejected', reason: 'bad verify token' };
      }
      if (request.headers['x-signature'] !== `sig:${Buffer.from(request.rawBody).toString('utf8')}`) {
        return { kind: 'rejected', reason: 'bad signature' };
      }
      const body = JSON.parse(Buffer.from(request.rawBody).toString('utf8')) as {
        owner: string;
        type: DataType;
      };
      return {
        kind: 'events',
        events: [{ externalUserId: body.owner, dataType: body.type, action: 'create' }],
      };
    },
  };
  const data = {
    facts,
    read: () => Promise.reject(new Error('not used by the API')),
    write: () => Promise.reject(new Error('not used by the API')),
  };
  return { bundle: { data, oauth, webhooks }, exchanges, revoked };
}

export interface ApiHarness {
  readonly app: FastifyInstance;
  readonly store: MetadataStore;
  readonly queue: QueueDouble;
  readonly polar: ProviderDouble;
  readonly strava: ProviderDouble;
  readonly webhookCalls: { connectionIds: readonly string[]; event: WebhookEvent }[];
  readonly logLines: string[];
  readonly readiness: { failing: boolean };
  close(): Promise<void>;
}

export async function createApiHarness(): Promise<ApiHarness> {
  const dir = mkdtempSync(join(tmpdir(), 'syncwell-http-'));
  const store = await createSqliteStore({ filename: join(dir, 'syncwell.db') });
  const queue = new QueueDouble();
  const polar = providerDouble('polar', {
    pkce: 'none',
    readable: ['workout', 'sleep', 'daily_activity'],
    writable: [],
  });
  const strava = providerDouble('strava', { pkce: 'S256', readable: ['workout'], writable: ['workout'] });
  const webhookCalls: ApiHarness['webhookCalls'] = [];
  const logLines: string[] = [];
  const readinessState = { failing: false };
  const readiness: ReadinessCheck[] = [
    { name: 'store', check: () => store.ping() },
    {
      name: 'queue',
      check: () => (readinessState.failing ? Promise.reject(new Error('down')) : Promise.resolve()),
    },
  ];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      logLines.push(chunk.toString('utf8'));
      callback();
    },
  });
  const masterKey = randomBytes(32);
  const app = await buildApp({
    config: loadConfig({ PUBLIC_URL: 'https://sync.test' }, []),
    store,
    vault: createEnvelopeVault(masterKey),
    queue,
    providers: new Map([
      ['polar', polar.bundle],
      ['strava', strava.bundle],
    ]),
    jwtSecret: deriveSubkey(masterKey, 'jwt-access-tokens'),
    logger: createApiLogger({ level: 'debug', destination }),
    readiness,
    onWebhookEvents: (connectionIds, event) => {
      webhookCalls.push({ connectionIds, event });
      return Promise.resolve();
    },
  });
  return {
    app,
    store,
    queue,
    polar,
    strava,
    webhookCalls,
    logLines,
    readiness: readinessState,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export interface SignedInUser {
  readonly userId: string;
  readonly email: string;
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly auth: { authorization: string };
}

export async function signUpAndLogIn(
  app: FastifyInstance,
  email: string,
  password = 'a very long password',
): Promise<SignedInUser> {
  const created = await app.inject({ method: 'POST', url: '/v1/users', payload: { email, password } });
  if (created.statusCode !== 201) throw new Error(`sign-up failed: ${created.body}`);
  const login = await app.inject({ method: 'POST', url: '/v1/sessions', payload: { email, password } });
  const tokens = login.json<{ accessToken: string; refreshToken: string }>();
  return {
    userId: created.json<{ user: { id: string } }>().user.id,
    email,
    ...tokens,
    auth: { authorization: `Bearer ${tokens.accessToken}` },
  };
}

/** Runs the whole OAuth flow with the provider double; returns the connection id. */
export async function connect(
  app: FastifyInstance,
  user: SignedInUser,
  provider: ProviderId,
  externalUserId: string,
): Promise<string> {
  const started = await app.inject({
    method: 'POST',
    url: '/v1/connections',
    headers: user.auth,
    payload: { provider },
  });
  const { state } = started.json<{ state: string }>();
  const callback = await app.inject({
    method: 'GET',
    url: `/v1/oauth/${provider}/callback?code=ok-${externalUserId}&state=${state}`,
    headers: { accept: 'application/json' },
  });
  if (callback.statusCode !== 200) throw new Error(`callback failed: ${callback.body}`);
  return callback.json<{ connection: { id: string } }>().connection.id;
}
