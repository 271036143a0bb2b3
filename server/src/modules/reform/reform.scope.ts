import type { RawBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';

/**
 * The reform data scope, exactly as the reform ledger applies it (on the table named `reform_tasks`): the
 * task's region, its lead unit, its co-units (reform_task_units) and its creator. Reports, milestones,
 * attachments and blockers (problems with entity 'reform_task') of a task are visible exactly when the task is.
 */
export function reformTaskScope(actor: Actor): RawBuilder<SqlBool> {
  return scopeFilter(actor, 'reform', {
    region: 'reform_tasks.region_code',
    unit: 'reform_tasks.lead_unit_id',
    coUnits: {
      table: 'reform_task_units',
      recordColumn: 'task_id',
      unitColumn: 'unit_id',
      recordId: 'reform_tasks.id',
    },
    createdBy: 'reform_tasks.created_by',
  });
}
