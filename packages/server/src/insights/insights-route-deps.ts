import type { ConflictDescriptor } from '@syncwell/core';
import type { InsightsClient } from '@syncwell/insights';
import type { ConflictVersions } from './conflict-versions.js';

/** What the HTTP API needs of the insights service. */
export interface InsightsRouteDeps {
  readonly client: InsightsClient;
  /** Both versions of a conflict, read live, and a merge suggestion beside them ("ask me"). */
  conflictVersions(conflict: ConflictDescriptor, userId: string): Promise<ConflictVersions>;
}
