import { PostgresAdapter, sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Engine } from './database';

/** The few places the two engines differ live here, and only here. */
export function engineOf(db: Kysely<any>): Engine {
  return db.getExecutor().adapter instanceof PostgresAdapter ? 'postgres' : 'sqlite';
}

/**
 * Serialises writers that must see each other (the audit hash chain, job claims). PostgreSQL: a
 * transaction-scoped advisory lock. SQLite: writes are already serialised by the database lock.
 */
export async function lockForUpdate(trx: Kysely<any>, key: number): Promise<void> {
  if (engineOf(trx) === 'postgres') await sql`select pg_advisory_xact_lock(${key})`.execute(trx);
}

/** Case-insensitive substring match that works on both engines (ILIKE vs LIKE, which SQLite folds for ASCII). */
export function containsInsensitive(
  db: Kysely<any>,
  column: Expression<unknown>,
  needle: string,
): RawBuilder<SqlBool> {
  const pattern = `%${needle.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return engineOf(db) === 'postgres'
    ? sql<SqlBool>`${column} ilike ${pattern} escape '\\'`
    : sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}

/** LIKE 'prefix%' with the prefix escaped. */
export function startsWith(column: Expression<unknown>, prefix: string): RawBuilder<SqlBool> {
  const pattern = `${prefix.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  return sql<SqlBool>`${column} like ${pattern} escape '\\'`;
}
