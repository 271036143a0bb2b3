import { sql, type RawBuilder, type SqlBool } from 'kysely';
import { AppError } from '../errors';
import { type Actor, can, regionPrefix, scopesFor } from './actor';
import type { Permission } from '../../../../contracts/abilities';

/**
 * How a table's rows relate to the access model. Column names are qualified ('projects.region_code').
 * Every repository that lists, reads, searches or exports scoped records filters through `scopeFilter`,
 * so the scope is enforced in the data layer and never only in the UI.
 */
export type ScopeColumns = {
  /** Where the record is located (GB/T 2260). */
  region?: string;
  /** The unit that owns / leads the record. */
  unit?: string;
  /** Co-units: a table of (record id, unit id) rows. */
  coUnits?: { table: string; recordColumn: string; unitColumn: string; recordId: string };
  /** Who created the record. */
  createdBy?: string;
  /** The task force the record is assigned to. */
  taskForce?: string;
};

const FALSE = sql<SqlBool>`1 = 0`;
const TRUE = sql<SqlBool>`1 = 1`;

function likePrefix(prefix: string): string {
  return `${prefix.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
}

/** A WHERE condition that is true exactly for the rows the actor may see. */
export function scopeFilter(actor: Actor, resource: string, cols: ScopeColumns): RawBuilder<SqlBool> {
  const scopes = scopesFor(actor, resource);
  if (scopes.has('all')) return TRUE;
  const parts: RawBuilder<SqlBool>[] = [];

  const unitMatch = (unitSet: RawBuilder<unknown>) => {
    const conds: RawBuilder<SqlBool>[] = [];
    if (cols.unit) conds.push(sql<SqlBool>`${sql.ref(cols.unit)} in (${unitSet})`);
    if (cols.coUnits) {
      const c = cols.coUnits;
      conds.push(
        sql<SqlBool>`exists (select 1 from ${sql.table(c.table)} cu where cu.${sql.ref(c.recordColumn)} = ${sql.ref(
          c.recordId,
        )} and cu.${sql.ref(c.unitColumn)} in (${unitSet}))`,
      );
    }
    return conds;
  };

  if (scopes.has('unit_tree') && actor.unitPath) {
    parts.push(
      ...unitMatch(sql`select u.id from units u where u.path like ${likePrefix(actor.unitPath)} escape '\\'`),
    );
  }
  if (scopes.has('unit') && actor.unitId) {
    parts.push(...unitMatch(sql`select ${actor.unitId}`));
  }
  if (scopes.has('district') && actor.regionCode && cols.region) {
    parts.push(
      sql<SqlBool>`${sql.ref(cols.region)} like ${likePrefix(regionPrefix(actor.regionCode))} escape '\\'`,
    );
  }
  if (scopes.has('self') && actor.userId && cols.createdBy) {
    parts.push(sql<SqlBool>`${sql.ref(cols.createdBy)} = ${actor.userId}`);
  }
  if (scopes.has('task_force') && actor.taskForceIds.length > 0 && cols.taskForce) {
    parts.push(sql<SqlBool>`${sql.ref(cols.taskForce)} in (${sql.join(actor.taskForceIds)})`);
  }
  if (parts.length === 0) return FALSE;
  return sql<SqlBool>`(${sql.join(parts, sql` or `)})`;
}

/** Throws FORBIDDEN unless the actor holds the permission. */
export function requirePermission(actor: Actor, permission: Permission): void {
  if (!can(actor, permission)) throw new AppError('FORBIDDEN');
}

/** Whether a unit lies inside the actor's data scope (used when assigning users or records to a unit). */
export function unitInScope(
  actor: Actor,
  resource: string,
  unit: { id: string; path: string; region_code: string },
): boolean {
  const scopes = scopesFor(actor, resource);
  if (scopes.has('all')) return true;
  if (scopes.has('unit_tree') && actor.unitPath && unit.path.startsWith(actor.unitPath)) return true;
  if (
    scopes.has('district') &&
    actor.regionCode &&
    unit.region_code.startsWith(regionPrefix(actor.regionCode))
  )
    return true;
  if (scopes.has('unit') && actor.unitId === unit.id) return true;
  if (scopes.has('task_force') && actor.taskForceIds.includes(unit.id)) return true;
  return false;
}
