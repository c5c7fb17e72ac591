import type { Kysely } from 'kysely';
import type { StoreDatabase } from './store-schema.js';

/** What every query module needs; the engine adapter (sqlite/, postgres/) fills in the differences. */
export interface StoreContext {
  readonly db: Kysely<StoreDatabase>;
  /** Epoch milliseconds; injectable so expiry and scheduling are testable. */
  readonly now: () => number;
  readonly newId: () => string;
  /** Engines report unique-constraint violations differently. */
  readonly isUniqueViolation: (error: unknown) => boolean;
  /**
   * The engine has row locks with SKIP LOCKED (PostgreSQL), so claims by concurrent processes
   * pass each other by. Without it (SQLite) a single statement is atomic, which suffices there
   * because one database file has one writer at a time.
   */
  readonly skipLocked?: boolean;
  /**
   * The engine takes arrays as parameters (unnest) and data-modifying CTEs (PostgreSQL), so the
   * hot path's multi-step reads and writes go as one statement each: a round trip to a server
   * is what a sync job costs. Without it (SQLite, in-process) the same steps are plain queries.
   */
  readonly singleStatementSteps?: boolean;
}
