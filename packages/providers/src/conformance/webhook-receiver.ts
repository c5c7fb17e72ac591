import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { WebhookOutcome, WebhookRequest, WebhookVerifier } from '@syncwell/core';

export interface ReceivedWebhook {
  readonly request: WebhookRequest;
  readonly outcome: WebhookOutcome;
}

/**
 * A local HTTP endpoint that answers a simulator's webhook calls with our verifier, as the API
 * server would: handshakes with their body, events with 200, rejections with 403. It records
 * every request so tests can replay or tamper with genuine ones.
 */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  private server: Server | undefined;

  constructor(public verifier: WebhookVerifier) {}

  async start(): Promise<string> {
    const server = createServer((req, res) => {
      void readRequest(req).then((request) => {
        const outcome = this.verifier.verify(request);
        this.received.push({ request, outcome });
        const status = outcome.kind === 'handshake' ? outcome.status : outcome.kind === 'events' ? 200 : 403;
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(outcome.kind === 'handshake' ? outcome.body : {}));
      });
    });
    this.server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = server.address();
    if (address === null || typeof address === 'string') throw new Error('receiver did not bind');
    return `http://127.0.0.1:${address.port}/webhook`;
  }

  /** Waits until a recorded request satisfies `match`, polling briefly. */
  async waitFor(match: (received: ReceivedWebhook) => boolean, timeoutMs = 5000): Promise<ReceivedWebhook> {
    const deadline = performance.now() + timeoutMs;
    for (;;) {
      const found = this.received.find(match);
      if (found !== undefined) return found;
      if (performance.now() > deadline) throw new Error('no matching webhook arrived in time');
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server === undefined) return;
    await new Promise<void>((resolve) =>
      server.close(() => {
        resolve();
      }),
    );
  }
}

async function readRequest(req: IncomingMessage): Promise<WebhookRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const url = new URL(req.url ?? '/', 'http://receiver');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (typeof value === 'string') headers[name.toLowerCase()] = value;
  }
  return {
    method: req.method === 'GET' ? 'GET' : 'POST',
    query: Object.fromEntries(url.searchParams),
    headers,
    rawBody: new Uint8Array(Buffer.concat(chunks)),
  };
}
