import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { HOST_TABLES_SQL } from './host-schema.js';

export const DATABASE_TEST_URL =
  process.env.DATABASE_TEST_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database with the host tables, in its own schema (Postgres) or its own instance (PGlite). */
export interface TestDatabase {
  kind: 'postgres' | 'pglite';
  db: pg.Pool | PGlite;
  /** Runs a statement with parameters, resolving rows. */
  query<Row = Record<string, unknown>>(text: string, params?: unknown[]): Promise<Row[]>;
  close(): Promise<void>;
}

/**
 * A pool whose every connection uses a fresh schema, so test files run in parallel without
 * seeing each other's rows. The schema is dropped on close.
 */
export async function createPostgresDatabase(
  label: string,
  hostTablesSql = HOST_TABLES_SQL,
): Promise<TestDatabase> {
  const schema = `attr_${label}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: DATABASE_TEST_URL });
  await admin.connect();
  await admin.query(`CREATE SCHEMA ${schema}`);
  await admin.end();

  const pool = new pg.Pool({
    connectionString: DATABASE_TEST_URL,
    options: `-c search_path=${schema}`,
    max: 8,
  });
  await pool.query(hostTablesSql);
  return {
    kind: 'postgres',
    db: pool,
    query: async (text, params) => (await pool.query(text, params)).rows,
    async close() {
      await pool.query(`DROP SCHEMA ${schema} CASCADE`);
      await pool.end();
    },
  };
}

/** An in-memory PGlite with the host tables. */
export async function createPgliteDatabase(hostTablesSql = HOST_TABLES_SQL): Promise<TestDatabase> {
  const lite = new PGlite();
  await lite.exec(hostTablesSql);
  return {
    kind: 'pglite',
    db: lite,
    query: async <Row>(text: string, params?: unknown[]) =>
      (await lite.query<Row>(text, params)).rows,
    close: () => lite.close(),
  };
}
