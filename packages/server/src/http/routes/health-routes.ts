import { z } from 'zod';
import type { RouteContext } from '../app-deps.js';
import type { ZodApp } from '../zod-app.js';

const CHECK_TIMEOUT_MS = 2_000;

const readinessBody = z.object({
  status: z.enum(['ready', 'not_ready']),
  checks: z.array(z.object({ name: z.string(), status: z.enum(['ok', 'failed']) })),
});

/** `/health` says the process is alive; `/ready` says whether its dependencies answer. */
export function registerHealthRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/health',
    { schema: { tags: ['health'], response: { 200: z.object({ status: z.literal('ok') }) } } },
    () => ({ status: 'ok' as const }),
  );

  app.get(
    '/ready',
    { schema: { tags: ['health'], response: { 200: readinessBody, 503: readinessBody } } },
    async (request, reply) => {
      const checks = await Promise.all(
        ctx.readiness.map(async (dependency) => {
          const { name } = dependency;
          try {
            await withTimeout(dependency.check(), CHECK_TIMEOUT_MS);
            return { name, status: 'ok' as const };
          } catch (error) {
            request.log.warn({ check: name, err: error }, 'readiness check failed');
            return { name, status: 'failed' as const };
          }
        }),
      );
      const ready = checks.every((check) => check.status === 'ok');
      return reply.status(ready ? 200 : 503).send({ status: ready ? 'ready' : 'not_ready', checks });
    },
  );
}

function withTimeout(promise: Promise<void>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`timed out after ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => {
    clearTimeout(timer);
  });
}
