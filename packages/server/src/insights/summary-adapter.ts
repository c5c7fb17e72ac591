import type { CanonicalRecord, DataType } from '@syncwell/core';
import type { ConnectionRecords, SummarySource } from '@syncwell/insights';
import type { Logger } from 'pino';
import { openEndpoint, readWindowPatiently, type EndpointDeps } from './provider-endpoints.js';

export const DEFAULT_TIME_ZONE = 'UTC';

/**
 * Weekly summaries' `SummarySource`: the user's zone from their summary schedule, and records
 * read live from every active connection that can read them. A source that fails is left out
 * (the summary says which sources it used); nothing read is kept.
 */
export function createSummarySource(deps: EndpointDeps & { readonly logger: Logger }): SummarySource {
  return {
    async timeZoneOf(userId) {
      return (await deps.store.getSummarySchedule(userId))?.timeZone ?? DEFAULT_TIME_ZONE;
    },

    async readRecords(userId, dataTypes, range) {
      const connections = await deps.store.listConnectionsByUser(userId);
      const reads = connections.map(async (connection): Promise<ConnectionRecords | null> => {
        const endpoint = openEndpoint(deps, connection);
        if (endpoint === null) return null;
        const types = dataTypes.filter((t: DataType) =>
          endpoint.provider.facts.capabilities.readable.includes(t),
        );
        if (types.length === 0) return null;
        try {
          const records: CanonicalRecord[] = [];
          for (const type of types) records.push(...(await readWindowPatiently(endpoint, type, range)));
          return { connectionId: connection.id, provider: connection.provider, records };
        } catch (error) {
          deps.logger.warn(
            { connectionId: connection.id, err: { message: (error as Error).message } },
            'weekly summary: a source could not be read',
          );
          return null;
        }
      });
      return (await Promise.all(reads)).filter((r): r is ConnectionRecords => r !== null);
    },
  };
}
