import { z } from 'zod';
import type { RouteContext } from '../app-deps.js';
import type { ZodApp } from '../zod-app.js';

const serverInfo = z.object({
  demo: z
    .object({ links: z.array(z.object({ label: z.string(), url: z.string() })) })
    .nullable()
    .describe('Set in demo mode (`syncwell start --with-simulators`): pages of the simulated providers'),
});

/** Public facts a client app needs about this server; today only the demo mode's links. */
export function registerServerInfoRoute(app: ZodApp, ctx: RouteContext): void {
  app.get('/v1/server-info', { schema: { tags: ['server'], response: { 200: serverInfo } } }, () => ({
    demo:
      ctx.config.demoLinks.length === 0 ? null : { links: ctx.config.demoLinks.map((link) => ({ ...link })) },
  }));
}
