import { Readable } from 'node:stream';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { UnauthenticatedError } from '../../auth/auth-errors.js';
import { WITHHELD_COLUMNS } from '../../store/user-data-page.js';
import type { MetadataStore } from '../../store/port.js';
import type { RouteContext } from '../app-deps.js';
import { callerId } from '../request-user.js';
import type { ZodApp } from '../zod-app.js';

const EXPORT_PAGE_ROWS = 500;

/**
 * `GET /v1/users/me/export` (DESIGN §10, GDPR art. 15/20): everything the store holds about the
 * caller, table by table as stored, credentials withheld. Streamed page by page from the store,
 * so memory stays at one page however many runs the user has.
 *
 * @example
 *   curl -H "authorization: Bearer $TOKEN" $URL/v1/users/me/export > my-syncwell-data.json
 */
export function registerUserExportRoute(app: ZodApp, ctx: RouteContext): void {
  app.get(
    '/v1/users/me/export',
    {
      onRequest: ctx.requireUser,
      schema: {
        tags: ['users'],
        summary: 'Everything SyncWell holds about you, as JSON (streamed)',
        response: {
          200: {
            description:
              '`{ format, exportedAt, userId, withheldColumns, tables: { <table>: [row, ...] } }`: every row of every table that belongs to you, columns as stored (times in epoch milliseconds), without password hashes, sealed OAuth tokens or refresh-token hashes.',
            content: { 'application/json': { schema: z.string() } },
          },
        },
      },
    },
    async (request, reply) => {
      const userId = callerId(request);
      // A valid token for a deleted account exports nothing: it is no account.
      if ((await ctx.store.getUser(userId)) === null) throw new UnauthenticatedError();
      const header = {
        format: 'syncwell-export/1',
        exportedAt: ctx.now().toISOString(),
        userId,
        withheldColumns: WITHHELD_COLUMNS,
      };
      return (reply as FastifyReply)
        .header('content-type', 'application/json; charset=utf-8')
        .header('content-disposition', 'attachment; filename="syncwell-export.json"')
        .header('cache-control', 'no-store')
        .send(Readable.from(exportJson(ctx.store, userId, header), { objectMode: false }));
    },
  );
}

/** The export document as text chunks: the header's fields, then `tables` filled page by page. */
async function* exportJson(
  store: MetadataStore,
  userId: string,
  header: Record<string, unknown>,
): AsyncGenerator<string> {
  yield `${JSON.stringify(header).slice(0, -1)},"tables":{`;
  let table: string | undefined;
  for await (const page of store.exportUserData(userId, EXPORT_PAGE_ROWS)) {
    const rows = page.rows.map((row) => JSON.stringify(row)).join(',');
    if (page.table !== table) {
      yield `${table === undefined ? '' : '],'}${JSON.stringify(page.table)}:[${rows}`;
      table = page.table;
    } else {
      yield `,${rows}`;
    }
  }
  yield `${table === undefined ? '' : ']'}}}`;
}
