import { sql } from 'kysely';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import { startsWith } from '../../db/dialect-helpers';
import { projectScope } from './coordination.scope';
import type { LightHistoryTable, LightOverrideTable, LightRuleSetTable } from './lights.table';

/** Everything of a project the lights need (read-only: the projects module owns the table, lights own light/light_since). */
const FACT_COLUMNS = [
  'projects.id',
  'projects.name',
  'projects.region_code',
  'projects.stage',
  'projects.terminated',
  'projects.suspended',
  'projects.actual_signed_on',
  'projects.planned_started_on',
  'projects.actual_started_on',
  'projects.actual_stats_enrolled_on',
  'projects.actual_completed_on',
  'projects.filed_investment',
  'projects.agreed_investment',
  'projects.light',
  'projects.light_since',
] as const;

// ------------------------------------------------------------------------------------ rule sets

export function listRuleSets(db: Executor) {
  return db
    .selectFrom('light_rule_sets')
    .selectAll()
    .orderBy('created_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
}

export function findRuleSet(db: Executor, id: string) {
  return db.selectFrom('light_rule_sets').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findActiveRuleSet(db: Executor) {
  return db
    .selectFrom('light_rule_sets')
    .selectAll()
    .where('status', '=', 'active')
    .orderBy('activated_at', 'desc')
    .executeTakeFirst();
}

export async function insertRuleSet(db: Executor, row: LightRuleSetTable) {
  await db.insertInto('light_rule_sets').values(row).execute();
}

/** Optimistic update: false when the version no longer matches. */
export async function updateRuleSet(
  db: Executor,
  id: string,
  version: number,
  set: Partial<LightRuleSetTable>,
) {
  const r = await db
    .updateTable('light_rule_sets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export function listActiveRuleSets(db: Executor) {
  return db.selectFrom('light_rule_sets').selectAll().where('status', '=', 'active').execute();
}

// ------------------------------------------------------------------------------------- projects

export function findProjectScoped(db: Executor, actor: Actor, id: string) {
  return db
    .selectFrom('projects')
    .select(FACT_COLUMNS)
    .where('projects.id', '=', id)
    .where(() => projectScope(actor))
    .executeTakeFirst();
}

export function findProject(db: Executor, id: string) {
  return db.selectFrom('projects').select(FACT_COLUMNS).where('projects.id', '=', id).executeTakeFirst();
}

/** A page of projects in id order (for recomputing all lights in chunks). */
export function projectsAfter(db: Executor, afterId: string | null, limit: number) {
  let q = db.selectFrom('projects').select(FACT_COLUMNS).orderBy('projects.id').limit(limit);
  if (afterId) q = q.where('projects.id', '>', afterId);
  return q.execute();
}

export function projectsByIds(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db.selectFrom('projects').select(FACT_COLUMNS).where('projects.id', 'in', ids).execute();
}

export type ProjectFactRow = Awaited<ReturnType<typeof findProject>> & {};

export function monthlyOf(db: Executor, ids: string[], fromMonth: string) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('project_monthly')
    .select([
      'project_id',
      'month',
      'ytd_investment',
      'cumulative_investment',
      'physical_progress_pct',
      'physical_progress_text',
    ])
    .where('project_id', 'in', ids)
    .where('month', '>=', fromMonth)
    .orderBy('project_id')
    .orderBy('month')
    .execute();
}

export function plansOf(db: Executor, ids: string[], fromYear: number) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('project_annual_plans')
    .select(['project_id', 'year', 'plan_investment', 'curve'])
    .where('project_id', 'in', ids)
    .where('year', '>=', fromYear)
    .execute();
}

export async function setProjectLight(db: Executor, id: string, light: string | null, since: string | null) {
  await db.updateTable('projects').set({ light, light_since: since }).where('id', '=', id).execute();
}

// -------------------------------------------------------------------------------------- history

/** The latest history row of each project (ids are time-ordered UUIDv7, so the greatest id is the latest). */
export function latestHistoryOf(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('light_history')
    .select(['project_id', 'color', 'fired_key'])
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('light_history')
        .select((e) => e.fn.max('id').as('id'))
        .where('project_id', 'in', ids)
        .groupBy('project_id'),
    )
    .execute();
}

export async function insertHistory(db: Executor, row: LightHistoryTable) {
  await db.insertInto('light_history').values(row).execute();
}

export function historyOf(db: Executor, projectId: string, limit: number) {
  return db
    .selectFrom('light_history')
    .selectAll()
    .where('project_id', '=', projectId)
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

// ------------------------------------------------------------------------------------ overrides

export async function insertOverride(db: Executor, row: LightOverrideTable) {
  await db.insertInto('light_overrides').values(row).execute();
}

const overridesWithNames = (db: Executor) =>
  db
    .selectFrom('light_overrides')
    .innerJoin('projects', 'projects.id', 'light_overrides.project_id')
    .leftJoin('users as req', 'req.id', 'light_overrides.requested_by')
    .leftJoin('users as dec', 'dec.id', 'light_overrides.decided_by')
    .selectAll('light_overrides')
    .select([
      'projects.name as project_name',
      'req.display_name as requested_by_name',
      'dec.display_name as decided_by_name',
    ]);

export type OverrideWithNames = Awaited<ReturnType<typeof findOverrideScoped>> & {};

export function findOverrideScoped(db: Executor, actor: Actor, id: string) {
  return overridesWithNames(db)
    .where('light_overrides.id', '=', id)
    .where(() => projectScope(actor))
    .executeTakeFirst();
}

export function listOverridesScoped(
  db: Executor,
  actor: Actor,
  f: { status?: string; projectId?: string },
  limit = 200,
) {
  let q = overridesWithNames(db).where(() => projectScope(actor));
  if (f.status) q = q.where('light_overrides.status', '=', f.status as LightOverrideTable['status']);
  if (f.projectId) q = q.where('light_overrides.project_id', '=', f.projectId);
  return q
    .orderBy('light_overrides.requested_at', 'desc')
    .orderBy('light_overrides.id', 'desc')
    .limit(limit)
    .execute();
}

export function overridesOf(db: Executor, projectId: string) {
  return overridesWithNames(db)
    .where('light_overrides.project_id', '=', projectId)
    .orderBy('light_overrides.requested_at', 'desc')
    .orderBy('light_overrides.id', 'desc')
    .execute();
}

/** Approved overrides of these projects (at most one each, by construction). */
export function approvedOverridesOf(db: Executor, ids: string[]) {
  if (!ids.length) return Promise.resolve([]);
  return db
    .selectFrom('light_overrides')
    .selectAll()
    .where('project_id', 'in', ids)
    .where('status', '=', 'approved')
    .orderBy('decided_at', 'desc')
    .execute();
}

export function pendingOverrideOf(db: Executor, projectId: string) {
  return db
    .selectFrom('light_overrides')
    .select('id')
    .where('project_id', '=', projectId)
    .where('status', '=', 'pending')
    .executeTakeFirst();
}

export async function updateOverride(
  db: Executor,
  id: string,
  version: number,
  set: Partial<LightOverrideTable>,
) {
  const r = await db
    .updateTable('light_overrides')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function expireOverride(db: Executor, id: string, at: string) {
  await db
    .updateTable('light_overrides')
    .set((eb) => ({ status: 'expired', updated_at: at, version: eb('version', '+', 1) }))
    .where('id', '=', id)
    .where('status', '=', 'approved')
    .execute();
}

/** Approved overrides of a project other than `exceptId` become revoked (a newer approval supersedes them). */
export async function supersedeOverrides(db: Executor, projectId: string, exceptId: string, at: string) {
  await db
    .updateTable('light_overrides')
    .set((eb) => ({ status: 'revoked', updated_at: at, version: eb('version', '+', 1) }))
    .where('project_id', '=', projectId)
    .where('status', '=', 'approved')
    .where('id', '!=', exceptId)
    .execute();
}

export async function attachmentsBelongTo(
  db: Executor,
  ids: string[],
  entity: string,
  entityId: string,
): Promise<boolean> {
  if (!ids.length) return true;
  const rows = await db
    .selectFrom('attachments')
    .select('id')
    .where('id', 'in', ids)
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .execute();
  return rows.length === new Set(ids).size;
}

// -------------------------------------------------------------------------------------- summary

export function lightCounts(db: Executor, actor: Actor, regionPrefix: string | null) {
  let q = db
    .selectFrom('projects')
    .leftJoin('regions', 'regions.code', 'projects.region_code')
    .select(['projects.region_code', 'regions.name as region_name', 'projects.light'])
    .select(sql<number>`count(*)`.as('n'))
    .where('projects.terminated', '=', 0)
    .where(() => projectScope(actor));
  if (regionPrefix) q = q.where((eb) => startsWith(eb.ref('projects.region_code'), regionPrefix));
  return q.groupBy(['projects.region_code', 'regions.name', 'projects.light']).execute();
}
