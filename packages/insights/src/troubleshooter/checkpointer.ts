import type { BaseCheckpointSaver } from '@langchain/langgraph';
import { PostgresSaver } from '@langchain/langgraph-checkpoint-postgres';
import { SqliteSaver } from '@langchain/langgraph-checkpoint-sqlite';
import Database from 'better-sqlite3';
import pg from 'pg';

/** Where conversations persist: the store's own database (DESIGN §6b). */
export type CheckpointTarget =
  | { readonly kind: 'sqlite'; readonly filename: string }
  | { readonly kind: 'postgres'; readonly connectionString: string; readonly schema?: string };

export interface OpenCheckpointer {
  readonly saver: BaseCheckpointSaver;
  close(): Promise<void>;
}

/** The PostgreSQL schema the checkpointer's tables live in, apart from the store's. */
export const CHECKPOINT_SCHEMA = 'insights_checkpoints';

/**
 * A LangGraph checkpointer on the store's database: the same SQLite file (its own tables,
 * `checkpoints` and `writes`, through a second connection; WAL lets both write), or the same
 * PostgreSQL database in a schema of its own. Conversations therefore survive a restart and any
 * insights process can resume any conversation.
 *
 * @example
 *   const { saver, close } = await openCheckpointer({ kind: 'sqlite', filename: 'data/syncwell.db' });
 */
export async function openCheckpointer(target: CheckpointTarget): Promise<OpenCheckpointer> {
  if (target.kind === 'sqlite') {
    const db = new Database(target.filename);
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    const saver = new SqliteSaver(db);
    return { saver, close: () => Promise.resolve(void db.close()) };
  }
  const pool = new pg.Pool({
    connectionString: target.connectionString,
    max: 4,
    application_name: 'syncwell-insights',
  });
  const saver = new PostgresSaver(pool, undefined, { schema: target.schema ?? CHECKPOINT_SCHEMA });
  try {
    await saver.setup();
  } catch (error) {
    await pool.end();
    throw error;
  }
  return { saver, close: () => pool.end() };
}
