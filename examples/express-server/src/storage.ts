import { mkdir } from 'node:fs/promises';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import type { SqlClient } from './host/sql.js';

/** An open database and how to close it. */
export interface OpenDatabase {
  db: SqlClient;
  /** Where the data lives, for the startup log line; never includes a password. */
  description: string;
  close(): Promise<void>;
}

/**
 * Opens Postgres when a URL is given, else embedded PGlite persisted in `pgliteDataDir`
 * (`memory://` keeps it in memory, as the demo does).
 */
export async function openDatabase(options: {
  databaseUrl: string | null;
  pgliteDataDir: string;
}): Promise<OpenDatabase> {
  if (options.databaseUrl !== null) {
    const pool = new pg.Pool({ connectionString: options.databaseUrl, max: 10 });
    const url = new URL(options.databaseUrl);
    return {
      db: pool,
      description: `Postgres at ${url.hostname}:${url.port || '5432'}${url.pathname}`,
      close: () => pool.end(),
    };
  }

  const inMemory = options.pgliteDataDir.startsWith('memory://');
  if (!inMemory) await mkdir(options.pgliteDataDir, { recursive: true });
  const pglite = await PGlite.create(options.pgliteDataDir);
  return {
    db: pglite,
    description: inMemory
      ? 'embedded PGlite in memory'
      : `embedded PGlite in ${options.pgliteDataDir} (set DATABASE_URL for Postgres)`,
    close: () => pglite.close(),
  };
}
