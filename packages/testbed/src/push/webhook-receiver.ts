import { systemClock } from '@syncwell/core';
import { createHmac, timingSafeEqual } from 'node:crypto';
import Fastify from 'fastify';
import { listeningUrl, ScriptedFailures, type ScriptedFailure } from './scripted-failures.js';

export interface ReceivedWebhook {
  readonly id: string;
  readonly timestamp: number;
  readonly body: unknown;
}

export interface WebhookReceiver {
  /** Where to POST: `<url>/hook`. */
  readonly url: string;
  readonly secret: string;
  /** Verified deliveries, once per `webhook-id` (a retry of a delivered message is not kept twice). */
  received(): readonly ReceivedWebhook[];
  /** Requests refused for a bad or missing signature. */
  rejected(): number;
  failNext(...failures: ScriptedFailure[]): void;
  close(): Promise<void>;
}

const TOLERANCE_S = 5 * 60;

/**
 * A self-hoster's endpoint verifying Standard Webhooks: `webhook-id`, `webhook-timestamp` (within
 * five minutes of its clock) and `webhook-signature` (space-separated `v1,<base64>` entries, one of
 * which must be HMAC-SHA256 of `id.timestamp.body` under the `whsec_` secret's bytes). 401 when not.
 */
export async function startWebhookReceiver(opts: {
  readonly secret: string;
  readonly port?: number;
  readonly now?: () => Date;
}): Promise<WebhookReceiver> {
  const now = opts.now ?? systemClock.now;
  const key = Buffer.from(opts.secret.replace(/^whsec_/, ''), 'base64');
  const received = new Map<string, ReceivedWebhook>();
  const failures = new ScriptedFailures();
  let rejected = 0;
  const app = Fastify({ logger: false });
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.post('/hook', async (request, reply) => {
    const raw = typeof request.body === 'string' ? request.body : '';
    const id = request.headers['webhook-id'];
    const timestamp = Number(request.headers['webhook-timestamp']);
    const signatures = request.headers['webhook-signature'];
    const nowS = Math.floor(now().getTime() / 1000);
    if (typeof id !== 'string' || typeof signatures !== 'string' || !Number.isInteger(timestamp)) {
      rejected += 1;
      return reply.code(401).send({ error: 'missing webhook headers' });
    }
    if (Math.abs(nowS - timestamp) > TOLERANCE_S) {
      rejected += 1;
      return reply.code(401).send({ error: 'timestamp outside tolerance' });
    }
    const expected = createHmac('sha256', key).update(`${id}.${timestamp}.${raw}`).digest();
    const valid = signatures.split(' ').some((entry) => {
      const [version, signature] = entry.split(',', 2);
      if (version !== 'v1' || signature === undefined) return false;
      const given = Buffer.from(signature, 'base64');
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
    if (!valid) {
      rejected += 1;
      return reply.code(401).send({ error: 'signature mismatch' });
    }
    const failure = failures.take();
    if (failure !== undefined) {
      if (failure.retryAfterSeconds !== undefined)
        void reply.header('retry-after', String(failure.retryAfterSeconds));
      return reply.code(failure.status).send({ error: failure.reason ?? 'scripted failure' });
    }
    if (!received.has(id)) received.set(id, { id, timestamp, body: JSON.parse(raw) as unknown });
    return reply.code(204).send();
  });

  await app.listen({ host: '127.0.0.1', port: opts.port ?? 0 });
  const url = await listeningUrl(app.server);
  return {
    url,
    secret: opts.secret,
    received: () => [...received.values()],
    rejected: () => rejected,
    failNext: (...list) => failures.push(...list),
    close: () => app.close(),
  };
}
