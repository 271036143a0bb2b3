import type { z } from 'zod';
import type {
  AnnualPlan,
  MonthlyInput,
  MonthlyRecord,
  MonthlySeries,
  PlanInput,
} from '../../../../contracts/schemas/projects';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { recomputeProjectLight } from '../lights/lights.service';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import type { Executor } from '../../db/database';
import { parseCurve, presentMonthly, presentPlan } from './projects.presenter';
import {
  applyMonthlyEntry,
  curveProblem,
  monthOf,
  planStanding,
  yearOf,
  type MonthlyFigures,
} from './projects.progress';
import * as repo from './projects.repository';
import { readableProject, type Deps } from './projects.service';
import type { ProjectMonthlyRow } from './projects.table';

/**
 * Monthly progress (当月 / 1–N月累计 / 开工以来累计, 形象进度) and annual plans with their 时序进度 curves.
 * Writes need project:update on a project the actor can see; every write is audited on the project.
 */

async function writableProject(trx: Executor, actor: Actor, id: string) {
  requirePermission(actor, 'project:update');
  const row = await repo.findProjectScoped(trx, actor, id);
  if (!row) throw notFound();
  return row;
}

type Figures = MonthlyFigures & { row?: ProjectMonthlyRow };
const figuresOf = (r: ProjectMonthlyRow): Figures => ({
  month: r.month,
  monthInvestment: Number(r.month_investment),
  ytdInvestment: Number(r.ytd_investment),
  cumulativeInvestment: Number(r.cumulative_investment),
  combinedWithPrevious: r.combined_with_previous === 1,
  row: r,
});

export async function getMonthly(
  deps: Deps,
  actor: Actor,
  id: string,
  month: string,
): Promise<MonthlyRecord> {
  await readableProject(deps.db, actor, id);
  const row = (await repo.monthlyOf(deps.db, id)).find((r) => r.month === month);
  if (!row) throw notFound();
  return presentMonthly(row);
}

export async function monthlySeries(
  deps: Deps,
  actor: Actor,
  id: string,
): Promise<z.infer<typeof MonthlySeries>> {
  await readableProject(deps.db, actor, id);
  const rows = await repo.monthlyOf(deps.db, id);
  const plans = await repo.plansOf(deps.db, id);
  const byYear = new Map(plans.map((p) => [p.year, p]));
  return {
    data: rows.map((r) => {
      const plan = byYear.get(yearOf(r.month));
      const s = plan
        ? planStanding(
            Number(plan.plan_investment),
            parseCurve(plan.curve),
            monthOf(r.month),
            Number(r.ytd_investment),
          )
        : null;
      return { ...presentMonthly(r), target: s?.target ?? null, completionRate: s?.completionRate ?? null };
    }),
    plans: plans.map(presentPlan),
  };
}

export async function putMonthly(
  deps: Deps,
  actor: Actor,
  id: string,
  month: string,
  input: MonthlyInput,
): Promise<MonthlyRecord> {
  const currentMonth = todayCst().slice(0, 7);
  if (month > currentMonth)
    throw ruleViolation(
      `不能报送未来月份（${month}）的进度`,
      `progress cannot be reported for a future month (${month})`,
      { field: 'month' },
    );
  return deps.db.transaction().execute(async (trx) => {
    const project = await writableProject(trx, actor, id);
    const existing = await repo.monthlyOf(trx, id);
    const current = existing.find((r) => r.month === month);
    if (current && input.version !== undefined && current.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: current.version },
        { current: presentMonthly(current) },
      );
    const result = applyMonthlyEntry<Figures>(existing.map(figuresOf), month, input, (f) => ({
      ...f,
      row: current,
    }));
    if (!result.ok) {
      throw ruleViolation(
        result.problems.map((p) => p.zh).join('；'),
        result.problems.map((p) => p.en).join('; '),
        {
          field: result.problems[0]?.field,
          problems: result.problems,
        },
      );
    }
    const at = nowIso();
    // the written month, and every later row whose derived figures moved
    for (const r of result.rows) {
      const old = r.row;
      if (r.month === month) continue;
      if (
        old &&
        (Number(old.month_investment) !== r.monthInvestment ||
          Number(old.cumulative_investment) !== r.cumulativeInvestment)
      )
        await repo.updateMonthly(
          trx,
          old.id,
          {
            month_investment: r.monthInvestment,
            ytd_investment: r.ytdInvestment,
            cumulative_investment: r.cumulativeInvestment,
            updated_at: at,
          },
          true,
        );
    }
    const figures = {
      month_investment: result.row.monthInvestment,
      ytd_investment: result.row.ytdInvestment,
      cumulative_investment: result.row.cumulativeInvestment,
      combined_with_previous: result.row.combinedWithPrevious ? 1 : 0,
      ...(input.physicalProgressPct !== undefined
        ? { physical_progress_pct: input.physicalProgressPct }
        : {}),
      ...(input.physicalProgressText !== undefined
        ? { physical_progress_text: input.physicalProgressText || null }
        : {}),
      updated_at: at,
    };
    if (current) await repo.updateMonthly(trx, current.id, figures, true);
    else
      await repo.insertMonthly(trx, {
        id: newId(),
        project_id: id,
        region_code: project.region_code,
        month,
        physical_progress_pct: null,
        physical_progress_text: null,
        created_by: actor.userId,
        version: 1,
        created_at: at,
        ...figures,
      });
    const saved = (await repo.monthlyOf(trx, id)).find((r) => r.month === month)!;
    // the project's own 形象进度 follows its latest report
    const latest = await repo.latestMonthlyOf(trx, id);
    if (
      latest?.month === month &&
      (input.physicalProgressPct !== undefined || input.physicalProgressText !== undefined)
    )
      await repo.setProgressSnapshot(trx, id, saved.physical_progress_pct, saved.physical_progress_text);
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: current ? 'update' : 'create',
      regionCode: project.region_code,
      before: current ? { monthly: presentMonthly(current) } : null,
      after: { monthly: presentMonthly(saved) },
      payload: { month },
    });
    await recomputeProjectLight(trx, id, actor);
    return presentMonthly(saved);
  });
}

export async function getPlan(deps: Deps, actor: Actor, id: string, year: number): Promise<AnnualPlan> {
  await readableProject(deps.db, actor, id);
  const plan = await repo.planOf(deps.db, id, year);
  if (!plan) throw notFound();
  return presentPlan(plan);
}

export async function putPlan(
  deps: Deps,
  actor: Actor,
  id: string,
  year: number,
  input: PlanInput,
): Promise<AnnualPlan> {
  if (input.curve) {
    const p = curveProblem(input.curve);
    if (p) throw ruleViolation(p.zh, p.en, { field: 'curve' });
  }
  return deps.db.transaction().execute(async (trx) => {
    const project = await writableProject(trx, actor, id);
    const before = await repo.planOf(trx, id, year);
    if (before && input.version !== undefined && before.version !== input.version)
      throw new AppError('VERSION_CONFLICT', { version: before.version }, { current: presentPlan(before) });
    await repo.upsertPlan(trx, {
      project_id: id,
      year,
      plan_investment: input.planInvestment,
      curve: input.curve ? JSON.stringify(input.curve) : null,
      updated_at: nowIso(),
    });
    const after = (await repo.planOf(trx, id, year))!;
    await recordAudit(trx, actor, {
      entity: 'project',
      entityId: id,
      action: before ? 'update' : 'create',
      regionCode: project.region_code,
      before: before ? { plan: presentPlan(before) } : null,
      after: { plan: presentPlan(after) },
      payload: { year },
    });
    await recomputeProjectLight(trx, id, actor);
    return presentPlan(after);
  });
}
