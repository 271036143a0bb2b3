import type { Db } from '../../src/db/database';
import { newId } from '../../src/core/ids';
import { emptyProject } from '../../src/modules/projects/projects.service';
import type { ProjectTable } from '../../src/modules/projects/projects.table';
import type { TestApp } from '../test-app';

/**
 * Hand-made ledger records for the results tests, in years the demo city never touches (2020–2021), so every
 * figure below is computed by hand from these rows alone.
 */
export const AT = '2022-01-15T00:00:00.000Z';

export type ProjectSeed = Partial<ProjectTable> & { name: string; region_code: string; unit: string };

export async function insertProject(t: TestApp, seed: ProjectSeed): Promise<string> {
  const id = newId();
  const { unit, ...rest } = seed;
  const row: ProjectTable = {
    ...emptyProject(id, AT),
    internal_id: `T-${id.slice(-12)}`,
    name_initials: 'x',
    responsible_unit_id: await t.unitId(unit),
    ...rest,
  };
  await t.database.db.insertInto('projects').values(row).execute();
  return id;
}

export async function insertMonthly(
  db: Db,
  projectId: string,
  regionCode: string,
  month: string,
  ytd: number,
) {
  await db
    .insertInto('project_monthly')
    .values({
      id: newId(),
      project_id: projectId,
      region_code: regionCode,
      month,
      month_investment: 0,
      ytd_investment: ytd,
      cumulative_investment: ytd,
      physical_progress_pct: null,
      physical_progress_text: null,
      combined_with_previous: 0,
      created_by: null,
      version: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
}

export async function insertPlan(
  db: Db,
  projectId: string,
  year: number,
  plan: number,
  curve: number[] | null = null,
) {
  await db
    .insertInto('project_annual_plans')
    .values({
      project_id: projectId,
      year,
      plan_investment: plan,
      curve: curve ? JSON.stringify(curve) : null,
      version: 1,
      updated_at: AT,
    })
    .execute();
}

export async function insertProblem(
  t: TestApp,
  p: {
    title: string;
    projectId: string;
    region: string;
    unit: string;
    due: string;
    status: string;
    resolvedAt?: string | null;
    raisedAt?: string;
  },
): Promise<string> {
  const id = newId();
  await t.database.db
    .insertInto('problems')
    .values({
      id,
      entity: 'project',
      entity_id: p.projectId,
      region_code: p.region,
      category: 'land',
      title: p.title,
      description: null,
      raised_by: null,
      raised_by_unit_id: null,
      raised_at: p.raisedAt ?? '2021-01-05T02:00:00.000Z',
      raised_in_meeting_id: null,
      owner_unit_id: await t.unitId(p.unit),
      lead_leader: null,
      due_on: p.due,
      escalation_level: 1,
      escalated_at: null,
      status: p.status as never,
      held_from: null,
      resolved_at: p.resolvedAt ?? null,
      closed_by: null,
      closed_at: null,
      version: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return id;
}

const E8 = 100_000_000;

/**
 * The crediting fixture (signings in 2020 and 2021), hand-computed:
 *
 * 2021 credited: A 京口 2亿 (new) · E 丹阳 USD 10,000,000 exactly (65,000,000 元) · H 丹阳 增资 4.5亿 over F's 3亿 → 1.5亿 ·
 *   K 丹徒 1亿 exactly, terminated later (still counts) — 4 projects, 5.15亿元.
 * 2021 not credited: B 0.99亿 · C infrastructure 5亿 · D USD 9,990,000 · G re-signing of F · I upgrade of J by 0.6亿.
 * 2020 credited: F 丹阳 3亿 · J 丹徒 1.2亿 — 2 projects, 4.2亿元. yoy: +22.6% (amount), +100.0% (count).
 */
export async function seedSignings(t: TestApp) {
  const ids: Record<string, string> = {};
  const p = async (key: string, seed: ProjectSeed) => (ids[key] = await insertProject(t, seed));
  await p('A', {
    name: '甲项目',
    region_code: '321102',
    unit: 'jingkou',
    agreed_investment: 2 * E8,
    actual_signed_on: '2021-03-10',
    actual_started_on: '2021-06-08',
    stage: 8,
  });
  await p('B', {
    name: '乙项目（不足亿元）',
    region_code: '321102',
    unit: 'jingkou',
    agreed_investment: 99_000_000,
    actual_signed_on: '2021-04-02',
    stage: 3,
  });
  await p('C', {
    name: '丙项目（基础设施）',
    region_code: '321102',
    unit: 'jingkou',
    category: 'infrastructure',
    agreed_investment: 5 * E8,
    actual_signed_on: '2021-05-20',
    actual_started_on: '2021-07-01',
    stage: 8,
  });
  await p('D', {
    name: '丁项目（外资999万美元）',
    region_code: '321183',
    unit: 'jurong',
    foreign_invested: 1,
    foreign_amount_usd: 9_990_000,
    fx_rate: 7,
    agreed_investment: 69_930_000,
    actual_signed_on: '2021-06-15',
    stage: 3,
  });
  await p('E', {
    name: '戊项目（外资1000万美元）',
    region_code: '321181',
    unit: 'danyang',
    foreign_invested: 1,
    foreign_amount_usd: 10_000_000,
    fx_rate: 6.5,
    agreed_investment: 65_000_000,
    actual_signed_on: '2021-05-01',
    actual_started_on: '2021-05-31',
    stage: 8,
  });
  await p('F', {
    name: '己项目',
    region_code: '321181',
    unit: 'danyang',
    agreed_investment: 3 * E8,
    actual_signed_on: '2020-06-18',
    stage: 3,
  });
  await p('G', {
    name: '己项目（补充协议）',
    region_code: '321181',
    unit: 'danyang',
    agreed_investment: 3 * E8,
    actual_signed_on: '2021-02-08',
    signing_kind: 're_sign',
    predecessor_project_id: ids.F!,
    stage: 3,
  });
  await p('H', {
    name: '己项目（增资）',
    region_code: '321181',
    unit: 'danyang',
    agreed_investment: 4.5 * E8,
    actual_signed_on: '2021-09-09',
    signing_kind: 'capital_increase',
    predecessor_project_id: ids.F!,
    stage: 3,
  });
  await p('J', {
    name: '庚项目',
    region_code: '321112',
    unit: 'dantu',
    agreed_investment: 1.2 * E8,
    actual_signed_on: '2020-10-10',
    stage: 3,
  });
  await p('I', {
    name: '庚项目（升格）',
    region_code: '321112',
    unit: 'dantu',
    agreed_investment: 1.8 * E8,
    actual_signed_on: '2021-08-08',
    signing_kind: 'upgrade',
    predecessor_project_id: ids.J!,
    stage: 3,
  });
  await p('K', {
    name: '辛项目（已终止）',
    region_code: '321112',
    unit: 'dantu',
    agreed_investment: 1 * E8,
    actual_signed_on: '2021-11-11',
    terminated: 1,
    terminated_reason: '投资方撤回',
    terminated_on: '2021-12-20',
    stage: 3,
  });
  await p('X', {
    name: '壬项目（无签约日期）',
    region_code: '321182',
    unit: 'yangzhong',
    actual_started_on: '2021-08-01',
    stage: 8,
  });
  return ids;
}

let areaId: string | null = null;

/** A reform task (and its area on first use), straight into the ledger. */
export async function insertReformTask(
  t: TestApp,
  r: {
    title: string;
    unit: string;
    region: string;
    due: string;
    status: string;
    doneOn?: string | null;
    start?: string;
  },
): Promise<string> {
  const db = t.database.db;
  if (
    !areaId ||
    !(await db.selectFrom('reform_areas').select('id').where('id', '=', areaId).executeTakeFirst())
  ) {
    areaId = newId();
    await db
      .insertInto('reform_areas')
      .values({
        id: areaId,
        code: `T-${areaId.slice(-6)}`,
        name: '测试领域',
        sort: 0,
        region_code: '321100',
        version: 1,
        created_at: AT,
        updated_at: AT,
      })
      .execute();
  }
  const id = newId();
  await db
    .insertInto('reform_tasks')
    .values({
      id,
      code: null,
      area_id: areaId,
      item_id: null,
      title: r.title,
      measures: null,
      source_doc: null,
      source_meeting: null,
      lead_leader: null,
      lead_unit_id: await t.unitId(r.unit),
      contacts: '[]',
      outcome_form: null,
      outcome_note: null,
      start_on: r.start ?? '2021-01-01',
      due_on: r.due,
      original_due_on: null,
      cadence: 'monthly',
      is_key: 0,
      is_first: 0,
      is_replicated: 0,
      status: r.status as never,
      progress_pct: 0,
      progress_note: null,
      problems_note: null,
      next_steps_note: null,
      last_report_period: null,
      soe_credit_code: null,
      linked_project_ids: '[]',
      linked_enterprise_codes: '[]',
      done_on: r.doneOn ?? null,
      completion_report_id: null,
      closed_at: null,
      closed_by: null,
      region_code: r.region,
      created_by: null,
      version: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
  return id;
}

export async function insertMilestone(
  t: TestApp,
  taskId: string,
  m: { title: string; due: string; doneOn?: string | null; seq: number },
) {
  const task = await t.database.db
    .selectFrom('reform_tasks')
    .select('region_code')
    .where('id', '=', taskId)
    .executeTakeFirstOrThrow();
  await t.database.db
    .insertInto('reform_milestones')
    .values({
      id: newId(),
      task_id: taskId,
      seq: m.seq,
      title: m.title,
      deliverable: null,
      due_on: m.due,
      original_due_on: null,
      status: m.doneOn ? 'done_pending_verification' : 'pending',
      done_on: m.doneOn ?? null,
      done_note: null,
      evidence_report_id: null,
      closed_at: null,
      closed_by: null,
      region_code: task.region_code,
      version: 1,
      created_at: AT,
      updated_at: AT,
    })
    .execute();
}
