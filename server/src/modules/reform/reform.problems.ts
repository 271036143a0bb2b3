import { sql, type SqlBool } from 'kysely';
import type { z } from 'zod';
import type { BlockerInput } from '../../../../contracts/schemas/reform';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import { registerProblemParent } from '../problems/problems.parents';
import { createProblemTx } from '../problems/problems.service';
import { reformTaskScope } from './reform.scope';

/**
 * The integration with the shared problem list (问题清单). A blocker (堵点/难点) of a reform task IS a problem:
 * entity 'reform_task', entity_id = the task id, owned by the task's lead unit, with the problem list's own
 * statuses, escalation ladder, reminders and closure. The reform module only creates it (createProblemTx of
 * the problems module, inside the reform transaction) and reads it back; everything else happens there.
 */
registerProblemParent('reform_task', {
  label: { zh: '改革任务', en: 'Reform task' },
  visible: (actor) =>
    sql<SqlBool>`exists (select 1 from reform_tasks where reform_tasks.id = problems.entity_id and ${reformTaskScope(actor)})`,
  find: async (db, actor, id) => {
    const t = await db
      .selectFrom('reform_tasks')
      .select(['reform_tasks.title', 'reform_tasks.region_code'])
      .where('reform_tasks.id', '=', id)
      .where(() => reformTaskScope(actor))
      .executeTakeFirst();
    return t ? { regionCode: t.region_code, name: t.title } : null;
  },
  names: async (db, ids) => {
    if (!ids.length) return new Map<string, string>();
    const rows = await db.selectFrom('reform_tasks').select(['id', 'title']).where('id', 'in', ids).execute();
    return new Map(rows.map((r) => [r.id, r.title]));
  },
});

export type BlockerTask = { id: string; lead_unit_id: string; lead_leader: string | null };

/** Raises one blocker of a task as a problem, in the caller's transaction; returns the problem id. */
export async function raiseBlockerProblem(
  trx: Executor,
  actor: Actor,
  task: BlockerTask,
  b: z.infer<typeof BlockerInput>,
  opts: { at?: string } = {},
): Promise<string> {
  return createProblemTx(
    trx,
    actor,
    {
      entity: 'reform_task',
      entityId: task.id,
      category: b.category ?? 'other',
      title: b.title,
      description: b.description ?? null,
      ownerUnitId: task.lead_unit_id,
      dueOn: b.dueOn ?? null,
      leadLeader: task.lead_leader,
    },
    { at: opts.at },
  );
}
