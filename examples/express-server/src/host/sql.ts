/**
 * The one database method the server needs; `pg.Pool`, `pg.Client` and PGlite all provide it.
 */
export interface SqlClient {
  query(text: string, params?: unknown[]): Promise<{ rows: unknown[] }>;
}
