import { randomBytes } from 'node:crypto';
import { pino } from 'pino';
import { PROVIDER_MODULES } from '@syncwell/providers';
import { loadConfig } from '../../config/load-config.js';
import { createMemoryQueue } from '../../queue/memory/memory-queue.js';
import { createSqliteStore } from '../../store/sqlite/sqlite-store.js';
import { createEnvelopeVault } from '../../vault/envelope-vault.js';
import { buildApp } from '../build-app.js';

/** The part of an OpenAPI 3 document the reference renderer reads; everything else passes through. */
export interface OpenApiDocument {
  readonly info: { readonly title: string; readonly version: string; readonly description?: string };
  readonly paths: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
  readonly components?: { readonly schemas?: Readonly<Record<string, unknown>> };
}

/**
 * The OpenAPI document the API serves at `/docs/json`, from the same `buildApp` the server runs,
 * so the reference cannot describe routes the server does not have. Built on throwaway adapters
 * (in-memory SQLite and queue): only the routes' schemas are read, nothing is served.
 */
export async function loadOpenApiDocument(): Promise<OpenApiDocument> {
  const store = await createSqliteStore({ filename: ':memory:' });
  const queue = createMemoryQueue();
  const masterKey = randomBytes(32);
  try {
    const app = await buildApp({
      config: loadConfig(
        {},
        [...PROVIDER_MODULES.values()].map((m) => m.facts),
      ),
      store,
      vault: createEnvelopeVault(masterKey),
      queue,
      providers: new Map(),
      jwtSecret: masterKey,
      logger: pino({ level: 'silent' }),
      readiness: [],
      onWebhookEvents: () => Promise.resolve(),
    });
    try {
      const response = await app.inject({ method: 'GET', url: '/docs/json' });
      return JSON.parse(response.body) as OpenApiDocument;
    } finally {
      await app.close();
    }
  } finally {
    await queue.close();
    await store.close();
  }
}
