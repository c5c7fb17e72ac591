/* Tables of migration 0003 (historical backfill), in the representation of store-schema.ts. */

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
}

export interface BackfillTables {
  backfills: BackfillsTable;
  backfill_chunks: BackfillChunksTable;
}
