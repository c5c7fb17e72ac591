import { sql } from 'kysely';
import type { MetadataStore } from '../port.js';
import { accountQueries } from './account-queries.js';
import { backfillQueries } from './backfill-queries.js';
import { conflictQueries } from './conflict-queries.js';
import { connectionQueries } from './connection-queries.js';
import { notificationQueries } from './notification-queries.js';
import { pushQueries } from './push-queries.js';
import { deviceQueries } from './device-queries.js';
import { ruleQueries } from './rule-queries.js';
import { runClaimQueries } from './run-claim.js';
import { runQueries } from './run-queries.js';
import { sealedSecretQueries } from './sealed-secret-queries.js';
import { settingsQueries } from './settings-queries.js';
import type { StoreContext } from './store-context.js';
import { summaryScheduleQueries } from './summary-schedule-queries.js';
import { syncStateQueries } from './sync-state-queries.js';
import { userDataQueries } from './user-data-queries.js';

/**
 * The MetadataStore over any Kysely dialect whose engine speaks ON CONFLICT and RETURNING
 * (SQLite ≥ 3.35, PostgreSQL). Engine adapters only open the database and run migrations.
 */
export function createKyselyStore(ctx: StoreContext): MetadataStore {
  return {
    ...accountQueries(ctx),
    ...connectionQueries(ctx),
    ...ruleQueries(ctx),
    ...runQueries(ctx),
    ...runClaimQueries(ctx),
    ...syncStateQueries(ctx),
    ...settingsQueries(ctx),
    ...backfillQueries(ctx),
    ...notificationQueries(ctx),
    ...conflictQueries(ctx),
    ...summaryScheduleQueries(ctx),
    ...sealedSecretQueries(ctx),
    ...pushQueries(ctx),
    ...userDataQueries(ctx),
    ...deviceQueries(ctx),
    async ping() {
      await sql`select 1`.execute(ctx.db);
    },
    async close() {
      await ctx.db.destroy();
    },
  };
}
