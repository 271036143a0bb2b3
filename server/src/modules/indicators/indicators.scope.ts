import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { regionPrefix, type Actor } from '../../core/access/actor';
import { scopeFilter, type ScopeColumns } from '../../core/access/scope';

/**
 * The scope and region conditions every results query applies (indicators, dashboard, rankings, briefings,
 * OC4IDS). Pure SQL builders, no queries.
 *
 * Scope: a figure reads only records its reader may see twice over — within the data scope of the `indicator`
 * resource (the roles granting indicator:read) and within the scope of the ledger it reads (project, problem,
 * enterprise, reform). So a figure never counts a record its reader could not open, and it always equals the
 * sum of the records listed behind it.
 */

/** A region code as an index-friendly prefix range: '3211' → ['3211', '3211~']. */
const range = (prefix: string): [string, string] => [prefix, `${prefix}~`];
export const prefixOf = (region: string | null | undefined) => (region ? regionPrefix(region) : null);

function both(actor: Actor, resource: string, cols: ScopeColumns): RawBuilder<SqlBool> {
  return sql<SqlBool>`(${scopeFilter(actor, 'indicator', cols)} and ${scopeFilter(actor, resource, cols)})`;
}

export const PROJECT_COLS: ScopeColumns = {
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
};
export const projectVisible = (actor: Actor) => both(actor, 'project', PROJECT_COLS);

const PROBLEM_COLS: ScopeColumns = {
  region: 'problems.region_code',
  unit: 'problems.owner_unit_id',
  coUnits: {
    table: 'problem_units',
    recordColumn: 'problem_id',
    unitColumn: 'unit_id',
    recordId: 'problems.id',
  },
  createdBy: 'problems.raised_by',
};
/**
 * A problem counts for a reader who sees it in the problem list: its own scope, the members of its owner unit
 * (and the units above), or — for a project's problem — whoever reads the project. Intersected with the
 * indicator scope like every figure.
 */
export function problemVisible(actor: Actor): RawBuilder<SqlBool> {
  const chain = actor.unitPath
    ? actor.unitPath.split('/').filter(Boolean)
    : actor.unitId
      ? [actor.unitId]
      : [];
  const own: RawBuilder<SqlBool>[] = [scopeFilter(actor, 'problem', PROBLEM_COLS)];
  if (chain.length) own.push(sql<SqlBool>`problems.owner_unit_id in (${sql.join(chain)})`);
  own.push(
    sql<SqlBool>`(problems.entity = 'project' and exists (select 1 from projects where projects.id = problems.entity_id and ${scopeFilter(actor, 'project', PROJECT_COLS)}))`,
  );
  return sql<SqlBool>`(${scopeFilter(actor, 'indicator', PROBLEM_COLS)} and (${sql.join(own, sql` or `)}))`;
}

export const inPrefix = (column: string, prefix: string | null): RawBuilder<SqlBool> => {
  if (!prefix) return sql<SqlBool>`1 = 1`;
  const [lo, hi] = range(prefix);
  return sql<SqlBool>`(${sql.ref(column)} >= ${lo} and ${sql.ref(column)} < ${hi})`;
};

const ENTERPRISE_COLS: ScopeColumns = {
  region: 'enterprises.region_code',
  unit: 'enterprises.owner_unit_id',
  createdBy: 'enterprises.created_by',
};
export const enterpriseVisible = (actor: Actor) => both(actor, 'enterprise', ENTERPRISE_COLS);

const REFORM_COLS: ScopeColumns = {
  region: 'reform_tasks.region_code',
  unit: 'reform_tasks.lead_unit_id',
  coUnits: {
    table: 'reform_task_units',
    recordColumn: 'task_id',
    unitColumn: 'unit_id',
    recordId: 'reform_tasks.id',
  },
  createdBy: 'reform_tasks.created_by',
};
/** A reform task (and its milestones) counts for a reader who sees the task in the reform ledger (on `reform_tasks`). */
export const reformVisible = (actor: Actor) => both(actor, 'reform', REFORM_COLS);
