import { sql, type SqlBool } from 'kysely';
import type { Actor } from '../../core/access/actor';
import type { Executor } from '../../db/database';
import {
  enterpriseVisible,
  inPrefix,
  prefixOf,
  problemVisible,
  projectVisible,
  reformVisible,
} from './indicators.scope';
import type { ProblemTable } from '../problems/problems.table';
import type {
  IndicatorSnapshotTable,
  IndicatorTargetRow,
  IndicatorTargetTable,
  PeriodLockRow,
  PeriodLockTable,
} from '../results/results.table';

type ProblemStatus = ProblemTable['status'];
export type TargetRow = IndicatorTargetRow;
export type LockRow = PeriodLockRow;

/**
 * Every query of the indicators: read-only over the ledgers of other capabilities (projects, monthly reports,
 * problems, reform tasks, regions, units), plus this capability's own targets and snapshots.
 *
 * Scope: an indicator reads only records the caller may see twice over — within the data scope of the
 * `indicator` resource (the roles granting indicator:read) and within the scope of the ledger it reads (project,
 * problem, reform …). So a figure never counts a record its reader could not open, and it always equals the sum
 * of the records listed behind it.
 */

export type Filter = { actor: Actor; prefix: string | null };
export { prefixOf };

// ── projects ────────────────────────────────────────────────────────────────────────────────────

export type SigningRow = {
  id: string;
  name: string;
  region_code: string;
  responsible_unit_id: string;
  zone_unit_id: string | null;
  chain_code: string | null;
  category: string;
  foreign_invested: number;
  signing_kind: string;
  terminated: number;
  agreed_investment: number | null;
  foreign_amount_usd: number | null;
  fx_rate: number | null;
  actual_signed_on: string;
  predecessor_project_id: string | null;
  pred_agreed: number | null;
  pred_usd: number | null;
  pred_fx: number | null;
  pred_name: string | null;
};

/** Projects of the given categories signed within [start, end] (the first-signing rules are applied in code). */
export async function signedProjects(
  db: Executor,
  f: Filter,
  start: string,
  end: string,
  categories: readonly string[],
): Promise<SigningRow[]> {
  if (!categories.length) return [];
  const rows = await db
    .selectFrom('projects')
    .leftJoin('projects as pred', 'pred.id', 'projects.predecessor_project_id')
    .select([
      'projects.id',
      'projects.name',
      'projects.region_code',
      'projects.responsible_unit_id',
      'projects.zone_unit_id',
      'projects.chain_code',
      'projects.category',
      'projects.foreign_invested',
      'projects.signing_kind',
      'projects.terminated',
      'projects.agreed_investment',
      'projects.foreign_amount_usd',
      'projects.fx_rate',
      'projects.actual_signed_on',
      'projects.predecessor_project_id',
      'pred.agreed_investment as pred_agreed',
      'pred.foreign_amount_usd as pred_usd',
      'pred.fx_rate as pred_fx',
      'pred.name as pred_name',
    ])
    .where('projects.actual_signed_on', '>=', start)
    .where('projects.actual_signed_on', '<=', end)
    .where('projects.category', 'in', [...categories])
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .orderBy('projects.actual_signed_on')
    .orderBy('projects.id')
    .execute();
  return rows.map((r) => ({ ...r, actual_signed_on: r.actual_signed_on! }));
}

export type StartRow = {
  id: string;
  name: string;
  region_code: string;
  responsible_unit_id: string;
  zone_unit_id: string | null;
  chain_code: string | null;
  category: string;
  actual_signed_on: string | null;
  actual_started_on: string;
  planned_started_on: string | null;
};

/** Projects that broke ground within [start, end]. */
export async function startedProjects(
  db: Executor,
  f: Filter,
  start: string,
  end: string,
): Promise<StartRow[]> {
  const rows = await db
    .selectFrom('projects')
    .select([
      'projects.id',
      'projects.name',
      'projects.region_code',
      'projects.responsible_unit_id',
      'projects.zone_unit_id',
      'projects.chain_code',
      'projects.category',
      'projects.actual_signed_on',
      'projects.actual_started_on',
      'projects.planned_started_on',
    ])
    .where('projects.actual_started_on', '>=', start)
    .where('projects.actual_started_on', '<=', end)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .orderBy('projects.actual_started_on')
    .orderBy('projects.id')
    .execute();
  return rows.map((r) => ({ ...r, actual_started_on: r.actual_started_on! }));
}

export type PlanRow = {
  id: string;
  name: string;
  region_code: string;
  responsible_unit_id: string;
  zone_unit_id: string | null;
  chain_code: string | null;
  plan_investment: number;
  curve: string | null;
};

/** Projects with a positive annual plan for the year. */
export async function annualPlans(db: Executor, f: Filter, year: number): Promise<PlanRow[]> {
  return db
    .selectFrom('project_annual_plans')
    .innerJoin('projects', 'projects.id', 'project_annual_plans.project_id')
    .select([
      'projects.id',
      'projects.name',
      'projects.region_code',
      'projects.responsible_unit_id',
      'projects.zone_unit_id',
      'projects.chain_code',
      'project_annual_plans.plan_investment',
      'project_annual_plans.curve',
    ])
    .where('project_annual_plans.year', '=', year)
    .where('project_annual_plans.plan_investment', '>', 0)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .orderBy('projects.id')
    .execute();
}

export type MonthlyRow = {
  project_id: string;
  month: string;
  ytd_investment: number;
  cumulative_investment: number;
  physical_progress_pct: number | null;
};

/** Monthly reports of the year up to (and including) a month, for the projects the caller sees. */
export async function monthlyReports(
  db: Executor,
  f: Filter,
  year: number,
  uptoMonth: string,
): Promise<MonthlyRow[]> {
  return db
    .selectFrom('project_monthly')
    .innerJoin('projects', 'projects.id', 'project_monthly.project_id')
    .select([
      'project_monthly.project_id',
      'project_monthly.month',
      'project_monthly.ytd_investment',
      'project_monthly.cumulative_investment',
      'project_monthly.physical_progress_pct',
    ])
    .where('project_monthly.month', '>=', `${year}-01`)
    .where('project_monthly.month', '<=', uptoMonth)
    .where(() => inPrefix('projects.region_code', f.prefix))
    .where(() => projectVisible(f.actor))
    .orderBy('project_monthly.project_id')
    .orderBy('project_monthly.month')
    .execute();
}

// ── problems ────────────────────────────────────────────────────────────────────────────────────

export type ProblemRow = {
  id: string;
  title: string;
  region_code: string;
  owner_unit_id: string | null;
  status: string;
  due_on: string;
  resolved_at: string | null;
  closed_at: string | null;
  escalation_level: number;
  entity: string;
  entity_id: string;
};

/** Problems whose deadline falls within [start, end]. */
export async function problemsDue(
  db: Executor,
  f: Filter,
  start: string,
  end: string,
): Promise<ProblemRow[]> {
  const rows = await db
    .selectFrom('problems')
    .select([
      'problems.id',
      'problems.title',
      'problems.region_code',
      'problems.owner_unit_id',
      'problems.status',
      'problems.due_on',
      'problems.resolved_at',
      'problems.closed_at',
      'problems.escalation_level',
      'problems.entity',
      'problems.entity_id',
    ])
    .where('problems.due_on', '>=', start)
    .where('problems.due_on', '<=', end)
    .where(() => inPrefix('problems.region_code', f.prefix))
    .where(() => problemVisible(f.actor))
    .orderBy('problems.due_on')
    .orderBy('problems.id')
    .execute();
  return rows.map((r) => ({ ...r, due_on: r.due_on! }));
}

/** Problems still open whose deadline is before `today`, most overdue first. */
export async function overdueProblems(
  db: Executor,
  f: Filter,
  today: string,
  openStatuses: readonly string[],
): Promise<ProblemRow[]> {
  const rows = await db
    .selectFrom('problems')
    .select([
      'problems.id',
      'problems.title',
      'problems.region_code',
      'problems.owner_unit_id',
      'problems.status',
      'problems.due_on',
      'problems.resolved_at',
      'problems.closed_at',
      'problems.escalation_level',
      'problems.entity',
      'problems.entity_id',
    ])
    .where('problems.due_on', '<', today)
    .where('problems.status', 'in', [...openStatuses] as ProblemStatus[])
    .where(() => inPrefix('problems.region_code', f.prefix))
    .where(() => problemVisible(f.actor))
    .orderBy('problems.due_on')
    .orderBy('problems.id')
    .execute();
  return rows.map((r) => ({ ...r, due_on: r.due_on! }));
}

// ── enterprises ─────────────────────────────────────────────────────────────────────────────────

export type RecognitionRow = {
  id: string;
  enterprise_id: string;
  name: string;
  credit_code: string;
  region_code: string;
  owner_unit_id: string | null;
  type: string;
  level: string;
  cert_no: string | null;
  recognised_on: string;
};

/**
 * First recognitions (is_new) dated within [start, end] (granted_on, else valid_from), not revoked or under
 * review, of the given types and levels — the enterprise registry's counting rule, with the records.
 */
export async function newRecognitions(
  db: Executor,
  f: Filter,
  q: { start: string; end: string; types: readonly string[]; levels: readonly string[] | null },
): Promise<RecognitionRow[]> {
  const on = sql<string>`coalesce(q.granted_on, q.valid_from)`;
  let query = db
    .selectFrom('enterprise_qualifications as q')
    .innerJoin('enterprises', 'enterprises.id', 'q.enterprise_id')
    .select([
      'q.id',
      'q.enterprise_id',
      'enterprises.name',
      'enterprises.credit_code',
      'enterprises.region_code',
      'enterprises.owner_unit_id',
      'q.type',
      'q.level',
      'q.cert_no',
      on.as('recognised_on'),
    ])
    .where('q.is_new', '=', 1)
    .where('q.status', 'not in', ['revoked', 'under_review'])
    .where(sql<SqlBool>`${on} >= ${q.start}`)
    .where(sql<SqlBool>`${on} <= ${q.end}`)
    .where('q.type', 'in', [...q.types])
    .where(() => inPrefix('enterprises.region_code', f.prefix))
    .where(() => enterpriseVisible(f.actor));
  if (q.levels) query = query.where('q.level', 'in', [...q.levels]);
  return query.orderBy(on).orderBy('q.enterprise_id').orderBy('q.id').execute();
}

// ── reform tasks ────────────────────────────────────────────────────────────────────────────────

export type ReformTaskRow = {
  id: string;
  title: string;
  region_code: string;
  lead_unit_id: string;
  status: string;
  due_on: string;
  original_due_on: string | null;
  done_on: string | null;
};

/** Reform tasks whose deadline (approved, or the original one) falls within [start, end]. */
export async function reformTasksDue(
  db: Executor,
  f: Filter,
  start: string,
  end: string,
  column: 'due_on' | 'original_due_on',
): Promise<ReformTaskRow[]> {
  const due =
    column === 'original_due_on'
      ? sql<string>`coalesce(reform_tasks.original_due_on, reform_tasks.due_on)`
      : sql<string>`reform_tasks.due_on`;
  return db
    .selectFrom('reform_tasks')
    .select([
      'reform_tasks.id',
      'reform_tasks.title',
      'reform_tasks.region_code',
      'reform_tasks.lead_unit_id',
      'reform_tasks.status',
      due.as('due_on'),
      'reform_tasks.original_due_on',
      'reform_tasks.done_on',
    ])
    .where(sql<SqlBool>`${due} >= ${start}`)
    .where(sql<SqlBool>`${due} <= ${end}`)
    .where(() => inPrefix('reform_tasks.region_code', f.prefix))
    .where(() => reformVisible(f.actor))
    .orderBy('reform_tasks.due_on')
    .orderBy('reform_tasks.id')
    .execute();
}

export type MilestoneRow = {
  id: string;
  title: string;
  task_id: string;
  task_title: string;
  region_code: string;
  lead_unit_id: string;
  due_on: string;
  done_on: string | null;
  status: string;
};

/** Milestones due before `asOf` and not done by then (done later or not at all). */
export async function milestonesOverdue(db: Executor, f: Filter, asOf: string): Promise<MilestoneRow[]> {
  return db
    .selectFrom('reform_milestones')
    .innerJoin('reform_tasks', 'reform_tasks.id', 'reform_milestones.task_id')
    .select([
      'reform_milestones.id',
      'reform_milestones.title',
      'reform_milestones.task_id',
      'reform_tasks.title as task_title',
      'reform_tasks.region_code',
      'reform_tasks.lead_unit_id',
      'reform_milestones.due_on',
      'reform_milestones.done_on',
      'reform_milestones.status',
    ])
    .where('reform_milestones.due_on', '<', asOf)
    .where((eb) =>
      eb.or([eb('reform_milestones.done_on', 'is', null), eb('reform_milestones.done_on', '>', asOf)]),
    )
    .where(() => inPrefix('reform_tasks.region_code', f.prefix))
    .where(() => reformVisible(f.actor))
    .orderBy('reform_milestones.due_on')
    .orderBy('reform_milestones.id')
    .execute();
}

/** Reform tasks active at some point of [start, end], with their milestones (for the status distribution). */
export async function reformTasksActive(db: Executor, f: Filter, start: string, end: string) {
  const tasks = await db
    .selectFrom('reform_tasks')
    .select(['reform_tasks.id', 'reform_tasks.status', 'reform_tasks.due_on', 'reform_tasks.start_on'])
    .where('reform_tasks.start_on', '<=', end)
    .where((eb) =>
      eb.or([
        eb('reform_tasks.due_on', '>=', start),
        eb('reform_tasks.closed_at', 'is', null),
        eb('reform_tasks.closed_at', '>=', start),
      ]),
    )
    .where(() => inPrefix('reform_tasks.region_code', f.prefix))
    .where(() => reformVisible(f.actor))
    .execute();
  const milestones: Array<{ task_id: string; status: string; due_on: string }> = [];
  const ids = tasks.map((t) => t.id);
  for (let i = 0; i < ids.length; i += 500)
    milestones.push(
      ...(await db
        .selectFrom('reform_milestones')
        .select(['task_id', 'status', 'due_on'])
        .where('task_id', 'in', ids.slice(i, i + 500))
        .execute()),
    );
  return { tasks, milestones };
}

// ── names ───────────────────────────────────────────────────────────────────────────────────────

export async function regionNames(db: Executor, codes: string[]): Promise<Map<string, string>> {
  const list = [...new Set(codes.filter(Boolean))];
  if (!list.length) return new Map();
  const rows = await db.selectFrom('regions').select(['code', 'name']).where('code', 'in', list).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

export async function unitNames(db: Executor, ids: string[]): Promise<Map<string, string>> {
  const list = [...new Set(ids.filter(Boolean))];
  if (!list.length) return new Map();
  const rows = await db
    .selectFrom('units')
    .select(['id', 'name', 'short_name'])
    .where('id', 'in', list)
    .execute();
  return new Map(rows.map((r) => [r.id, r.short_name ?? r.name]));
}

export async function chainNames(db: Executor): Promise<Map<string, string>> {
  const rows = await db.selectFrom('chains').select(['code', 'name']).execute();
  return new Map(rows.map((r) => [r.code, r.name]));
}

/** The organisation's home region: the region of its root unit (e.g. 321100). */
export async function rootRegion(db: Executor): Promise<string | null> {
  const r = await db
    .selectFrom('units')
    .select('region_code')
    .where('parent_id', 'is', null)
    .orderBy('sort')
    .orderBy('created_at')
    .limit(1)
    .executeTakeFirst();
  return r?.region_code ?? null;
}

// ── targets ─────────────────────────────────────────────────────────────────────────────────────

export const findTarget = (db: Executor, id: string) =>
  db.selectFrom('indicator_targets').selectAll().where('id', '=', id).executeTakeFirst();

export const findTargetFor = (db: Executor, code: string, year: number, region: string) =>
  db
    .selectFrom('indicator_targets')
    .selectAll()
    .where('code', '=', code)
    .where('year', '=', year)
    .where('region_code', '=', region)
    .executeTakeFirst();

export function listTargets(db: Executor, f: { year?: number; code?: string; prefix?: string | null }) {
  let q = db.selectFrom('indicator_targets').selectAll();
  if (f.year !== undefined) q = q.where('year', '=', f.year);
  if (f.code) q = q.where('code', '=', f.code);
  if (f.prefix) q = q.where(() => inPrefix('indicator_targets.region_code', f.prefix!));
  return q.orderBy('year', 'desc').orderBy('code').orderBy('region_code').execute();
}

export const insertTarget = (db: Executor, row: IndicatorTargetTable) =>
  db.insertInto('indicator_targets').values(row).execute();

export async function updateTarget(
  db: Executor,
  id: string,
  version: number,
  set: Partial<IndicatorTargetTable>,
): Promise<boolean> {
  const r = await db
    .updateTable('indicator_targets')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export const deleteTarget = (db: Executor, id: string) =>
  db.deleteFrom('indicator_targets').where('id', '=', id).execute();

// ── period lock ─────────────────────────────────────────────────────────────────────────────────

export const findLock = (db: Executor, month: string) =>
  db.selectFrom('period_locks').selectAll().where('period', '=', month).executeTakeFirst();
export const listLocks = (db: Executor) =>
  db.selectFrom('period_locks').selectAll().orderBy('period', 'desc').execute();
export const insertLock = (db: Executor, row: PeriodLockTable) =>
  db.insertInto('period_locks').values(row).execute();
export async function insertSnapshots(db: Executor, rows: IndicatorSnapshotTable[]) {
  for (let i = 0; i < rows.length; i += 20)
    await db
      .insertInto('indicator_snapshots')
      .values(rows.slice(i, i + 20))
      .execute();
}
export const findSnapshot = (db: Executor, code: string, period: string) =>
  db
    .selectFrom('indicator_snapshots')
    .selectAll()
    .where('code', '=', code)
    .where('period', '=', period)
    .executeTakeFirst();

/** Of the given record ids, those visible to the actor in their own ledger (re-scoping a frozen snapshot). */
export async function visibleIds(
  db: Executor,
  actor: Actor,
  entity: string,
  ids: string[],
): Promise<Set<string>> {
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    let rows: Array<{ id: string }> = [];
    if (entity === 'project')
      rows = await db
        .selectFrom('projects')
        .select('projects.id')
        .where('projects.id', 'in', chunk)
        .where(() => projectVisible(actor))
        .execute();
    else if (entity === 'problem')
      rows = await db
        .selectFrom('problems')
        .select('problems.id')
        .where('problems.id', 'in', chunk)
        .where(() => problemVisible(actor))
        .execute();
    else if (entity === 'reform_task')
      rows = await db
        .selectFrom('reform_tasks')
        .select('reform_tasks.id')
        .where('reform_tasks.id', 'in', chunk)
        .where(() => reformVisible(actor))
        .execute();
    else if (entity === 'reform_milestone')
      rows = await db
        .selectFrom('reform_milestones')
        .innerJoin('reform_tasks', 'reform_tasks.id', 'reform_milestones.task_id')
        .select('reform_milestones.id as id')
        .where('reform_milestones.id', 'in', chunk)
        .where(() => reformVisible(actor))
        .execute();
    else if (entity === 'enterprise')
      rows = await db
        .selectFrom('enterprises')
        .select('enterprises.id')
        .where('enterprises.id', 'in', chunk)
        .where(() => enterpriseVisible(actor))
        .execute();
    for (const r of rows) out.add(r.id);
  }
  return out;
}
