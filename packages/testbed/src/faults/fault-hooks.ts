import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { corruptFileBytes } from './corrupt-file.js';
import type { FaultController } from './fault-controller.js';
import type { FaultTarget } from './fault-plan.js';
import { legacyGoneBody } from './gone-body.js';

/** One reply in the provider's own shape. */
export interface FaultReply {
  readonly status: number;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body: unknown;
}

/**
 * What a simulator tells the shared hooks about its provider: which paths are API or token
 * endpoints, and the provider's real error replies. The hooks know no provider by name.
 */
export interface ProviderFaultAdapter {
  /** `api`, `token`, or null for pages the faults never touch (consent pages, webhooks). */
  targetOf(method: string, path: string): FaultTarget | null;
  /** The provider's error body for an injected status (failNext, 5xx, a timeout's cap). */
  errorReply(status: number): FaultReply;
  /** The provider's 429 at an exhausted limit: body plus rate-limit headers. */
  rateLimitReply(): FaultReply;
  /** The token endpoint's refusal of a refresh token. */
  invalidGrantReply(): FaultReply;
  /** Whether a (parsed) token request is a refresh. */
  isRefresh(request: FastifyRequest): boolean;
  /** List endpoints whose JSON array items may be corrupted, and how one item is broken. */
  readonly items?: {
    matches(path: string): boolean;
    keyOf(item: Record<string, unknown>): string;
    corrupt(item: Record<string, unknown>): Record<string, unknown>;
  };
  /** File downloads that may be corrupted; the key names the file (the path is enough). */
  readonly files?: { matches(path: string): boolean };
}

const pathOf = (request: FastifyRequest): string => request.url.split('?')[0] ?? request.url;

function send(reply: FastifyReply, answer: FaultReply): FastifyReply {
  return reply
    .code(answer.status)
    .headers(answer.headers ?? {})
    .send(answer.body);
}

/**
 * Applies a `FaultController`'s plan to a simulator: request-level faults in `onRequest`
 * (before auth and rate limits, as a failing edge would), refused refreshes once the token
 * form is parsed, corrupted payloads in `onSend`. Register it before the routes.
 */
export function registerFaultHooks(
  app: FastifyInstance,
  faults: FaultController,
  adapter: ProviderFaultAdapter,
): void {
  app.addHook('onRequest', async (request, reply) => {
    const path = pathOf(request);
    const target = adapter.targetOf(request.method, path);
    const latency = target === null ? 0 : faults.latencyFor(target);
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    const action = faults.actionFor(target, path);
    if (action === null) return undefined;
    switch (action.kind) {
      case 'status':
        return send(reply, adapter.errorReply(action.status));
      case 'serverError':
        return send(reply, adapter.errorReply(action.status));
      case 'gone':
        return send(reply, { status: 410, body: legacyGoneBody() });
      case 'rateLimited':
        return send(reply, adapter.rateLimitReply());
      case 'timeout':
        return holdUntilClientGivesUp(faults, reply, action.holdMs, () => adapter.errorReply(504));
    }
  });

  app.addHook('preValidation', async (request, reply) => {
    if (adapter.targetOf(request.method, pathOf(request)) !== 'token' || !adapter.isRefresh(request))
      return undefined;
    if (!faults.refusesRefresh()) return undefined;
    return send(reply, adapter.invalidGrantReply());
  });

  app.addHook('onSend', async (request, reply, payload) => {
    if (reply.statusCode !== 200) return payload;
    const path = pathOf(request);
    const { items, files } = adapter;
    if (items?.matches(path) === true && typeof payload === 'string') {
      return corruptList(payload, (item) =>
        faults.corrupts('items', items.keyOf(item)) ? items.corrupt(item) : item,
      );
    }
    // The key is the whole URL: Garmin names its files by query (`activityFile?id=`), and one
    // key for all of them would corrupt the first or none, never a share.
    if (files?.matches(path) === true && Buffer.isBuffer(payload) && faults.corrupts('files', request.url)) {
      return corruptFileBytes(payload);
    }
    return payload;
  });
}

function corruptList(
  payload: string,
  map: (item: Record<string, unknown>) => Record<string, unknown>,
): string {
  const parsed: unknown = JSON.parse(payload);
  if (!Array.isArray(parsed)) return payload;
  return JSON.stringify(
    parsed.map((item: unknown) =>
      typeof item === 'object' && item !== null ? map(item as Record<string, unknown>) : item,
    ),
  );
}

/**
 * Says nothing until the client closes the connection (its request timeout) or the cap runs
 * out; a plan change releases it early. Then it answers the provider's 504.
 */
async function holdUntilClientGivesUp(
  faults: FaultController,
  reply: FastifyReply,
  holdMs: number,
  capReply: () => FaultReply,
): Promise<FastifyReply> {
  await new Promise<void>((resolve) => {
    const done = (): void => {
      clearTimeout(timer);
      reply.raw.off('close', done);
      forget();
      resolve();
    };
    const timer = setTimeout(done, holdMs);
    reply.raw.once('close', done);
    const forget = faults.hold(done);
  });
  // Answered either way, so Fastify finishes the request; to a client that left, it goes nowhere.
  return send(reply, capReply());
}
