/**
 * The one method the Postgres adapter needs. `pg.Pool`, `pg.Client` and PGlite all have it:
 * `query(text, params)` resolving `{ rows }`.
 */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}

/** PGlite runs multi-statement scripts through `exec`; its `query` takes one statement. */
interface ScriptRunner {
  exec(script: string): Promise<unknown>;
}

function canExec(db: SqlClient): db is SqlClient & ScriptRunner {
  return typeof (db as Partial<ScriptRunner>).exec === 'function';
}

/**
 * Runs a multi-statement script in one round trip: PGlite's `exec`, or node-postgres's simple
 * query protocol (a parameterless `query`), which accepts several statements.
 */
export async function runScript(db: SqlClient, script: string): Promise<void> {
  if (canExec(db)) await db.exec(script);
  else await db.query(script);
}
