import type { RawBuilder, SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';

/**
 * The project data scope, exactly as the projects ledger applies it. Lights, problems and meetings read
 * projects through this condition (on the table named `projects`), so none of them shows a project the
 * caller could not open in the ledger.
 */
export function projectScope(actor: Actor): RawBuilder<SqlBool> {
  return scopeFilter(actor, 'project', {
    region: 'projects.region_code',
    unit: 'projects.responsible_unit_id',
    coUnits: {
      table: 'project_units',
      recordColumn: 'project_id',
      unitColumn: 'unit_id',
      recordId: 'projects.id',
    },
    createdBy: 'projects.created_by',
    taskForce: 'projects.task_force_id',
  });
}
