import { sql } from 'kysely';
import type { Db } from '../../db/database';

export const VERSION = '0.1.0';

/** Round-trips the database and reports how long it took. */
export async function checkDatabase(
  db: Db,
): Promise<{ ok: true; latencyMs: number } | { ok: false; error: string }> {
  const started = performance.now();
  try {
    await sql`select 1`.execute(db);
    return { ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 };
  } catch (err) {
    return { ok: false, error: String((err as Error).message) };
  }
}
