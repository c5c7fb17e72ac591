import { Migrator, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { SyncWellError } from '@syncwell/core';
import { initialSchema } from './0001-initial-schema.js';
import { serverSettings } from './0002-server-settings.js';
import { backfills } from './0003-backfills.js';
import { notificationsAndRefreshFailures } from './0004-notifications-and-refresh-failures.js';
import { syncConflicts } from './0005-sync-conflicts.js';
import { summarySchedules } from './0006-summary-schedules.js';
import { backfillControl } from './0007-backfill-control.js';
import { notificationDelivery } from './0008-notification-delivery.js';
import { devices } from './0009-devices.js';

/** In code, not read from disk: works the same from tsx, a bundle or a test. Names sort in order. */
const MIGRATIONS: Record<string, Migration> = {
  '0001-initial-schema': initialSchema,
  '0002-server-settings': serverSettings,
  '0003-backfills': backfills,
  '0004-notifications-and-refresh-failures': notificationsAndRefreshFailures,
  '0005-sync-conflicts': syncConflicts,
  '0006-summary-schedules': summarySchedules,
  '0007-backfill-control': backfillControl,
  '0008-notification-delivery': notificationDelivery,
  '0009-devices': devices,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};

export class StoreMigrationError extends SyncWellError {
  constructor(migration: string | undefined, cause: unknown) {
    super('SW_NOT_READY', `Store migration ${migration ?? '(unknown)'} failed`, { migration }, { cause });
  }
}

/**
 * Brings the schema up to date (or up to `upTo`, for tests of a later migration on older data);
 * throws StoreMigrationError naming the migration that failed.
 */
export async function runMigrations(db: Kysely<unknown>, upTo?: string): Promise<string[]> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await (upTo === undefined
    ? migrator.migrateToLatest()
    : migrator.migrateTo(upTo));
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error');
    throw new StoreMigrationError(failed?.migrationName, error);
  }
  return (results ?? []).map((r) => r.migrationName);
}
