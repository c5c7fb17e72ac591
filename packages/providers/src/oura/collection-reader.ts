import type { ProviderSession, ReadFailure } from '@syncwell/core';
import type { z } from 'zod';
import { bearer, withAuthRetry } from '../http/auth-retry.js';
import { joinUrl } from '../http/basic-auth.js';
import { readJsonAs } from '../http/json-body.js';
import type { ProviderHttpClient } from '../http/provider-http-client.js';
import { ouraCollectionPage } from './schemas.js';

export interface CollectionPage<T> {
  readonly items: T[];
  readonly failures: ReadFailure[];
  readonly nextToken: string | null;
}

/**
 * `GET /v2/usercollection/{collection}` one page at a time. Each item is validated on its own: a
 * record that breaks the schema is reported by id (`SW_ITEM_INVALID_PAYLOAD`) and the rest go on.
 */
export class OuraCollectionReader {
  constructor(
    private readonly http: ProviderHttpClient,
    private readonly apiBaseUrl: string,
  ) {}

  async page<S extends z.ZodType>(
    session: ProviderSession,
    collection: string,
    schema: S,
    params: Readonly<Record<string, string>>,
    nextToken: string | null,
  ): Promise<CollectionPage<z.infer<S>>> {
    const url = joinUrl(this.apiBaseUrl, `/v2/usercollection/${collection}`);
    for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
    if (nextToken !== null) url.searchParams.set('next_token', nextToken);
    const reply = await withAuthRetry(session, (token) =>
      this.http.send({ method: 'GET', url, headers: bearer(token) }),
    );
    const body = readJsonAs(reply, ouraCollectionPage, `Oura ${collection} page`);
    const items: z.infer<S>[] = [];
    const failures: ReadFailure[] = [];
    for (const raw of body.data) {
      const parsed = schema.safeParse(raw);
      if (parsed.success) items.push(parsed.data);
      else failures.push(invalid(raw, collection));
    }
    return { items, failures, nextToken: body.next_token ?? null };
  }

  /** Every page of one query; for sample types, whose days must not be split across pages. */
  async all<S extends z.ZodType>(
    session: ProviderSession,
    collection: string,
    schema: S,
    params: Readonly<Record<string, string>>,
  ): Promise<Omit<CollectionPage<z.infer<S>>, 'nextToken'>> {
    const items: z.infer<S>[] = [];
    const failures: ReadFailure[] = [];
    let token: string | null = null;
    do {
      const page: CollectionPage<z.infer<S>> = await this.page(session, collection, schema, params, token);
      items.push(...page.items);
      failures.push(...page.failures);
      token = page.nextToken;
    } while (token !== null);
    return { items, failures };
  }
}

function invalid(raw: unknown, collection: string): ReadFailure {
  const id = typeof raw === 'object' && raw !== null ? (raw as { id?: unknown }).id : undefined;
  return {
    ok: false,
    externalId: typeof id === 'string' && id !== '' ? id : 'unknown',
    code: 'SW_ITEM_INVALID_PAYLOAD',
    message: `${collection} item failed validation`,
  };
}
