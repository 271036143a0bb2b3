import type { Executor } from '../../db/database';

/**
 * Read-only queries of the to-do centre over the shared problem list (the problems module owns the table):
 * open problems owned by the caller's unit, and resolved problems waiting for the caller's closure confirmation.
 */
const problemSelect = (db: Executor) =>
  db
    .selectFrom('problems')
    .select([
      'problems.id',
      'problems.entity',
      'problems.entity_id',
      'problems.title',
      'problems.status',
      'problems.due_on',
      'problems.escalation_level',
    ]);

/** Problems the unit must work on: assigned to it (已交办) or in progress (办理中). */
export function openProblemsOwnedBy(db: Executor, unitId: string) {
  return problemSelect(db)
    .where('problems.owner_unit_id', '=', unitId)
    .where('problems.status', 'in', ['assigned', 'in_progress'])
    .orderBy('problems.due_on')
    .limit(500)
    .execute();
}

/** Resolved problems (已办结) waiting for closure: those the user raised, or all of them for a supervisor. */
export function problemsAwaitingConfirmation(db: Executor, userId: string | null, everyone: boolean) {
  let q = problemSelect(db).where('problems.status', '=', 'resolved');
  if (!everyone) q = q.where('problems.raised_by', '=', userId ?? '-');
  return q.orderBy('problems.resolved_at').limit(500).execute();
}
