import { describe, expect, it } from 'vitest';
import type { DataScope, Permission } from '../../../../contracts/abilities';
import {
  PROBLEM_ACTIONS,
  PROBLEM_STATUSES,
  type ProblemStatus,
} from '../../../../contracts/schemas/problems';
import type { Actor } from '../../core/access/actor';
import {
  TRANSITIONS,
  inUnit,
  isOverdue,
  nextStatus,
  pickTransition,
  rolesOf,
  type ProblemFacts,
} from './problems.machine';
import { problemAbilities } from './problems.policy';

const actor = (o: {
  userId: string;
  unit: string;
  path: string;
  region: string;
  scope: DataScope;
  perms?: Permission[];
}): Actor => ({
  userId: o.userId,
  username: o.userId,
  displayName: o.userId,
  unitId: o.unit,
  unitPath: o.path,
  regionCode: o.region,
  permissions: new Set<Permission>(o.perms ?? ['problem:read', 'problem:manage']),
  scopes: new Set([o.scope]),
  resourceScopes: { problem: [o.scope] },
  taskForceIds: [],
  locale: 'zh-CN',
});

// 京口 raised it; 商务局 owns it; 工信局 co-operates; 发改委 coordinates city-wide
const raiser = actor({ userId: 'jk', unit: 'u-jk', path: '/zj/u-jk/', region: '321102', scope: 'district' });
const owner = actor({ userId: 'sw', unit: 'u-sw', path: '/zj/u-sw/', region: '321100', scope: 'unit_tree' });
const ownerChild = actor({
  userId: 'sw2',
  unit: 'u-sw-1',
  path: '/zj/u-sw/u-sw-1/',
  region: '321100',
  scope: 'unit_tree',
});
const coUnit = actor({ userId: 'gx', unit: 'u-gx', path: '/zj/u-gx/', region: '321100', scope: 'unit_tree' });
const drc = actor({ userId: 'fg', unit: 'u-fg', path: '/zj/u-fg/', region: '321100', scope: 'all' });
const jingkouPeer = actor({
  userId: 'jk2',
  unit: 'u-jk',
  path: '/zj/u-jk/',
  region: '321102',
  scope: 'district',
});
const danyang = actor({ userId: 'dy', unit: 'u-dy', path: '/zj/u-dy/', region: '321181', scope: 'district' });
const reader = actor({
  userId: 'ld',
  unit: 'zj',
  path: '/zj/',
  region: '321100',
  scope: 'all',
  perms: ['problem:read'],
});

const problem = (status: ProblemStatus, o: Partial<ProblemFacts> = {}): ProblemFacts => ({
  status,
  raised_by: 'jk',
  owner_unit_id: 'u-sw',
  region_code: '321102',
  escalation_level: 1,
  held_from: null,
  ...o,
});
const CO = ['u-gx'];
const allowed = (a: Actor, action: (typeof PROBLEM_ACTIONS)[number], p: ProblemFacts) =>
  pickTransition(action, p, rolesOf(a, p, CO), 4);

describe('who is who on a problem', () => {
  it('derives the roles from the record and the actor', () => {
    expect([...rolesOf(raiser, problem('assigned'), CO)].sort()).toEqual(['coordinator', 'raiser']);
    expect([...rolesOf(jingkouPeer, problem('assigned'), CO)]).toEqual(['coordinator']); // same district, not the raiser
    expect([...rolesOf(danyang, problem('assigned'), CO)]).toEqual([]);
    expect([...rolesOf(owner, problem('assigned'), CO)]).toEqual(['owner']);
    expect([...rolesOf(ownerChild, problem('assigned'), CO)]).toEqual(['owner']); // a unit below the owner unit
    expect([...rolesOf(coUnit, problem('assigned'), CO)]).toEqual(['co_unit']);
    expect([...rolesOf(drc, problem('assigned'), CO)].sort()).toEqual(['coordinator', 'supervisor']);
    expect(rolesOf(reader, problem('assigned'), CO).size).toBe(0); // reading is not handling
    expect(inUnit(owner, null)).toBe(false);
  });
});

describe('the transition table', () => {
  it('names a valid status for every row and covers every action', () => {
    for (const t of TRANSITIONS) {
      for (const f of t.from) expect(PROBLEM_STATUSES).toContain(f);
      if (!['same', 'held_from', 'reply'].includes(t.to)) expect(PROBLEM_STATUSES).toContain(t.to);
    }
    expect(new Set(TRANSITIONS.map((t) => t.action))).toEqual(new Set(PROBLEM_ACTIONS));
    // nothing leaves 已销号
    expect(TRANSITIONS.some((t) => t.from.includes('closed'))).toBe(false);
  });

  it('lets only the raiser or a coordinator assign, and only from 待交办 or 退回', () => {
    expect(allowed(raiser, 'assign', problem('pending')).ok).toBe(true);
    expect(allowed(drc, 'assign', problem('returned')).ok).toBe(true);
    expect(allowed(owner, 'assign', problem('pending'))).toEqual({ ok: false, why: 'role' });
    expect(allowed(danyang, 'assign', problem('pending'))).toEqual({ ok: false, why: 'role' });
    expect(allowed(raiser, 'assign', problem('in_progress'))).toEqual({ ok: false, why: 'status' });
  });

  it('lets the owner unit (and units below it) accept, reply and resolve; co-units only reply', () => {
    for (const a of ['accept', 'reply', 'resolve'] as const)
      expect(allowed(owner, a, problem('assigned')).ok).toBe(true);
    expect(allowed(ownerChild, 'resolve', problem('in_progress')).ok).toBe(true);
    expect(allowed(coUnit, 'reply', problem('in_progress')).ok).toBe(true);
    expect(allowed(coUnit, 'resolve', problem('in_progress'))).toEqual({ ok: false, why: 'role' });
    expect(allowed(raiser, 'resolve', problem('in_progress'))).toEqual({ ok: false, why: 'role' });
    expect(allowed(drc, 'accept', problem('assigned'))).toEqual({ ok: false, why: 'role' });
    expect(allowed(owner, 'accept', problem('in_progress'))).toEqual({ ok: false, why: 'status' });
  });

  it('closes only on the raiser’s (or the city supervisor’s) confirmation of a resolved problem', () => {
    expect(allowed(raiser, 'confirm_close', problem('resolved')).ok).toBe(true);
    expect(allowed(drc, 'confirm_close', problem('resolved')).ok).toBe(true);
    expect(allowed(jingkouPeer, 'confirm_close', problem('resolved'))).toEqual({ ok: false, why: 'role' }); // a district coordinator is not enough
    expect(allowed(owner, 'confirm_close', problem('resolved'))).toEqual({ ok: false, why: 'role' });
    expect(allowed(raiser, 'confirm_close', problem('in_progress'))).toEqual({ ok: false, why: 'status' });
  });

  it('returns either way: the owner hands it back, the raiser rejects a resolution', () => {
    const back = allowed(owner, 'return', problem('in_progress'));
    expect(
      back.ok &&
        nextStatus(back.transition, problem('in_progress'), rolesOf(owner, problem('in_progress'), CO)),
    ).toBe('returned');
    const reject = allowed(raiser, 'return', problem('resolved'));
    expect(
      reject.ok &&
        nextStatus(reject.transition, problem('resolved'), rolesOf(raiser, problem('resolved'), CO)),
    ).toBe('in_progress');
    expect(allowed(owner, 'return', problem('resolved'))).toEqual({ ok: false, why: 'role' });
  });

  it('holds and resumes to where it was', () => {
    expect(allowed(owner, 'hold', problem('in_progress'))).toEqual({ ok: false, why: 'role' });
    const p = problem('on_hold', { held_from: 'in_progress' });
    const resume = allowed(raiser, 'resume', p);
    expect(resume.ok && nextStatus(resume.transition, p, rolesOf(raiser, p, CO))).toBe('in_progress');
    expect(allowed(owner, 'reply', p)).toEqual({ ok: false, why: 'status' });
  });

  it('an owner’s first reply starts the work; a co-unit’s does not', () => {
    const p = problem('assigned');
    const t = TRANSITIONS.find((x) => x.action === 'reply')!;
    expect(nextStatus(t, p, rolesOf(owner, p, CO))).toBe('in_progress');
    expect(nextStatus(t, p, rolesOf(coUnit, p, CO))).toBe('assigned');
  });

  it('escalates one level at a time up to the top of the ladder', () => {
    expect(allowed(owner, 'escalate', problem('in_progress', { escalation_level: 3 })).ok).toBe(true);
    expect(allowed(raiser, 'escalate', problem('in_progress', { escalation_level: 4 }))).toEqual({
      ok: false,
      why: 'top_level',
    });
    expect(allowed(raiser, 'escalate', problem('resolved'))).toEqual({ ok: false, why: 'status' });
    expect(allowed(coUnit, 'escalate', problem('in_progress'))).toEqual({ ok: false, why: 'role' });
  });
});

describe('abilities and the overdue flag', () => {
  it('lists what the caller may do now', () => {
    expect(problemAbilities(owner, problem('assigned'), CO, 4)).toMatchObject({
      update: false,
      assign: false,
      accept: true,
      reply: true,
      resolve: true,
      confirm_close: false,
      return: true,
      hold: false,
      escalate: true,
    });
    expect(problemAbilities(raiser, problem('resolved'), CO, 4)).toMatchObject({
      update: true,
      confirm_close: true,
      return: true,
      resolve: false,
    });
    expect(
      Object.values(problemAbilities(reader, problem('assigned'), CO, 4)).every((v) => v === false),
    ).toBe(true);
    expect(problemAbilities(raiser, problem('closed'), CO, 4).update).toBe(false);
  });
  it('is overdue only while with its owner and past the deadline', () => {
    expect(isOverdue({ status: 'in_progress', due_on: '2025-03-04' }, '2025-03-05')).toBe(true);
    expect(isOverdue({ status: 'in_progress', due_on: '2025-03-05' }, '2025-03-05')).toBe(false);
    for (const s of ['resolved', 'closed', 'returned', 'on_hold', 'pending'])
      expect(isOverdue({ status: s, due_on: '2025-01-01' }, '2025-03-05')).toBe(false);
  });
});
