// Postgres adapter: works with pg.Pool, pg.Client and PGlite.
export { migrateAttribution } from './migration.js';
export { createPgAttributionStore } from './pg-attribution-store.js';
export type { SqlClient } from './sql-client.js';
