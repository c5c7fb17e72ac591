import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** Row count and content hash per table, plus the queue's jobs: equal snapshots, nothing changed. */
export type StoreSnapshot = Readonly<Record<string, string>>;

/**
 * Reads every table of a SQLite file (the store's and anything else sharing the file, such as
 * the insights checkpointer's) through its own read-only connection. WAL lets it see each
 * committed write of the store's connection.
 */
export class SqliteSnapshotter {
  private readonly db: Database.Database;

  constructor(filename: string) {
    this.db = new Database(filename, { readonly: true, fileMustExist: true });
  }

  /** Every table in the file now (a table created by a request is a change too). */
  tables(): string[] {
    return this.db
      .prepare<[], { name: string }>(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
      )
      .all()
      .map((r) => r.name);
  }

  snapshot(queuedJobs: readonly unknown[]): StoreSnapshot {
    const out: Record<string, string> = {};
    for (const table of this.tables()) {
      const rows = this.db.prepare(`SELECT * FROM "${table}"`).raw().all();
      const hash = createHash('sha256');
      for (const row of rows as unknown[][]) hash.update(JSON.stringify(row.map(plain)));
      out[table] = `${rows.length}:${hash.digest('hex').slice(0, 16)}`;
    }
    out['queue.jobs'] =
      `${queuedJobs.length}:${createHash('sha256').update(JSON.stringify(queuedJobs)).digest('hex').slice(0, 16)}`;
    return out;
  }

  /**
   * SQLite's `data_version`: changes whenever another connection commits to the file, whatever
   * it wrote (an UPDATE to the same value counts). O(1), so a fuzzer can ask after every request.
   */
  writeVersion(): number {
    return this.db.pragma('data_version', { simple: true }) as number;
  }

  close(): void {
    this.db.close();
  }
}

function plain(value: unknown): unknown {
  if (Buffer.isBuffer(value)) return value.toString('base64');
  if (typeof value === 'bigint') return value.toString();
  return value;
}
