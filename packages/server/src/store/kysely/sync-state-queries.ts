import type { DataType, LedgerEntry, PageCommit, WriteIntent } from '@syncwell/core';
import type { Selectable, Transaction } from 'kysely';
import type { StoreContext } from './store-context.js';
import type { StoreDatabase, SyncLedgerTable } from './store-schema.js';

// Stays under SQLite's bound-parameter limit and PostgreSQL's sweet spot for IN lists.
const CHUNK = 500;

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

function toLedger(r: Selectable<SyncLedgerTable>): LedgerEntry {
  return {
    ruleId: r.rule_id,
    destinationConnectionId: r.destination_connection_id,
    identityKey: r.identity_key,
    contentKey: r.content_key,
    tag: r.tag,
    dataType: r.data_type as DataType,
    status: r.status as LedgerEntry['status'],
    destinationId: r.destination_id,
  };
}

/** Raises the rule's fence to `token`; false when a newer holder already committed. */
async function passFence(trx: Transaction<StoreDatabase>, ruleId: string, token: number): Promise<boolean> {
  // A conditional upsert, one statement: in PostgreSQL it also locks the fence row until commit.
  const row = await trx
    .insertInto('rule_fences')
    .values({ rule_id: ruleId, token })
    .onConflict((oc) =>
      oc
        .column('rule_id')
        .doUpdateSet({ token: (eb) => eb.ref('excluded.token') })
        .where((eb) => eb('rule_fences.token', '<=', eb.ref('excluded.token'))),
    )
    .returning('token')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * The page commit inside the caller's transaction (commitPage's, or a backfill chunk's, which
 * adds its checkpoint to the same transaction). False, with nothing written, when the fencing
 * token is outdated.
 */
export async function writePageCommit(
  trx: Transaction<StoreDatabase>,
  ctx: Pick<StoreContext, 'now'>,
  commit: PageCommit,
): Promise<boolean> {
  if (commit.fencingToken !== undefined && !(await passFence(trx, commit.ruleId, commit.fencingToken))) {
    return false;
  }
  const now = ctx.now();
  // Normally the intent rows exist (DESIGN §5 step 1); if not, record the writes anyway.
  // One multi-row upsert per chunk: a row per statement was most of a job's round trips.
  const doneRows = commit.done.map((done) => ({
    destination_connection_id: done.destinationConnectionId,
    identity_key: done.identityKey,
    rule_id: commit.ruleId,
    content_key: '',
    tag: '',
    data_type: commit.dataType,
    status: 'done',
    destination_id: done.destinationId,
    created_at: now,
    updated_at: now,
  }));
  for (const part of chunks(doneRows, 100)) {
    await trx
      .insertInto('sync_ledger')
      .values(part)
      .onConflict((oc) =>
        oc.columns(['destination_connection_id', 'identity_key']).doUpdateSet({
          status: 'done',
          destination_id: (eb) => eb.ref('excluded.destination_id'),
          updated_at: now,
        }),
      )
      .execute();
  }
  if (commit.items.length > 0) {
    const count = (outcome: string) => commit.items.filter((item) => item.outcome === outcome).length;
    // The counter update locks the run row (PostgreSQL), so two pages of one run committed at
    // once take turns; the new count also says where this page's item numbers start, since
    // items_read counts exactly the run's items (finishRun recounts it from them).
    const counted = await trx
      .updateTable('runs')
      .set((eb) => ({
        items_read: eb('items_read', '+', commit.items.length),
        items_written: eb('items_written', '+', count('written')),
        items_skipped: eb('items_skipped', '+', count('skipped')),
        items_failed: eb('items_failed', '+', count('failed')),
      }))
      .where('id', '=', commit.runId)
      .returning('items_read')
      .executeTakeFirst();
    const first = counted === undefined ? 0 : counted.items_read - commit.items.length;
    const rows = commit.items.map((item, i) => ({
      run_id: commit.runId,
      seq: first + i,
      data_type: item.dataType,
      external_id: item.externalId,
      outcome: item.outcome,
      code: item.code,
      destination_id: item.destinationId,
      message: item.message ?? null,
    }));
    for (const part of chunks(rows, 100)) await trx.insertInto('run_items').values(part).execute();
  }
  if (commit.cursor !== null) {
    await trx
      .insertInto('sync_cursors')
      .values({
        rule_id: commit.ruleId,
        data_type: commit.dataType,
        cursor: commit.cursor,
        updated_at: now,
      })
      .onConflict((oc) =>
        oc.columns(['rule_id', 'data_type']).doUpdateSet({ cursor: commit.cursor ?? '', updated_at: now }),
      )
      .execute();
  }
  return true;
}

/** SyncStatePort: cursors, the write-intent ledger, fences, and the atomic page commit. */
export function syncStateQueries(ctx: StoreContext) {
  const { db } = ctx;

  async function commitPage(commit: PageCommit): Promise<boolean> {
    return db.transaction().execute((trx) => writePageCommit(trx, ctx, commit));
  }

  return {
    commitPage,

    async getCursor(ruleId: string, dataType: DataType): Promise<string | null> {
      const row = await db
        .selectFrom('sync_cursors')
        .select('cursor')
        .where('rule_id', '=', ruleId)
        .where('data_type', '=', dataType)
        .executeTakeFirst();
      return row?.cursor ?? null;
    },

    async findLedger(
      destinationConnectionId: string,
      identityKeys: readonly string[],
    ): Promise<Map<string, LedgerEntry>> {
      const found = new Map<string, LedgerEntry>();
      for (const part of chunks(identityKeys)) {
        const rows = await db
          .selectFrom('sync_ledger')
          .selectAll()
          .where('destination_connection_id', '=', destinationConnectionId)
          .where('identity_key', 'in', part)
          .execute();
        for (const row of rows) found.set(row.identity_key, toLedger(row));
      }
      return found;
    },

    async findLedgerByTags(tags: readonly string[]): Promise<Map<string, LedgerEntry>> {
      const found = new Map<string, LedgerEntry>();
      for (const part of chunks(tags.filter((tag) => tag !== ''))) {
        const rows = await db.selectFrom('sync_ledger').selectAll().where('tag', 'in', part).execute();
        for (const row of rows) found.set(row.tag, toLedger(row));
      }
      return found;
    },

    async recordIntents(intents: readonly WriteIntent[]): Promise<void> {
      const now = ctx.now();
      const rows = intents.map((intent) => ({
        destination_connection_id: intent.destinationConnectionId,
        identity_key: intent.identityKey,
        rule_id: intent.ruleId,
        content_key: intent.contentKey,
        tag: intent.tag,
        data_type: intent.dataType,
        status: 'intent',
        destination_id: null,
        created_at: now,
        updated_at: now,
      }));
      await db.transaction().execute(async (trx) => {
        for (const part of chunks(rows, 100)) {
          await trx
            .insertInto('sync_ledger')
            .values(part)
            .onConflict((oc) => oc.columns(['destination_connection_id', 'identity_key']).doNothing())
            .execute();
        }
      });
    },

    async listOpenIntents(ruleId: string): Promise<LedgerEntry[]> {
      const rows = await db
        .selectFrom('sync_ledger')
        .selectAll()
        .where('rule_id', '=', ruleId)
        .where('status', '=', 'intent')
        .orderBy('created_at')
        .execute();
      return rows.map(toLedger);
    },
  };
}
