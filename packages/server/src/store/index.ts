export * from './port.js';
export { EmailTakenError } from './store-errors.js';
export { StoreMigrationError } from './migrations/run-migrations.js';
export { createSqliteStore, type SqliteStoreOptions } from './sqlite/sqlite-store.js';
export { createPostgresStore, type PostgresStoreOptions } from './postgres/postgres-store.js';
