/* Tables of migrations 0003 and 0006 (historical backfill), in the representation of store-schema.ts. */

export interface BackfillsTable {
  id: string;
  rule_id: string;
  user_id: string;
  data_types: string;
  range_from: number;
  range_to: number;
  status: string;
  created_at: number;
  updated_at: number;
  finished_at: number | null;
  /** Migration 0006: the window as asked (null: not given) and the clamps applied (JSON list). */
  requested_from: number | null;
  requested_to: number | null;
  clamps: string;
}

export interface BackfillChunksTable {
  id: string;
  backfill_id: string;
  rule_id: string;
  seq: number;
  range_from: number;
  range_to: number;
  status: string;
  run_id: string | null;
  records: number;
  checkpoint: number;
  updated_at: number;
  /** Migration 0006: JSON `{ [dataType]: { cursor, done } }`, the resume point. */
  cursor: string | null;
  executions: number;
  stalls: number;
  reason: string | null;
  permission: string | null;
  written: number;
  skipped: number;
  failed: number;
}

export interface BackfillTables {
  backfills: BackfillsTable;
  backfill_chunks: BackfillChunksTable;
}
