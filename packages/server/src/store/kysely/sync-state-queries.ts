import {
  itemMissedData,
  type DataType,
  type LedgerEntry,
  type PageCommit,
  type WriteIntent,
} from '@syncwell/core';
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely';
import { finishRunIn, MISSED_DATA_CODES } from './run-queries.js';
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
  if (commit.finish === true) await finishRunIn(trx, now, commit.runId, 'succeeded');
  return true;
}

/**
 * writePageCommit as one PostgreSQL statement (autocommit, so atomic): the fence upsert in a
 * CTE that every other write depends on, rows passed as arrays and unnested, the run's counters
 * (and, with `finish`, its end) in one update whose RETURNING numbers the page's items.
 */
async function commitInOneStatement(
  db: Kysely<StoreDatabase>,
  now: number,
  commit: PageCommit,
): Promise<boolean> {
  const fence =
    commit.fencingToken === undefined
      ? sql`select 1 as token`
      : sql`insert into rule_fences (rule_id, token) values (${commit.ruleId}, ${commit.fencingToken}::bigint)
          on conflict (rule_id) do update set token = excluded.token
          where rule_fences.token <= excluded.token
          returning token`;
  const items = commit.items;
  const count = (outcome: string) => items.filter((item) => item.outcome === outcome).length;
  const finish = commit.finish === true;
  const ending = sql`${finish}::boolean and status in ('queued', 'running')`;
  const { rows } = await sql<{ passed: boolean }>`
    with fence as (${fence}),
    done as (
      insert into sync_ledger (destination_connection_id, identity_key, rule_id, content_key, tag,
        data_type, status, destination_id, created_at, updated_at)
      select u.dest, u.identity_key, ${commit.ruleId}, '', '', ${commit.dataType}, 'done', u.destination_id,
        ${now}::bigint, ${now}::bigint
      from unnest(
        ${commit.done.map((d) => d.destinationConnectionId)}::text[],
        ${commit.done.map((d) => d.identityKey)}::text[],
        ${commit.done.map((d) => d.destinationId)}::text[]
      ) as u(dest, identity_key, destination_id)
      where exists (select 1 from fence)
      on conflict (destination_connection_id, identity_key) do update
        set status = 'done', destination_id = excluded.destination_id, updated_at = excluded.updated_at
    ),
    counted as (
      update runs set
        items_read = items_read + ${items.length}::int,
        items_written = items_written + ${count('written')}::int,
        items_skipped = items_skipped + ${count('skipped')}::int,
        items_failed = items_failed + ${count('failed')}::int,
        status = case when ${ending} then
          case when ${items.some(itemMissedData)}::boolean or exists (
            select 1 from run_items ri where ri.run_id = runs.id
              and (ri.outcome = 'failed' or ri.code = any(${MISSED_DATA_CODES}::text[]))
          ) then 'partial' else 'succeeded' end
          else status end,
        error_code = case when ${ending} then null else error_code end,
        finished_at = case when ${ending} then ${now}::bigint else finished_at end
      where id = ${commit.runId} and exists (select 1 from fence)
      returning items_read
    ),
    page_items as (
      insert into run_items (run_id, seq, data_type, external_id, outcome, code, destination_id, message)
      select ${commit.runId}, (counted.items_read - ${items.length}::int + u.ord - 1)::int, u.data_type,
        u.external_id, u.outcome, u.code, u.destination_id, u.message
      from unnest(
        ${items.map((i) => i.dataType)}::text[],
        ${items.map((i) => i.externalId)}::text[],
        ${items.map((i) => i.outcome)}::text[],
        ${items.map((i) => i.code)}::text[],
        ${items.map((i) => i.destinationId)}::text[],
        ${items.map((i) => i.message ?? null)}::text[]
      ) with ordinality as u(data_type, external_id, outcome, code, destination_id, message, ord)
      -- No run row (an unknown run): the items still go in and fail its foreign key, undoing all.
      left join counted on true
      where exists (select 1 from fence)
    ),
    moved as (
      insert into sync_cursors (rule_id, data_type, cursor, updated_at)
      select ${commit.ruleId}, ${commit.dataType}, ${commit.cursor}::text, ${now}::bigint
      where ${commit.cursor}::text is not null and exists (select 1 from fence)
      on conflict (rule_id, data_type) do update set cursor = excluded.cursor, updated_at = excluded.updated_at
    )
    select exists (select 1 from fence) as passed
  `.execute(db);
  return rows[0]?.passed === true;
}

/** Intent rows as arrays for unnest: one parameter per column, whatever the number of rows. */
function intentColumns(intents: readonly WriteIntent[]) {
  return sql`unnest(
    ${intents.map((i) => i.destinationConnectionId)}::text[],
    ${intents.map((i) => i.identityKey)}::text[],
    ${intents.map((i) => i.ruleId)}::text[],
    ${intents.map((i) => i.contentKey)}::text[],
    ${intents.map((i) => i.tag)}::text[],
    ${intents.map((i) => i.dataType)}::text[]
  ) as u(dest, identity_key, rule_id, content_key, tag, data_type)`;
}

const INTENT_COLUMNS = sql`(destination_connection_id, identity_key, rule_id, content_key, tag, data_type,
  status, destination_id, created_at, updated_at)`;

/** SyncStatePort: cursors, the write-intent ledger, fences, and the atomic page commit. */
export function syncStateQueries(ctx: StoreContext) {
  const { db } = ctx;

  const oneStatement = ctx.singleStatementSteps === true;

  async function commitPage(commit: PageCommit): Promise<boolean> {
    if (oneStatement) return commitInOneStatement(db, ctx.now(), commit);
    return db.transaction().execute((trx) => writePageCommit(trx, ctx, commit));
  }

  async function findLedgerIn(
    on: Kysely<StoreDatabase>,
    destinationConnectionId: string,
    identityKeys: readonly string[],
  ): Promise<Map<string, LedgerEntry>> {
    const found = new Map<string, LedgerEntry>();
    for (const part of chunks(identityKeys)) {
      const rows = await on
        .selectFrom('sync_ledger')
        .selectAll()
        .where('destination_connection_id', '=', destinationConnectionId)
        .where('identity_key', 'in', part)
        .execute();
      for (const row of rows) found.set(row.identity_key, toLedger(row));
    }
    return found;
  }

  function findLedger(destinationConnectionId: string, identityKeys: readonly string[]) {
    return findLedgerIn(db, destinationConnectionId, identityKeys);
  }

  async function insertIntents(trx: Kysely<StoreDatabase>, intents: readonly WriteIntent[]): Promise<void> {
    const now = ctx.now();
    if (oneStatement) {
      if (intents.length === 0) return;
      await sql`insert into sync_ledger ${INTENT_COLUMNS}
        select u.dest, u.identity_key, u.rule_id, u.content_key, u.tag, u.data_type, 'intent', null,
          ${now}::bigint, ${now}::bigint
        from ${intentColumns(intents)}
        on conflict (destination_connection_id, identity_key) do nothing`.execute(trx);
      return;
    }
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
    for (const part of chunks(rows, 100)) {
      await trx
        .insertInto('sync_ledger')
        .values(part)
        .onConflict((oc) => oc.columns(['destination_connection_id', 'identity_key']).doNothing())
        .execute();
    }
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

    findLedger,

    async findLedgerRecordingIntents(
      destinationConnectionId: string,
      intents: readonly WriteIntent[],
    ): Promise<Map<string, LedgerEntry>> {
      if (intents.length === 0) return new Map();
      if (!oneStatement) {
        return db.transaction().execute(async (trx) => {
          const found = await findLedgerIn(
            trx,
            destinationConnectionId,
            intents.map((intent) => intent.identityKey),
          );
          await insertIntents(
            trx,
            intents.filter((intent) => !found.has(intent.identityKey)),
          );
          return found;
        });
      }
      const now = ctx.now();
      const { rows } = await sql<Selectable<SyncLedgerTable>>`
        with found as (
          select * from sync_ledger
          where destination_connection_id = ${destinationConnectionId}
            and identity_key = any(${intents.map((i) => i.identityKey)}::text[])
        ),
        recorded as (
          insert into sync_ledger ${INTENT_COLUMNS}
          select u.dest, u.identity_key, u.rule_id, u.content_key, u.tag, u.data_type, 'intent', null,
            ${now}::bigint, ${now}::bigint
          from ${intentColumns(intents)}
          where not exists (select 1 from found f where f.identity_key = u.identity_key)
          on conflict (destination_connection_id, identity_key) do nothing
        )
        select * from found
      `.execute(db);
      return new Map(rows.map((row) => [row.identity_key, toLedger(row)]));
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
      // One statement is atomic alone; several chunks need the transaction.
      if (oneStatement) await insertIntents(db, intents);
      else await db.transaction().execute((trx) => insertIntents(trx, intents));
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
