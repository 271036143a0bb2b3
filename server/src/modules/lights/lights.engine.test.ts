import { describe, expect, it } from 'vitest';
import { RuleSetParams, type LightRule } from '../../../../contracts/schemas/lights';
import { DEFAULT_RULE_SET_PARAMS } from './lights.defaults';
import {
  addMonthsToDate,
  evaluateLights,
  evaluationMonth,
  firedKey,
  previousEvaluationMonths,
  progressAt,
  timeSequencedFraction,
  timeSequencedTarget,
  type LightFacts,
} from './lights.engine';
import { formatYuanZh, toWan } from './lights.format';

type RuleInput = Record<string, unknown> & {
  id: string;
  kind: LightRule['kind'];
  color: 'yellow' | 'red';
  params: Record<string, unknown>;
};
const ruleSet = (rules: RuleInput[], extra: Record<string, unknown> = {}) => ({
  params: RuleSetParams.parse({
    rules: rules.map((r) => ({ label: { zh: r.id, en: r.id }, ...r })),
    ...extra,
  }),
});

const project = (p: Partial<LightFacts['project']> = {}): LightFacts['project'] => ({
  signedOn: '2024-10-01',
  plannedStartOn: null,
  startedOn: null,
  statsEnrolledOn: null,
  completedOn: null,
  terminated: false,
  suspended: false,
  totalInvestment: null,
  ...p,
});

/** A project with a 12,000,000 元 plan for 2025 (linear unless curve given) that reported `ytd` for June. */
const june = (ytd: number, curve: number[] | null = null): LightFacts => ({
  project: project({ startedOn: '2024-12-01', statsEnrolledOn: '2025-01-05' }),
  monthly: [{ month: '2025-06', ytd }],
  plans: [{ year: 2025, planInvestment: 12_000_000, curve }],
});
const AS_OF = '2025-07-15'; // June's report is due by 10 July: June is evaluated

const colorOf = (rs: ReturnType<typeof ruleSet>, facts: LightFacts, asOf = AS_OF) =>
  evaluateLights(rs, facts, asOf).color;

describe('时序进度 target', () => {
  it('is linear by default and follows the curve when there is one', () => {
    expect(timeSequencedTarget(12_000_000, null, 6)).toBe(6_000_000);
    expect(timeSequencedTarget(12_000_000, null, 12)).toBe(12_000_000);
    const curve = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1];
    expect(timeSequencedTarget(12_000_000, curve, 6)).toBe(3_600_000);
    expect(timeSequencedFraction([0.5], 6)).toBe(0.5); // a malformed curve counts as linear
    expect(timeSequencedFraction([0.1, 0.2, 0.3, 0.4, 0.5, 0.4, 0.7, 0.8, 0.9, 0.95, 0.99, 1], 3)).toBe(0.25); // decreasing → linear
  });
  it('carries the last report of the year forward and counts nothing before the first', () => {
    const facts: LightFacts = {
      ...june(0),
      monthly: [
        { month: '2025-04', ytd: 3_000_000 },
        { month: '2024-12', ytd: 9_000_000 },
      ],
    };
    expect(progressAt(facts, '2025-06')).toMatchObject({ actual: 3_000_000, target: 6_000_000, gapPp: 25 });
    expect(progressAt(facts, '2025-03')).toMatchObject({ actual: 0 });
    expect(progressAt(facts, '2024-12')).toBeNull(); // no 2024 plan
  });
});

describe('the evaluated month', () => {
  const p = { reportDueDay: 10, combineJanFeb: true };
  it('is the last month whose report is due, or a later one already reported', () => {
    expect(evaluationMonth(p, '2025-07-10', [])).toBe('2025-05'); // June's report still within its deadline
    expect(evaluationMonth(p, '2025-07-11', [])).toBe('2025-06');
    expect(evaluationMonth(p, '2025-07-10', [{ month: '2025-06', ytd: 1 }])).toBe('2025-06');
    expect(evaluationMonth(p, '2025-07-10', [{ month: '2025-08', ytd: 1 }])).toBe('2025-05'); // future months ignored
    expect(evaluationMonth(p, '2025-07-20', [{ month: '2025-07', ytd: 1 }])).toBe('2025-06'); // so is the month not yet over
  });
  it('never evaluates January alone when 1–2月 are reported together', () => {
    expect(evaluationMonth(p, '2025-02-20', [])).toBe('2024-12');
    expect(evaluationMonth({ ...p, combineJanFeb: false }, '2025-02-20', [])).toBe('2025-01');
    expect(previousEvaluationMonths(p, '2025-03', 3)).toEqual(['2025-03', '2025-02', '2024-12']);
    expect(previousEvaluationMonths({ ...p, combineJanFeb: false }, '2025-03', 3)).toEqual([
      '2025-03',
      '2025-02',
      '2025-01',
    ]);
  });
});

describe('pp_gap (Yinchuan: behind 10–30 pp inclusive → yellow, > 30 pp → red)', () => {
  const rs = ruleSet([
    { id: 'y', kind: 'pp_gap', color: 'yellow', params: { gte: 10, lte: 30 } },
    { id: 'r', kind: 'pp_gap', color: 'red', params: { gt: 30 } },
  ]);
  it('is green just under 10 pp and yellow at exactly 10 pp', () => {
    expect(colorOf(rs, june(4_812_000))).toBe('green'); // 40.1% of plan vs 50%: 9.9 pp
    const ev = evaluateLights(rs, june(4_800_000), AS_OF); // 40% vs 50%: 10 pp
    expect(ev.color).toBe('yellow');
    expect(ev.asOfMonth).toBe('2025-06');
    expect(ev.fired).toHaveLength(1);
    expect(ev.fired[0]).toMatchObject({ ruleId: 'y', kind: 'pp_gap', color: 'yellow' });
    expect(ev.fired[0]!.figures).toMatchObject({
      month: '2025-06',
      planInvestment: 12_000_000,
      target: 6_000_000,
      actual: 4_800_000,
      targetPct: 50,
      actualPct: 40,
      gapPp: 10,
    });
    expect(ev.fired[0]!.message.zh).toContain('落后10个百分点');
    expect(ev.fired[0]!.message.zh).toContain('1200万元');
  });
  it('is yellow at exactly 30 pp and red just over it', () => {
    expect(colorOf(rs, june(2_400_000))).toBe('yellow'); // 20%: 30 pp
    const ev = evaluateLights(rs, june(2_388_000), AS_OF); // 19.9%: 30.1 pp
    expect(ev.color).toBe('red');
    expect(ev.fired.map((f) => f.ruleId)).toEqual(['r']);
  });
  it('measures against the curve, not the calendar, when the plan has one', () => {
    const curve = [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.85, 1];
    expect(colorOf(rs, june(2_412_000, curve))).toBe('green'); // 20.1% vs 30%: 9.9 pp
    expect(colorOf(rs, june(2_400_000, curve))).toBe('yellow'); // 20% vs 30%: 10 pp
    expect(colorOf(rs, june(2_400_000))).toBe('yellow'); // linear: 20% vs 50% = 30 pp
  });
});

describe('ratio (Wuhan: < 80% of the target → yellow card, < 60% → red card)', () => {
  const rs = ruleSet([
    { id: 'y', kind: 'ratio', color: 'yellow', params: { gte: 0.6, lt: 0.8 } },
    { id: 'r', kind: 'ratio', color: 'red', params: { lt: 0.6 } },
  ]);
  it('is green at exactly 80% and yellow just below', () => {
    expect(colorOf(rs, june(4_800_000))).toBe('green');
    const ev = evaluateLights(rs, june(4_799_400), AS_OF);
    expect(ev.color).toBe('yellow');
    expect(ev.fired[0]!.figures.ratio).toBe(0.7999);
  });
  it('is yellow at exactly 60% and red just below', () => {
    expect(colorOf(rs, june(3_600_000))).toBe('yellow');
    expect(colorOf(rs, june(3_599_400))).toBe('red');
  });
  it('does not fire while nothing is due yet (target 0)', () => {
    const curve = [0, 0, 0, 0, 0, 0, 0.4, 0.5, 0.6, 0.7, 0.85, 1];
    expect(colorOf(rs, june(0, curve))).toBe('green');
  });
});

describe('rel_gap (Sanya: below by ≤ 50% → yellow, > 50% → red; projects ≥ 1000万)', () => {
  const rs = ruleSet([
    { id: 'y', kind: 'rel_gap', color: 'yellow', params: { gt: 0, lte: 0.5, minPlanInvestment: 10_000_000 } },
    { id: 'r', kind: 'rel_gap', color: 'red', params: { gt: 0.5, minPlanInvestment: 10_000_000 } },
  ]);
  it('is green on target and yellow just below it', () => {
    expect(colorOf(rs, june(6_000_000))).toBe('green');
    expect(colorOf(rs, june(5_999_400))).toBe('yellow');
  });
  it('is yellow at exactly 50% below and red beyond', () => {
    expect(colorOf(rs, june(3_000_000))).toBe('yellow');
    const ev = evaluateLights(rs, june(2_999_400), AS_OF);
    expect(ev.color).toBe('red');
    expect(ev.fired[0]!.figures.relGap).toBe(0.5001);
  });
  it('leaves projects under the plan threshold alone', () => {
    const small: LightFacts = { ...june(0), plans: [{ year: 2025, planInvestment: 9_999_999, curve: null }] };
    expect(colorOf(rs, small)).toBe('green');
  });
});

describe('start_overdue (Yinchuan: not started as planned → yellow; 3 consecutive months → red)', () => {
  const rs = ruleSet([
    { id: 'y', kind: 'start_overdue', color: 'yellow', params: { graceDays: 0, minMonths: 1 } },
    { id: 'r', kind: 'start_overdue', color: 'red', params: { graceDays: 0, minMonths: 3 } },
  ]);
  const facts = (p: Partial<LightFacts['project']>): LightFacts => ({
    project: project({ plannedStartOn: '2025-03-15', ...p }),
    monthly: [],
    plans: [],
  });
  it('fires the day after the planned start, not on it', () => {
    expect(colorOf(rs, facts({}), '2025-03-15')).toBe('green');
    const ev = evaluateLights(rs, facts({}), '2025-03-16');
    expect(ev.color).toBe('yellow');
    expect(ev.fired[0]!.figures).toMatchObject({
      plannedStartOn: '2025-03-15',
      daysOverdue: 1,
      monthsOverdue: 1,
    });
  });
  it('turns red in the third month counted from the planned month', () => {
    expect(colorOf(rs, facts({}), '2025-04-30')).toBe('yellow');
    const ev = evaluateLights(rs, facts({}), '2025-05-01');
    expect(ev.color).toBe('red');
    expect(ev.fired.map((f) => f.ruleId)).toEqual(['r', 'y']); // red first
  });
  it('is satisfied by an actual start on or before the date, not by a future one', () => {
    expect(colorOf(rs, facts({ startedOn: '2025-04-01' }), '2025-05-01')).toBe('green');
    expect(colorOf(rs, facts({ startedOn: '2025-06-01' }), '2025-05-01')).toBe('red');
  });
  it('honours grace days', () => {
    const graced = ruleSet([{ id: 'y', kind: 'start_overdue', color: 'yellow', params: { graceDays: 10 } }]);
    expect(colorOf(graced, facts({}), '2025-03-25')).toBe('green');
    expect(colorOf(graced, facts({}), '2025-03-26')).toBe('yellow');
  });
});

describe('stats_enrolment (Yinchuan: started ≥ 1 month, not enrolled → yellow; > 2 months → red)', () => {
  const rs = ruleSet([
    {
      id: 'y',
      kind: 'stats_enrolment',
      color: 'yellow',
      params: { afterMonths: 1, inclusive: true, minInvestment: 5_000_000 },
    },
    {
      id: 'r',
      kind: 'stats_enrolment',
      color: 'red',
      params: { afterMonths: 2, inclusive: false, minInvestment: 5_000_000 },
    },
  ]);
  const facts = (p: Partial<LightFacts['project']> = {}): LightFacts => ({
    project: project({ startedOn: '2025-03-15', ...p }),
    monthly: [],
    plans: [],
  });
  it('is yellow from exactly one month after the start (inclusive)', () => {
    expect(colorOf(rs, facts(), '2025-04-14')).toBe('green');
    const ev = evaluateLights(rs, facts(), '2025-04-15');
    expect(ev.color).toBe('yellow');
    expect(ev.fired[0]!.figures).toMatchObject({
      startedOn: '2025-03-15',
      thresholdOn: '2025-04-15',
      daysSinceStart: 31,
    });
  });
  it('is red only after more than two months (exclusive)', () => {
    expect(colorOf(rs, facts(), '2025-05-15')).toBe('yellow');
    expect(colorOf(rs, facts(), '2025-05-16')).toBe('red');
  });
  it('is cleared by enrolment and skips projects below the statistics threshold', () => {
    expect(colorOf(rs, facts({ statsEnrolledOn: '2025-04-20' }), '2025-06-01')).toBe('green');
    expect(colorOf(rs, facts({ statsEnrolledOn: '2025-07-01' }), '2025-06-01')).toBe('red');
    expect(colorOf(rs, facts({ totalInvestment: 4_000_000 }), '2025-06-01')).toBe('green');
    expect(colorOf(rs, facts({ totalInvestment: 5_000_000 }), '2025-06-01')).toBe('red');
  });
  it('adds calendar months, clamped to the month end', () => {
    expect(addMonthsToDate('2025-01-31', 1)).toBe('2025-02-28');
    expect(addMonthsToDate('2024-01-31', 1)).toBe('2024-02-29');
    expect(addMonthsToDate('2025-11-30', 3)).toBe('2026-02-28');
  });
});

describe('consecutive_months (the base condition held N monthly reports in a row → escalate)', () => {
  const rs = ruleSet([
    { id: 'behind', kind: 'pp_gap', color: 'yellow', params: { gte: 10 } },
    {
      id: 'repeat',
      kind: 'consecutive_months',
      color: 'red',
      params: { baseRuleIds: ['behind'], months: 3 },
    },
  ]);
  const withReports = (reports: Array<[string, number]>): LightFacts => ({
    project: project({ startedOn: '2024-12-01' }),
    monthly: reports.map(([month, ytd]) => ({ month, ytd })),
    plans: [{ year: 2025, planInvestment: 12_000_000, curve: null }],
  });
  it('escalates to red when the base held in each of the last three reports', () => {
    // April 33.3% target, May 41.7%, June 50%: 2.0M, 3.0M, 4.0M are each ≥ 10 pp behind
    const ev = evaluateLights(
      rs,
      withReports([
        ['2025-04', 2_000_000],
        ['2025-05', 3_000_000],
        ['2025-06', 4_000_000],
      ]),
      AS_OF,
    );
    expect(ev.color).toBe('red');
    expect(ev.fired.map((f) => f.ruleId)).toEqual(['repeat', 'behind']);
    expect(ev.fired[0]!.figures.months).toEqual(['2025-04', '2025-05', '2025-06']);
  });
  it('stays yellow when one of the months was on track', () => {
    const ev = evaluateLights(
      rs,
      withReports([
        ['2025-04', 2_000_000],
        ['2025-05', 5_000_000],
        ['2025-06', 4_000_000],
      ]),
      AS_OF,
    );
    expect(ev.color).toBe('yellow');
  });
  it('treats a missing report as no progress since the last one', () => {
    expect(
      colorOf(
        rs,
        withReports([
          ['2025-04', 2_000_000],
          ['2025-06', 4_000_000],
        ]),
      ),
    ).toBe('red');
  });
  it('works over date-based bases too (evaluated at each month end)', () => {
    const start = ruleSet([
      { id: 'late', kind: 'start_overdue', color: 'yellow', params: {} },
      { id: 'late2', kind: 'consecutive_months', color: 'red', params: { baseRuleIds: ['late'], months: 2 } },
    ]);
    const facts: LightFacts = { project: project({ plannedStartOn: '2025-05-20' }), monthly: [], plans: [] };
    expect(colorOf(start, facts, '2025-07-15')).toBe('red'); // evaluated June (end 06-30) and May (end 05-31)
    expect(
      colorOf(start, { ...facts, project: project({ plannedStartOn: '2025-06-05' }) }, '2025-07-15'),
    ).toBe('yellow');
  });
});

describe('the whole evaluation', () => {
  const rs = { params: RuleSetParams.parse(DEFAULT_RULE_SET_PARAMS) };
  it('the default rule set is valid and cites a source for every rule', () => {
    expect(rs.params.rules.length).toBeGreaterThanOrEqual(6);
    for (const r of rs.params.rules) expect(r.source).toBeTruthy();
    expect(new Set(rs.params.rules.map((r) => r.kind))).toEqual(
      new Set(['pp_gap', 'ratio', 'consecutive_months', 'start_overdue', 'stats_enrolment']),
    );
  });
  it('takes the worst colour of everything that fired', () => {
    const facts: LightFacts = {
      ...june(4_800_000),
      monthly: [
        { month: '2025-05', ytd: 4_200_000 },
        { month: '2025-06', ytd: 4_800_000 },
      ], // May on track: no 3-month streak
      project: project({ startedOn: '2025-03-01', statsEnrolledOn: null, totalInvestment: 50_000_000 }),
    };
    const ev = evaluateLights(rs, facts, AS_OF);
    expect(ev.color).toBe('red'); // started 4 months ago, not enrolled
    expect(ev.fired.map((f) => f.ruleId)).toEqual(['stats-red', 'progress-yellow', 'stats-yellow']);
  });
  it('green when nothing fires', () => {
    expect(evaluateLights(rs, june(6_000_000), AS_OF)).toMatchObject({
      color: 'green',
      assessed: true,
      fired: [],
    });
  });
  it('does not assess terminated, suspended, completed or not-yet-signed projects', () => {
    for (const [p, reason] of [
      [{ terminated: true }, 'terminated'],
      [{ suspended: true }, 'suspended'],
      [{ completedOn: '2025-06-30' }, 'completed'],
    ] as const) {
      expect(evaluateLights(rs, { ...june(0), project: project(p) }, AS_OF)).toMatchObject({
        color: null,
        assessed: false,
        notAssessedReason: reason,
      });
    }
    expect(
      evaluateLights(rs, { project: project({ signedOn: null }), monthly: [], plans: [] }, AS_OF)
        .notAssessedReason,
    ).toBe('not_signed');
  });
  it('signs what fired so repeats can be told from changes', () => {
    const a = evaluateLights(rs, june(4_800_000), AS_OF);
    const b = evaluateLights(rs, june(4_700_000), AS_OF);
    expect(firedKey('rs', 1, a, null)).toBe(firedKey('rs', 1, b, null)); // other figures, same rules
    expect(firedKey('rs', 2, a, null)).not.toBe(firedKey('rs', 1, a, null));
    expect(firedKey('rs', 1, a, 'o1')).not.toBe(firedKey('rs', 1, a, null));
  });
});

describe('rule-set validation', () => {
  it('rejects duplicate ids, unknown or nested bases, and bands without a bound', () => {
    const label = { zh: 'x', en: 'x' };
    expect(() =>
      RuleSetParams.parse({
        rules: [
          { id: 'a', kind: 'pp_gap', color: 'red', label, params: { gt: 1 } },
          { id: 'a', kind: 'pp_gap', color: 'red', label, params: { gt: 2 } },
        ],
      }),
    ).toThrow();
    expect(() =>
      RuleSetParams.parse({
        rules: [
          {
            id: 'c',
            kind: 'consecutive_months',
            color: 'red',
            label,
            params: { baseRuleIds: ['nope'], months: 2 },
          },
        ],
      }),
    ).toThrow();
    expect(() =>
      RuleSetParams.parse({
        rules: [
          {
            id: 'c',
            kind: 'consecutive_months',
            color: 'red',
            label,
            params: { baseRuleIds: ['c'], months: 2 },
          },
        ],
      }),
    ).toThrow();
    expect(() =>
      RuleSetParams.parse({ rules: [{ id: 'a', kind: 'ratio', color: 'red', label, params: {} }] }),
    ).toThrow();
  });
});

describe('money as documents show it', () => {
  it('uses 亿元 for large amounts and 万元 below', () => {
    expect(formatYuanZh(230_000_000_000)).toBe('2300亿元');
    expect(formatYuanZh(120_000_000)).toBe('1.2亿元');
    expect(formatYuanZh(48_000_000)).toBe('4800万元');
    expect(formatYuanZh(5_000)).toBe('5000元');
    expect(toWan(123_456_789)).toBe(12345.68);
  });
});
