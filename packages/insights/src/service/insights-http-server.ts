import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ERROR_CODES, isErrorCode, NotFoundError, SyncWellError, ValidationError } from '@syncwell/core';
import type { z } from 'zod';
import type { InsightsApi } from './insights-api.js';
import {
  answerRequest,
  INTERNAL_PATHS,
  mergeRequest,
  startRequest,
  userRequest,
} from './internal-protocol.js';

export interface InsightsHttpServerOptions {
  readonly api: InsightsApi;
  /** Shared with the api and worker roles (derived from the master key); never logged. */
  readonly authToken: string;
  readonly host: string;
  readonly port: number;
  readonly onError?: (error: unknown) => void;
}

export interface RunningInsightsServer {
  readonly url: string;
  close(): Promise<void>;
}

const BODY_LIMIT_BYTES = 4 * 1024 * 1024; // two workouts with dense GPS tracks fit

/**
 * `syncwell insights` on the wire: a small node:http server for the internal protocol. Bodies
 * carry health values only for one merge suggestion and are never logged or kept.
 */
export async function startInsightsHttpServer(
  options: InsightsHttpServerOptions,
): Promise<RunningInsightsServer> {
  const expected = Buffer.from(`Bearer ${options.authToken}`);
  const server: Server = createServer((request, response) => {
    void handle(options, expected, request, response).catch((error: unknown) => {
      options.onError?.(error);
      send(response, error instanceof SyncWellError ? error : new SyncWellError('SW_INTERNAL'));
    });
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => resolve());
  });
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${address.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

async function handle(
  options: InsightsHttpServerOptions,
  expected: Buffer,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://insights');
  if (request.method === 'GET' && url.pathname === INTERNAL_PATHS.health) {
    sendJson(response, 200, { status: 'ok' });
    return;
  }
  const auth = Buffer.from(request.headers.authorization ?? '');
  if (auth.length !== expected.length || !timingSafeEqual(auth, expected)) {
    send(response, new SyncWellError('SW_UNAUTHENTICATED'));
    return;
  }
  const { api } = options;
  const path = url.pathname;
  const conversation = /^\/internal\/conversations\/([^/]+)(\/answers)?$/.exec(path);
  if (request.method === 'POST' && path === INTERNAL_PATHS.mergeSuggestions) {
    sendJson(response, 200, await api.suggestMerge(parse(mergeRequest, await readJson(request))));
  } else if (request.method === 'POST' && path === INTERNAL_PATHS.conversations) {
    sendJson(response, 201, await api.startConversation(parse(startRequest, await readJson(request))));
  } else if (request.method === 'POST' && conversation?.[2] !== undefined) {
    const body = parse(answerRequest, await readJson(request));
    sendJson(
      response,
      200,
      await api.answerConversation({ ...body, conversationId: decodeURIComponent(conversation[1] ?? '') }),
    );
  } else if (request.method === 'GET' && conversation !== null && conversation[2] === undefined) {
    const { userId } = parse(userRequest, { userId: url.searchParams.get('userId') ?? '' });
    const id = decodeURIComponent(conversation[1] ?? '');
    const view = await api.readConversation({ userId, conversationId: id });
    if (view === null) throw new NotFoundError('conversation', id);
    sendJson(response, 200, view);
  } else if (request.method === 'POST' && path === INTERNAL_PATHS.weeklySummaries) {
    sendJson(response, 200, await api.weeklySummary(parse(userRequest, await readJson(request))));
  } else {
    send(response, new NotFoundError('route', path));
  }
}

function parse<T extends z.ZodType>(schema: T, body: unknown): z.infer<T> {
  const parsed = schema.safeParse(body);
  if (!parsed.success)
    throw new ValidationError('Invalid request', {
      issues: parsed.error.issues.map((i) => i.path.join('.')),
    });
  return parsed.data;
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > BODY_LIMIT_BYTES) throw new ValidationError('Request body too large');
    chunks.push(chunk);
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
  } catch {
    throw new SyncWellError('SW_MALFORMED_JSON');
  }
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

function send(response: ServerResponse, error: SyncWellError): void {
  if (response.headersSent) return;
  const status = isErrorCode(error.code) ? ERROR_CODES[error.code].http : 500;
  sendJson(response, status, {
    code: error.code,
    message: error.message,
    ...(error.details ? { details: error.details } : {}),
  });
}
