/**
 * Local policy of the indicators, in one place (domain.md §1.8: "suggested, configurable"). A city changes these
 * constants (and records the source in docs/decisions); nothing else in the code carries a threshold.
 */
export const SIGNING_RULES = {
  /** 新签约亿元以上项目: 内资 ≥ 1亿元 … (镇江 2024 招大引强 counting unit, domain.md §1.1 [V]). */
  domesticMinYuan: 100_000_000,
  /** … or 外资 ≥ 1000万美元, the USD amount as agreed (FX at signing: `foreign_amount_usd`, else 元 ÷ `fx_rate`). */
  foreignMinUsd: 10_000_000,
  /** 产业类项目 only. */
  categories: ['industrial'] as readonly string[],
  /**
   * 终止 projects still count when they were signed in the period: the KPI counts signings, and a later
   * termination does not undo a signing already reported (the termination shows in the ledger and the lights).
   */
  countTerminated: true,
} as const;

/**
 * 问题按期办结率: problems whose deadline fell in the period (and has passed by the as-of date), or that were
 * closed within the period before their deadline; on time = 办结 (resolved or closed) on or before `due_on`.
 * Problems on hold (挂起) are left out of the denominator while on hold.
 */
export const PROBLEM_RULES = {
  doneStatuses: ['resolved', 'closed'] as readonly string[],
  excludedStatuses: ['on_hold'] as readonly string[],
  /** "Overdue" on the dashboard: past the deadline and still assigned or in progress (the problem list's own overdue filter). */
  overdueStatuses: ['assigned', 'in_progress'] as readonly string[],
} as const;

/**
 * 改革任务按期完成率: tasks whose deadline fell in the period (passed by the as-of date, or already done), on time when
 * the lead unit declared them done (done_on) on or before the deadline. `deadline` = 'approved' uses the deadline
 * after approved extensions (due_on); 'original' the first one. 调整 (adjusted) tasks are left out of the rate.
 * 改革节点逾期个数: milestones due before the as-of date and not done by then.
 */
export const REFORM_RULES = {
  deadline: 'approved' as 'approved' | 'original',
  excludedStatuses: ['adjusted'] as readonly string[],
} as const;

/** The 11 stage groups of the dashboard funnel (domain.md §1.2 stages 0–14). */
export const FUNNEL_STAGES: ReadonlyArray<{ stage: number; zh: string; en: string }> = [
  { stage: 0, zh: '线索', en: 'Lead' },
  { stage: 2, zh: '在谈', en: 'Negotiation' },
  { stage: 3, zh: '签约', en: 'Signed' },
  { stage: 5, zh: '备案', en: 'Filed' },
  { stage: 6, zh: '供地', en: 'Land' },
  { stage: 7, zh: '许可', en: 'Permit' },
  { stage: 8, zh: '开工', en: 'Started' },
  { stage: 10, zh: '建设', en: 'Construction' },
  { stage: 11, zh: '竣工', en: 'Completed' },
  { stage: 12, zh: '投产', en: 'In production' },
  { stage: 13, zh: '达产', en: 'Full capacity' },
];
