/**
 * Reform-task indicators on the reform ledger (C9): 改革任务按期完成率 and 改革节点逾期个数. The tasks and milestones
 * are read with the reform ledger's own scope (lead unit, co-units, region, creator) intersected with the
 * indicator scope; the rules are in indicators.config.ts (REFORM_RULES).
 */
import type { Contribution } from './indicators.aggregate';
import { REFORM_RULES } from './indicators.config';
import type { IndicatorDef } from './indicators.registry';
import * as repo from './indicators.repository';

const PERIODS = ['year', 'quarter', 'month', 'cumulative'] as const;

export const REFORM_INDICATORS: IndicatorDef[] = [
  {
    code: 'reform_tasks_on_time_rate',
    label: { zh: '改革任务按期完成率', en: 'Reform tasks completed on time' },
    unit: { zh: '%', en: '%' },
    kind: 'rate',
    direction: 'higher',
    periods: PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'reform_task',
    definition: {
      zh: '完成时限（经批准延期后的时限）在统计期内、且已到期或已完成的改革任务中，牵头单位在时限内报告完成的比例；调整类任务不计。',
      en: 'Of the reform tasks due in the period (approved deadline; past due or already done by the as-of date), the share the lead unit reported done on or before the deadline; adjusted tasks are left out.',
    },
    link: (c) => `/reform/tasks/${c.id}`,
    collect: async (ctx) => {
      const rows = await repo.reformTasksDue(
        ctx.db,
        ctx,
        ctx.period.start,
        ctx.period.end,
        REFORM_RULES.deadline === 'original' ? 'original_due_on' : 'due_on',
      );
      const out: Contribution[] = [];
      for (const r of rows) {
        if (REFORM_RULES.excludedStatuses.includes(r.status)) continue;
        const doneByAsOf = r.done_on !== null && r.done_on <= ctx.asOf;
        if (!(r.due_on < ctx.asOf || doneByAsOf)) continue;
        const onTime = doneByAsOf && r.done_on! <= r.due_on;
        out.push({
          id: r.id,
          entity: 'reform_task',
          name: r.title,
          regionCode: r.region_code,
          unitId: r.lead_unit_id,
          zoneId: null,
          chainCode: null,
          date: r.due_on,
          num: onTime ? 1 : 0,
          den: 1,
          detail: {
            dueOn: r.due_on,
            originalDueOn: r.original_due_on,
            doneOn: doneByAsOf ? r.done_on : null,
            onTime,
            status: r.status,
          },
        });
      }
      return out;
    },
  },
  {
    code: 'reform_milestones_overdue',
    label: { zh: '改革节点逾期个数', en: 'Overdue reform milestones' },
    unit: { zh: '个', en: 'milestones' },
    kind: 'count',
    direction: 'lower',
    periods: PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'reform_milestone',
    definition: {
      zh: '截至统计期末（统计期未结束时为当日），已过完成时限仍未完成的改革任务时间节点个数。',
      en: 'Reform milestones past their due date and not done as of the end of the period (today while it runs).',
    },
    link: (c) => `/reform/tasks/${String(c.detail.taskId)}`,
    collect: async (ctx) => {
      const rows = await repo.milestonesOverdue(ctx.db, ctx, ctx.asOf);
      return rows.map((r) => ({
        id: r.id,
        entity: 'reform_milestone',
        name: `${r.task_title}：${r.title}`,
        regionCode: r.region_code,
        unitId: r.lead_unit_id,
        zoneId: null,
        chainCode: null,
        date: r.due_on,
        num: 1,
        den: 1,
        detail: {
          taskId: r.task_id,
          dueOn: r.due_on,
          doneOn: r.done_on,
          daysOverdue: Math.round(
            (Date.parse(`${ctx.asOf}T00:00:00Z`) - Date.parse(`${r.due_on}T00:00:00Z`)) / 86_400_000,
          ),
        },
      }));
    },
  },
];
