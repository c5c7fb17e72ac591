import type { InsightsClient } from '@syncwell/insights';

/**
 * What the HTTP API needs of the insights service: its client (troubleshooter, summaries, and
 * the merge suggestion shown beside a conflict's two versions, read live by the conflict route).
 */
export interface InsightsRouteDeps {
  readonly client: InsightsClient;
}
