import { describe, expect, it } from 'vitest';
import { ScoringParams } from '../../../../contracts/schemas/reform';
import {
  achievement,
  DEFAULT_SCORING_PARAMS,
  describeMethod,
  rankUnits,
  scoreTask,
  scoreUnits,
  type TaskFacts,
} from './reform.scoring';

const P = DEFAULT_SCORING_PARAMS; // completion 40, timeliness 25, outcomes 20, innovation 15; first 100, replicated 60; late 0.5; caps 20
const W = { from: '2025-06-01', to: '2025-06-30' };
const base = (over: Partial<TaskFacts>): TaskFacts => ({
  taskId: 'x',
  code: null,
  title: 'x',
  leadUnitId: 'U1',
  leadUnitName: 'U1',
  task: { dueOn: '2025-12-31', doneOn: null, closedOn: null },
  milestones: [],
  reports: [],
  targets: [],
  isFirst: false,
  isReplicated: false,
  findingPoints: [],
  ...over,
});

// Task A (hand-computed):
//  completion: M1 (due 05-31, closed 06-03) and M2 (due 06-30, done 06-28, not closed) are due by 06-30; one closed → 50
//  timeliness: June report filed 06-24 ≤ 06-25, M2 done 06-28 ≤ 06-30 → 2 of 2 on time → 100
//  outcomes: (15−10)/(20−10) = 0.5 and (10−4)/(10−5) = 1.2 → capped 1 → mean 0.75 → 75
//  innovation: replicated → 60; deductions 3 + 2 = 5
//  score = (40×50 + 25×100 + 20×75 + 15×60) / 100 − 5 = 69 − 5 = 64
const A = base({
  taskId: 'A',
  leadUnitId: 'U1',
  leadUnitName: '甲单位',
  milestones: [
    { dueOn: '2025-05-31', doneOn: '2025-05-30', closedOn: '2025-06-03' },
    { dueOn: '2025-06-30', doneOn: '2025-06-28', closedOn: null },
    { dueOn: '2025-09-30', doneOn: null, closedOn: null },
  ],
  reports: [{ dueOn: '2025-06-25', filedOn: '2025-06-24' }],
  targets: [
    { baseline: 10, target: 20, actual: 15, direction: 'increase' },
    { baseline: 10, target: 5, actual: 4, direction: 'decrease' },
  ],
  isReplicated: true,
  findingPoints: [3, 2],
});
// Task B: closed 06-20 (declared done 06-18, three days after its 06-15 deadline), a first, no targets
//  completion 100; timeliness: the deadline item was done late but within June → 0.5 → 50; outcomes n/a
//  score = (40×100 + 25×50 + 15×100) / (40 + 25 + 15) = 6750 / 80 = 84.375 → 84.38
const B = base({
  taskId: 'B',
  leadUnitId: 'U2',
  leadUnitName: '乙单位',
  task: { dueOn: '2025-06-15', doneOn: '2025-06-18', closedOn: '2025-06-20' },
  isFirst: true,
});
// Task C: nothing due yet, no reports: completion 100, timeliness 100, replicated 60 → (4000 + 2500 + 900) / 80 = 92.5
const C = base({ taskId: 'C', leadUnitId: 'U2', leadUnitName: '乙单位', isReplicated: true });

describe('assessment rule set', () => {
  it('scores a task by the weighted components minus deductions (hand-computed)', () => {
    const a = scoreTask(A, W, P);
    expect(a.breakdown).toEqual({
      completion: 50,
      timeliness: 100,
      outcomes: 75,
      innovation: 60,
      deductions: 5,
    });
    expect(a.score).toBe(64);
    expect(a.facts).toMatchObject({
      itemsDue: 2,
      itemsDone: 1,
      timelyExpected: 2,
      timelyOnTime: 2,
      timelyLate: 0,
      targets: 2,
      findings: 2,
    });
  });

  it('spreads the outcomes weight when a task has no targets; late items earn the late credit', () => {
    const b = scoreTask(B, W, P);
    expect(b.breakdown).toEqual({
      completion: 100,
      timeliness: 50,
      outcomes: null,
      innovation: 100,
      deductions: 0,
    });
    expect(b.score).toBe(84.38);
    expect(scoreTask(C, W, P).score).toBe(92.5);
  });

  it('an unfiled report and an overdue milestone earn nothing', () => {
    const f = base({
      milestones: [{ dueOn: '2025-06-10', doneOn: null, closedOn: null }],
      reports: [{ dueOn: '2025-06-25', filedOn: null }],
    });
    const s = scoreTask(f, W, P);
    expect(s.breakdown.completion).toBe(0);
    expect(s.breakdown.timeliness).toBe(0);
    expect(s.score).toBe(0);
    // filed after the window's end: still nothing for this window
    expect(
      scoreTask(base({ reports: [{ dueOn: '2025-06-25', filedOn: '2025-07-02' }] }), W, P).breakdown
        .timeliness,
    ).toBe(0);
  });

  it('caps the deductions and never goes below zero', () => {
    const s = scoreTask(base({ findingPoints: [15, 15] }), W, P);
    expect(s.breakdown.deductions).toBe(20);
    expect(s.score).toBe(61.25); // (4000 + 2500) / 80 − 20
    expect(
      scoreTask(
        base({
          milestones: [{ dueOn: '2025-06-01', doneOn: null, closedOn: null }],
          reports: [{ dueOn: '2025-06-25', filedOn: null }],
          findingPoints: [50],
        }),
        W,
        P,
      ).score,
    ).toBe(0);
  });

  it('another rule set changes the result', () => {
    const p2 = {
      ...P,
      weights: { completion: 70, timeliness: 10, outcomes: 10, innovation: 10 },
      lateCredit: 0,
    };
    expect(ScoringParams.safeParse(p2).success).toBe(true);
    // A: (70×50 + 10×100 + 10×75 + 10×60)/100 − 5 = 58.5 − 5
    expect(scoreTask(A, W, p2).score).toBe(53.5);
    expect(scoreTask(B, W, p2).breakdown.timeliness).toBe(0);
    expect(ScoringParams.safeParse({ ...P, weights: { ...P.weights, completion: 50 } }).success).toBe(false);
  });

  it('scores and ranks the lead units', () => {
    const tasks = [A, B, C].map((f) => scoreTask(f, W, P));
    const units = scoreUnits(tasks, new Map([['U1', [30]]]), P);
    // U2: mean(84.38, 92.5) = 88.44; U1: 64 − min(20, 30) = 44
    expect(units.map((u) => [u.unit.id, u.score, u.rank, u.taskCount])).toEqual([
      ['U2', 88.44, 1, 2],
      ['U1', 44, 2, 1],
    ]);
    expect(units[1]!.breakdown.deductions).toBe(25);
    expect(units[0]!.breakdown.outcomes).toBeNull();
  });

  it('equal scores share a rank and the next rank is skipped', () => {
    const u = (name: string, score: number) => ({ unit: { id: name, name }, score, rank: 0 });
    expect(
      rankUnits([u('丙', 70), u('甲', 80), u('乙', 80), u('丁', 60)]).map((x) => [x.unit.name, x.rank]),
    ).toEqual([
      ['甲', 1], // equal scores: by name (pinyin order)
      ['乙', 1],
      ['丙', 3],
      ['丁', 4],
    ]);
  });

  it('target achievement', () => {
    expect(achievement({ baseline: null, target: 200, actual: 150, direction: 'increase' })).toBe(0.75);
    expect(achievement({ baseline: null, target: 90, actual: 120, direction: 'decrease' })).toBe(0.75);
    expect(achievement({ baseline: null, target: 90, actual: 80, direction: 'decrease' })).toBe(1);
    expect(achievement({ baseline: 150, target: 90, actual: 96, direction: 'decrease' })).toBe(0.9);
    expect(achievement({ baseline: 10, target: 20, actual: 5, direction: 'increase' })).toBe(0);
    expect(achievement({ baseline: 10, target: 20, actual: null, direction: 'increase' })).toBeNull();
  });

  it('describes the method in both languages with the weights', () => {
    const m = describeMethod(P);
    expect(m.components.map((c) => [c.key, c.weight])).toEqual([
      ['completion', 40],
      ['timeliness', 25],
      ['outcomes', 20],
      ['innovation', 15],
      ['deductions', null],
    ]);
    expect(m.formula.zh).toContain('完成率×40');
    expect(m.formula.en).toContain('completion×40');
  });
});
