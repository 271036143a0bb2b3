import type { Executor } from '../../db/database';

export function findRun(db: Executor, id: string) {
  return db.selectFrom('import_runs').selectAll().where('id', '=', id).executeTakeFirst();
}

/** One actor's most recent runs (newest first), optionally of one ledger. */
export function listRunsOf(db: Executor, actorId: string, f: { ledger?: string; limit: number }) {
  let q = db.selectFrom('import_runs').selectAll().where('actor_id', '=', actorId);
  if (f.ledger) q = q.where('ledger', '=', f.ledger);
  return q.orderBy('started_at', 'desc').orderBy('id', 'desc').limit(f.limit).execute();
}
