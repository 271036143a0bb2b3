import type { ScoringParams, TaskScore, UnitScore } from '../../../../contracts/schemas/reform';
import { SCORE_COMPONENT_LABELS } from '../../../../contracts/schemas/reform';

/**
 * Assessment (考核), pure. A task's score for a window [from, to] is the weighted mean of four components
 * (0–100 each) minus 督察 deductions; a unit's score is the mean of the scores of the tasks it leads minus
 * its unit-level deductions; units rank by score, equal scores sharing a rank (1, 1, 3).
 */

/** The default rule set, used when no rule set is in force (a city configures its own in reform_rule_sets). */
export const DEFAULT_SCORING_PARAMS: ScoringParams = {
  weights: { completion: 40, timeliness: 25, outcomes: 20, innovation: 15 },
  innovation: { first: 100, replicated: 60 },
  lateCredit: 0.5,
  deductionCapPerTask: 20,
  deductionCapPerUnit: 20,
};

/** A dated thing that should be done by its due date: a milestone, or the task's own deadline. */
export type ScoreItem = { dueOn: string; doneOn: string | null; closedOn: string | null };
export type ScoreTarget = {
  baseline: number | null;
  target: number;
  actual: number | null;
  direction: 'increase' | 'decrease';
};

export type TaskFacts = {
  taskId: string;
  code: string | null;
  title: string;
  leadUnitId: string;
  leadUnitName: string;
  /** The task's deadline item (closedOn = verified closure) and its milestones. */
  task: ScoreItem;
  milestones: ScoreItem[];
  /** Reports expected with a due date in the window, and the date each was first filed (null: not filed). */
  reports: Array<{ dueOn: string; filedOn: string | null }>;
  targets: ScoreTarget[];
  isFirst: boolean;
  isReplicated: boolean;
  /** Points of 督察 findings on the task dated in the window. */
  findingPoints: number[];
};

export const round2 = (n: number) => Math.round((n + Number.EPSILON) * 100) / 100;

/** Share of the way from baseline to target, capped to 0–1; null without an actual. */
export function achievement(t: ScoreTarget): number | null {
  if (t.actual === null || t.actual === undefined) return null;
  let r: number;
  if (t.direction === 'increase') {
    if (t.baseline !== null && t.target !== t.baseline) r = (t.actual - t.baseline) / (t.target - t.baseline);
    else if (t.target !== 0) r = t.actual / t.target;
    else r = t.actual >= t.target ? 1 : 0;
  } else {
    if (t.baseline !== null && t.target !== t.baseline) r = (t.baseline - t.actual) / (t.baseline - t.target);
    else r = t.actual <= t.target ? 1 : t.actual !== 0 ? t.target / t.actual : 0;
  }
  if (!Number.isFinite(r)) return 0;
  return Math.min(1, Math.max(0, r));
}

export function scoreTask(f: TaskFacts, window: { from: string; to: string }, p: ScoringParams): TaskScore {
  const E = window.to;
  const items = [...f.milestones, f.task];

  // completion: items closed by the end of the window ÷ items due by then
  const itemsDue = items.filter((i) => i.dueOn <= E).length;
  const itemsDone = items.filter((i) => i.closedOn !== null && i.closedOn <= E).length;
  let completion: number;
  if (f.task.closedOn !== null && f.task.closedOn <= E) completion = 100;
  else if (itemsDue === 0) completion = 100;
  else completion = Math.min(100, (100 * itemsDone) / itemsDue);

  // timeliness: reports and items due inside the window, on time 1, late (but by the window's end) lateCredit
  let expected = 0;
  let onTime = 0;
  let late = 0;
  const credit = (due: string, done: string | null) => {
    expected++;
    if (done !== null && done <= due) onTime++;
    else if (done !== null && done <= E) late++;
  };
  for (const r of f.reports) if (r.dueOn >= window.from && r.dueOn <= E) credit(r.dueOn, r.filedOn);
  for (const i of items) if (i.dueOn >= window.from && i.dueOn <= E) credit(i.dueOn, i.doneOn ?? i.closedOn);
  const timeliness = expected === 0 ? 100 : (100 * (onTime + late * p.lateCredit)) / expected;

  // outcomes: mean achievement of the targets; none → null and its weight spread over the rest
  const outcomes = f.targets.length
    ? (100 * f.targets.reduce((s, t) => s + (achievement(t) ?? 0), 0)) / f.targets.length
    : null;

  const innovation = f.isFirst ? p.innovation.first : f.isReplicated ? p.innovation.replicated : 0;
  const deductions = Math.min(
    p.deductionCapPerTask,
    f.findingPoints.reduce((s, x) => s + x, 0),
  );

  const w = p.weights;
  let num = w.completion * completion + w.timeliness * timeliness + w.innovation * innovation;
  let den = w.completion + w.timeliness + w.innovation;
  if (outcomes !== null) {
    num += w.outcomes * outcomes;
    den += w.outcomes;
  }
  const base = den > 0 ? num / den : 0;
  return {
    taskId: f.taskId,
    code: f.code,
    title: f.title,
    leadUnitId: f.leadUnitId,
    leadUnitName: f.leadUnitName,
    score: round2(Math.max(0, base - deductions)),
    breakdown: {
      completion: round2(completion),
      timeliness: round2(timeliness),
      outcomes: outcomes === null ? null : round2(outcomes),
      innovation: round2(innovation),
      deductions: round2(deductions),
    },
    facts: {
      itemsDue,
      itemsDone,
      timelyExpected: expected,
      timelyOnTime: onTime,
      timelyLate: late,
      targets: f.targets.length,
      findings: f.findingPoints.length,
    },
  };
}

const mean = (xs: number[]) => (xs.length ? xs.reduce((s, x) => s + x, 0) / xs.length : 0);

/** Unit scores and ranks from task scores; `unitFindings` are points of findings without a task, by unit. */
export function scoreUnits(
  tasks: TaskScore[],
  unitFindings: Map<string, number[]>,
  p: ScoringParams,
): UnitScore[] {
  const byUnit = new Map<string, TaskScore[]>();
  for (const t of tasks) {
    const list = byUnit.get(t.leadUnitId) ?? [];
    list.push(t);
    byUnit.set(t.leadUnitId, list);
  }
  const units = [...byUnit.entries()].map(([unitId, list]) => {
    const unitDeduction = Math.min(
      p.deductionCapPerUnit,
      (unitFindings.get(unitId) ?? []).reduce((s, x) => s + x, 0),
    );
    const withOutcomes = list.filter((t) => t.breakdown.outcomes !== null);
    return {
      unit: { id: unitId, name: list[0]!.leadUnitName },
      score: round2(Math.max(0, mean(list.map((t) => t.score)) - unitDeduction)),
      rank: 0,
      taskCount: list.length,
      breakdown: {
        completion: round2(mean(list.map((t) => t.breakdown.completion))),
        timeliness: round2(mean(list.map((t) => t.breakdown.timeliness))),
        outcomes: withOutcomes.length ? round2(mean(withOutcomes.map((t) => t.breakdown.outcomes!))) : null,
        innovation: round2(mean(list.map((t) => t.breakdown.innovation))),
        deductions: round2(mean(list.map((t) => t.breakdown.deductions)) + unitDeduction),
      },
    };
  });
  return rankUnits(units);
}

/** Competition ranking: sorted by score (descending), equal scores share the rank, the next rank skips. */
export function rankUnits<T extends { score: number; rank: number; unit: { name: string } }>(
  units: T[],
): T[] {
  const sorted = [...units].sort(
    (a, b) => b.score - a.score || a.unit.name.localeCompare(b.unit.name, 'zh-CN'),
  );
  sorted.forEach((u, i) => {
    u.rank = i > 0 && sorted[i - 1]!.score === u.score ? sorted[i - 1]!.rank : i + 1;
  });
  return sorted;
}

/** The method shown beside the scores: components, weights and the formula in words. */
export function describeMethod(p: ScoringParams) {
  const w = p.weights;
  return {
    components: [
      {
        key: 'completion',
        label: SCORE_COMPONENT_LABELS.completion,
        weight: w.completion,
        description: {
          zh: '截至期末已销号的节点（含任务本身的完成时限）÷ 截至期末应完成的节点；任务已销号或尚无到期节点记 100',
          en: 'Milestones (and the task deadline) closed by the end of the period ÷ those due by then; 100 when the task is closed or nothing is due yet',
        },
      },
      {
        key: 'timeliness',
        label: SCORE_COMPONENT_LABELS.timeliness,
        weight: w.timeliness,
        description: {
          zh: `期内到期的进展报送与节点：按时记 1，逾期但在期末前完成记 ${p.lateCredit}，未完成记 0；期内无到期事项记 100`,
          en: `Reports and milestones due in the period: on time 1, late but done by the period's end ${p.lateCredit}, not done 0; 100 when nothing is due`,
        },
      },
      {
        key: 'outcomes',
        label: SCORE_COMPONENT_LABELS.outcomes,
        weight: w.outcomes,
        description: {
          zh: '各目标值达成度（(实际−基线)÷(目标−基线)，限 0–1，无实际值记 0）的平均 × 100；实际值优先取自系统指标；无目标值的任务，此项权重按比例分给其他分项',
          en: 'Mean target achievement ((actual − baseline) ÷ (target − baseline), capped 0–1, no actual = 0) × 100, actuals measured from the ledgers where bound; a task without targets spreads this weight over the other components',
        },
      },
      {
        key: 'innovation',
        label: SCORE_COMPONENT_LABELS.innovation,
        weight: w.innovation,
        description: {
          zh: `首创记 ${p.innovation.first}，复制推广记 ${p.innovation.replicated}，其他记 0`,
          en: `A first (首创) ${p.innovation.first}, replicated elsewhere (复制推广) ${p.innovation.replicated}, otherwise 0`,
        },
      },
      {
        key: 'deductions',
        label: SCORE_COMPONENT_LABELS.deductions,
        weight: null,
        description: {
          zh: `期内督察发现问题的扣分，每项任务最多扣 ${p.deductionCapPerTask} 分；未关联任务的，从单位得分中扣除，最多 ${p.deductionCapPerUnit} 分`,
          en: `Points of supervision findings dated in the period, at most ${p.deductionCapPerTask} per task; findings without a task deduct from the unit, at most ${p.deductionCapPerUnit}`,
        },
      },
    ],
    formula: {
      zh: `任务得分 = (完成率×${w.completion} + 及时性×${w.timeliness} + 成效×${w.outcomes} + 创新×${w.innovation}) ÷ 参与计分的权重之和 − 督察扣分；单位得分 = 其牵头任务得分的平均值 − 单位督察扣分；按单位得分从高到低排名，同分同名次。`,
      en: `Task score = (completion×${w.completion} + timeliness×${w.timeliness} + outcomes×${w.outcomes} + innovation×${w.innovation}) ÷ the sum of the weights that apply − deductions; unit score = mean score of the tasks it leads − unit deductions; units rank by score, equal scores share a rank.`,
    },
  };
}
