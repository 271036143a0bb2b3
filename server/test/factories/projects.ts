import { randomBytes } from 'node:crypto';
import type { Db } from '../../src/db/database';
import { newId } from '../../src/core/ids';
import { MILESTONE_KEYS, MILESTONES } from '../../src/modules/projects/projects.milestones';
import type { ProjectTable } from '../../src/modules/projects/projects.table';

/**
 * Inserts project ledger rows directly (no projects API involved), for tests of capabilities that read
 * projects: lights, problems, meetings, rankings. Every row is valid against the projects schema; pass only
 * what the test cares about. Money in integer 元.
 */
export type ProjectSeed = Partial<ProjectTable> & { responsible_unit_id: string; region_code: string };

const seq = { n: 0 };

/** The stage a row's actual dates reach (the furthest milestone with an actual date). */
export function stageOf(row: Partial<ProjectTable>): number {
  let stage = 0;
  for (const m of MILESTONES) if ((row as Record<string, unknown>)[`actual_${m.key}_on`]) stage = m.stage;
  return stage;
}

export async function insertProject(db: Db, seed: ProjectSeed): Promise<ProjectTable> {
  seq.n += 1;
  const at = new Date().toISOString();
  const milestones: Record<string, string | null> = {};
  for (const k of MILESTONE_KEYS) {
    milestones[`planned_${k}_on`] = null;
    milestones[`actual_${k}_on`] = null;
  }
  const name = seed.name ?? `测试项目${seq.n}`;
  const row = {
    id: newId(),
    internal_id: `T-${Date.now().toString(36)}-${randomBytes(3).toString('hex')}-${seq.n}`,
    name,
    name_initials: 'csxm',
    project_code: null,
    legacy_project_code: null,
    level: 'municipal',
    category: 'industrial',
    construction_nature: null,
    foreign_invested: 0,
    investor_name: null,
    investor_credit_code: null,
    company_name: null,
    company_credit_code: null,
    attracted_by_unit_id: null,
    first_contact_unit_id: null,
    zone_unit_id: null,
    park_name: null,
    linked_leader: null,
    task_force_id: null,
    industry_code: null,
    chain_code: null,
    agreed_investment: 500_000_000,
    filed_investment: null,
    fixed_asset_investment: null,
    foreign_amount_usd: null,
    fx_rate: null,
    registered_capital: null,
    land_area_mu: null,
    floor_area_m2: null,
    expected_output: null,
    expected_tax: null,
    expected_jobs: null,
    ...milestones,
    terminated: 0,
    terminated_reason: null,
    terminated_by: null,
    terminated_on: null,
    suspended: 0,
    suspended_reason: null,
    suspended_by: null,
    suspended_on: null,
    light: null,
    light_since: null,
    description: null,
    next_steps: null,
    created_by: null,
    version: 1,
    created_at: at,
    updated_at: at,
    ...seed,
  } as ProjectTable;
  row.stage = seed.stage ?? stageOf(row);
  await db.insertInto('projects').values(row).execute();
  return row;
}

/** One monthly progress row ('YYYY-MM'); cumulative defaults to the year-to-date figure. */
export async function insertMonthly(
  db: Db,
  project: { id: string; region_code: string },
  month: string,
  ytd: number,
  extra: {
    month_investment?: number;
    cumulative_investment?: number;
    physical_progress_pct?: number | null;
    physical_progress_text?: string | null;
  } = {},
) {
  const at = new Date().toISOString();
  await db
    .insertInto('project_monthly')
    .values({
      id: newId(),
      project_id: project.id,
      region_code: project.region_code,
      month,
      month_investment: extra.month_investment ?? 0,
      ytd_investment: ytd,
      cumulative_investment: extra.cumulative_investment ?? ytd,
      physical_progress_pct: extra.physical_progress_pct ?? null,
      physical_progress_text: extra.physical_progress_text ?? null,
      combined_with_previous: 0,
      created_by: null,
      version: 1,
      created_at: at,
      updated_at: at,
    })
    .execute();
}

/** Updates the year-to-date figure of an existing monthly row. */
export async function setMonthlyYtd(db: Db, projectId: string, month: string, ytd: number) {
  await db
    .updateTable('project_monthly')
    .set({ ytd_investment: ytd, cumulative_investment: ytd })
    .where('project_id', '=', projectId)
    .where('month', '=', month)
    .execute();
}

export async function insertPlan(
  db: Db,
  projectId: string,
  year: number,
  planInvestment: number,
  curve: number[] | null = null,
) {
  await db
    .insertInto('project_annual_plans')
    .values({
      project_id: projectId,
      year,
      plan_investment: planInvestment,
      curve: curve ? JSON.stringify(curve) : null,
      version: 1,
      updated_at: new Date().toISOString(),
    })
    .execute();
}

/** A project under construction with a 2025 plan of `plan` 元 and its June report (for light tests). */
export async function insertProjectWithProgress(
  db: Db,
  seed: ProjectSeed,
  opts: { plan?: number; reports?: Array<[string, number]>; year?: number } = {},
) {
  const p = await insertProject(db, {
    actual_signed_on: '2024-06-01',
    planned_started_on: '2024-10-01',
    actual_started_on: '2024-10-01',
    actual_stats_enrolled_on: '2024-10-20',
    ...seed,
  });
  await insertPlan(db, p.id, opts.year ?? 2025, opts.plan ?? 120_000_000);
  for (const [month, ytd] of opts.reports ?? []) await insertMonthly(db, p, month, ytd);
  return p;
}
