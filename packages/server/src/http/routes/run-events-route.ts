import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { NotFoundError } from '@syncwell/core';
import type { RunRow } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import { idParams } from '../resource-id.js';
import { toRunView } from '../views/run-view.js';
import type { ZodApp } from '../zod-app.js';

export interface RunEventsOptions {
  /** How often the stream looks at the run; each look is one indexed store read. Default 250 ms. */
  readonly pollMs?: number;
  /** A comment line this often keeps proxies from closing a quiet stream. Default 15 s. */
  readonly keepAliveMs?: number;
  /** The stream ends after this long even if the run has not; the client reopens it. Default 5 min. */
  readonly maxStreamMs?: number;
}

const FINISHED = new Set<RunRow['status']>(['succeeded', 'partial', 'failed']);

/**
 * Live status of a run as server-sent events: `event: run` with the run (status and counts)
 * first, then again whenever either changes; the stream ends after the run finishes. The api
 * reads the store, which the worker updates page by page, so it works whichever process runs
 * the job. Owner-checked like every run route: another user's run is a 404.
 *
 * @example
 *   curl -N -H "authorization: Bearer $TOKEN" $URL/v1/runs/$RUN/events
 *   event: run
 *   data: {"run":{"id":"…","status":"running","counts":{"read":2,"written":1,…}}}
 */
export function registerRunEventsRoute(app: ZodApp, ctx: RouteContext, options: RunEventsOptions = {}): void {
  const pollMs = options.pollMs ?? 250;
  const keepAliveMs = options.keepAliveMs ?? 15_000;
  const maxStreamMs = options.maxStreamMs ?? 300_000;

  app.get(
    '/v1/runs/:id/events',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['runs'],
        summary: 'Follow a run live (text/event-stream): `run` events until it finishes',
        params: idParams,
        response: {
          200: {
            description: 'Server-sent events; each `data` is `{ "run": Run }` (no per-item results)',
            content: { 'text/event-stream': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const userId = callerId(request);
      const first = await ctx.store.getRun(request.params.id, userId);
      if (first === null) throw new NotFoundError('run', request.params.id);
      let closed = false;
      request.raw.once('close', () => {
        closed = true;
      });

      async function* events(): AsyncGenerator<string> {
        let run: RunRow | null = first;
        let last = '';
        let quietSince = performance.now();
        const deadline = performance.now() + maxStreamMs;
        while (run !== null && !closed) {
          const data = JSON.stringify({ run: toRunView(run) });
          if (data !== last) {
            last = data;
            quietSince = performance.now();
            yield `event: run\ndata: ${data}\n\n`;
          } else if (performance.now() - quietSince >= keepAliveMs) {
            quietSince = performance.now();
            yield ': keep-alive\n\n';
          }
          if (FINISHED.has(run.status) || performance.now() >= deadline) return;
          await new Promise((resolve) => setTimeout(resolve, pollMs));
          run = await ctx.store.getRun(run.id, userId);
        }
      }

      // The declared 200 documents the stream; the body is the stream itself, not a serialised string.
      return (reply as FastifyReply)
        .header('content-type', 'text/event-stream; charset=utf-8')
        .header('cache-control', 'no-store')
        .header('x-accel-buffering', 'no')
        .send(Readable.from(events(), { objectMode: false }));
    },
  );
}
