/* The table of migration 0005 (conflict descriptors), in the representation of store-schema.ts. */

// Type aliases, not interfaces: Kysely's withTables wants types with implicit index signatures.
export type SyncConflictsTable = {
  id: string;
  rule_id: string;
  data_type: string;
  range_from: number;
  range_to: number;
  source_external_id: string;
  destination_id: string;
  code: string;
  status: string;
  resolution: string | null;
  detected_at: number;
  resolved_at: number | null;
  applied_at: number | null;
};

export type ConflictTables = {
  sync_conflicts: SyncConflictsTable;
};
