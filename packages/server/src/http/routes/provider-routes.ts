import { z } from 'zod';
import { dataType } from '@syncwell/core';
import type { RouteContext } from '../app-deps.js';
import type { ZodApp } from '../zod-app.js';

const providerEntry = z.object({
  id: z.string(),
  displayName: z.string(),
  readable: z.array(dataType),
  writable: z.array(dataType),
  push: z.enum(['webhook', 'ping', 'push', 'none']),
  backfillWindowDays: z.number().int().nullable(),
  terms: z.object({ ownerOnly: z.boolean(), excludeFromTraining: z.boolean() }),
});

/** The catalogue is public: it describes this server, not any user. */
export function registerProviderRoutes(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/providers',
    { schema: { tags: ['providers'], response: { 200: z.object({ providers: z.array(providerEntry) }) } } },
    () => ({
      providers: [...ctx.providers.values()].map(({ data: { facts } }) => ({
        id: facts.id,
        displayName: facts.displayName,
        readable: [...facts.capabilities.readable],
        writable: [...facts.capabilities.writable],
        push: facts.capabilities.push,
        backfillWindowDays: facts.capabilities.backfillWindowDays,
        terms: { ownerOnly: facts.terms.ownerOnly, excludeFromTraining: facts.terms.excludeFromTraining },
      })),
    }),
  );
}
