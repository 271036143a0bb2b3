import type { z } from 'zod';
import {
  ScoringParams,
  type Changes,
  type Finding,
  type FindingCreate,
  type FindingListQuery,
  type FindingUpdate,
  type PeriodLock,
  type Report,
  type RuleSet,
  type RuleSetCreate,
  type RuleSetUpdate,
  type Scores,
  type SoeKpiKey,
} from '../../../../contracts/schemas/reform';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, type Page } from '../../core/listing';
import type { Executor } from '../../db/database';
import { addDays, cstDate, endOfCstDay, expectedPeriods, monthRange, scoreWindow } from './reform.cadence';
import { hasMeasuredSources, measureSoeKpi, measureTarget } from './reform.indicators';
import { isReformOffice } from './reform.policy';
import {
  effectiveStatus,
  parseJson,
  presentFinding,
  presentLock,
  presentRuleSet,
  unitName,
} from './reform.presenter';
import { buildBoard, presentReports, readSnapshot, type Snapshot } from './reform.reporting.service';
import * as repo from './reform.repository';
import {
  DEFAULT_SCORING_PARAMS,
  describeMethod,
  scoreTask,
  scoreUnits,
  type TaskFacts,
} from './reform.scoring';
import { loadSettings, loadTask, today, type Deps } from './reform.service';
import type { ReformRuleSetTable } from './reform.table';

// ── rule sets ───────────────────────────────────────────────────────────────────────────────────

export async function listRuleSets(deps: Deps, actor: Actor): Promise<RuleSet[]> {
  requirePermission(actor, 'reform:read');
  return (await repo.listRuleSets(deps.db)).map((r) => presentRuleSet(actor, r));
}

export async function createRuleSet(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof RuleSetCreate>,
): Promise<RuleSet> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
      throw ruleViolation('失效日期不能早于生效日期', 'The end date cannot be before the start date', {
        field: 'effectiveTo',
      });
    const at = nowIso();
    const row: ReformRuleSetTable = {
      id: newId(),
      name: input.name,
      issuer: input.issuer ?? null,
      doc_no: input.docNo ?? null,
      effective_from: input.effectiveFrom,
      effective_to: input.effectiveTo ?? null,
      status: 'draft',
      params: JSON.stringify(input.params),
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertRuleSet(trx, row);
    await recordAudit(trx, actor, {
      entity: 'reform_rule_set',
      entityId: row.id,
      action: 'create',
      after: row,
    });
    return presentRuleSet(actor, row);
  });
}

export async function updateRuleSet(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof RuleSetUpdate>,
): Promise<RuleSet> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRuleSet(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentRuleSet(actor, before) },
      );
    if (before.status !== 'draft')
      throw ruleViolation(
        '已启用或已停用的规则集不能修改，请新建一个版本',
        'An active or retired rule set cannot change; create a new version',
        { field: 'status' },
      );
    const set: Partial<ReformRuleSetTable> = { updated_at: nowIso() };
    if (input.name !== undefined) set.name = input.name;
    if (input.issuer !== undefined) set.issuer = input.issuer;
    if (input.docNo !== undefined) set.doc_no = input.docNo;
    if (input.effectiveFrom !== undefined) set.effective_from = input.effectiveFrom;
    if (input.effectiveTo !== undefined) set.effective_to = input.effectiveTo;
    if (input.params !== undefined) set.params = JSON.stringify(input.params);
    const from = set.effective_from ?? before.effective_from;
    const to = set.effective_to !== undefined ? set.effective_to : before.effective_to;
    if (to && to < from)
      throw ruleViolation('失效日期不能早于生效日期', 'The end date cannot be before the start date', {
        field: 'effectiveTo',
      });
    if (!(await repo.updateRuleSet(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'reform_rule_set',
      entityId: id,
      action: 'update',
      before,
      after: { ...before, ...set },
    });
    return presentRuleSet(actor, (await repo.findRuleSet(trx, id))!);
  });
}

export async function setRuleSetStatus(
  deps: Deps,
  actor: Actor,
  id: string,
  status: 'active' | 'retired',
): Promise<RuleSet> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findRuleSet(trx, id);
    if (!before) throw notFound();
    if (before.status === status) return presentRuleSet(actor, before);
    if (!ScoringParams.safeParse(parseJson(before.params, null)).success)
      throw ruleViolation('规则集参数无效', 'The rule set parameters are invalid', { field: 'params' });
    await repo.updateRuleSet(trx, id, before.version, { status, updated_at: nowIso() });
    await recordAudit(trx, actor, {
      entity: 'reform_rule_set',
      entityId: id,
      action: status === 'active' ? 'approve' : 'update',
      before: { status: before.status },
      after: { status },
    });
    return presentRuleSet(actor, (await repo.findRuleSet(trx, id))!);
  });
}

// ── 督察 findings ───────────────────────────────────────────────────────────────────────────────

export async function listFindings(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof FindingListQuery>,
): Promise<Page<Finding>> {
  requirePermission(actor, 'reform:read');
  const visible = isReformOffice(actor) ? null : await repo.visibleTaskIds(deps.db, actor);
  const { rows, total } = await repo.listFindings(deps.db, q, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });
  // findings are published with the scores; one on a task outside the caller's scope shows without the task
  return {
    data: rows.map((f) =>
      presentFinding(actor, visible && f.task_id && !visible.has(f.task_id) ? { ...f, task_title: null } : f),
    ),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

export async function createFinding(
  deps: Deps,
  actor: Actor,
  input: z.infer<typeof FindingCreate>,
): Promise<Finding> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    let unitId = input.unitId;
    let regionCode: string;
    if (input.taskId) {
      const t = await loadTask(trx, actor, input.taskId);
      unitId = unitId ?? t.lead_unit_id;
      regionCode = t.region_code;
    } else {
      if (!unitId)
        throw ruleViolation('请指定任务或被扣分单位', 'Name the task or the unit', { field: 'unitId' });
      const [u] = await repo.findUnits(trx, [unitId]);
      if (!u) throw ruleViolation('单位不存在', 'The unit does not exist', { field: 'unitId' });
      regionCode = u.region_code;
    }
    const [u] = await repo.findUnits(trx, [unitId!]);
    if (!u) throw ruleViolation('单位不存在', 'The unit does not exist', { field: 'unitId' });
    const at = nowIso();
    const row = {
      id: newId(),
      task_id: input.taskId ?? null,
      unit_id: unitId!,
      found_on: input.foundOn,
      title: input.title,
      description: input.description ?? null,
      points: input.points,
      region_code: regionCode,
      created_by: actor.userId,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertFindings(trx, [row]);
    await recordAudit(trx, actor, {
      entity: 'reform_finding',
      entityId: row.id,
      action: 'create',
      regionCode,
      after: row,
    });
    return presentFinding(actor, (await repo.findFinding(trx, row.id))!);
  });
}

export async function updateFinding(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof FindingUpdate>,
): Promise<Finding> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const before = await repo.findFinding(trx, id);
    if (!before) throw notFound();
    if (before.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: before.version },
        { current: presentFinding(actor, before) },
      );
    const set = {
      ...(input.foundOn !== undefined ? { found_on: input.foundOn } : {}),
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.points !== undefined ? { points: input.points } : {}),
      updated_at: nowIso(),
    };
    if (!(await repo.updateFinding(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'reform_finding',
      entityId: id,
      action: 'update',
      regionCode: before.region_code,
      before,
      after: { ...before, ...set },
    });
    return presentFinding(actor, (await repo.findFinding(trx, id))!);
  });
}

export async function deleteFinding(deps: Deps, actor: Actor, id: string): Promise<void> {
  requirePermission(actor, 'reform:verify');
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findFinding(trx, id);
    if (!before) throw notFound();
    await repo.deleteFinding(trx, id);
    await recordAudit(trx, actor, {
      entity: 'reform_finding',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before,
    });
  });
}

// ── scores ──────────────────────────────────────────────────────────────────────────────────────

async function ruleSetFor(db: Executor, window: { from: string; to: string }) {
  const row = await repo.ruleSetInForce(db, window.from, window.to);
  const parsed = row ? ScoringParams.safeParse(parseJson(row.params, null)) : null;
  if (row && parsed?.success)
    return {
      params: parsed.data,
      meta: {
        ruleSetId: row.id,
        ruleSetName: row.name,
        docNo: row.doc_no,
        ruleSetVersion: row.version,
        effectiveFrom: row.effective_from,
      },
    };
  return {
    params: DEFAULT_SCORING_PARAMS,
    meta: {
      ruleSetId: null,
      ruleSetName: '默认考核规则（未配置规则集） / Default rules (no rule set configured)',
      docNo: null,
      ruleSetVersion: 0,
      effectiveFrom: null,
    },
  };
}

/** Scores of every task and lead unit for a period, city-wide (callers filter the task list by scope). */
export async function computeScores(db: Executor, period: string): Promise<Scores> {
  const w = scoreWindow(period);
  if (!w)
    throw ruleViolation(`考核期 ${period} 无效`, `${period} is not a valid period`, { field: 'period' });
  const t0 = today();
  // a running period is scored as of today (closures count at once); reports due today are not late yet
  const asOf = w.to < t0 ? w.to : t0;
  const reportsUntil = w.to < t0 ? w.to : addDays(t0, -1);
  const { params, meta } = await ruleSetFor(db, w);
  const s = await loadSettings(db);
  // every task started by the window's end and not closed before it (the task's own dates, not when it was entered)
  const tasks = (await repo.allTasks(db, null, {}, t0)).filter(
    (t) => t.start_on <= w.to && !(t.closed_at && cstDate(t.closed_at) < w.from),
  );
  const ids = tasks.map((t) => t.id);
  const [ms, tg, reports, findings] = await Promise.all([
    repo.milestonesOf(db, ids),
    repo.targetsOf(db, ids),
    repo.reportsOfTasks(db, ids, w.from, w.to),
    repo.findingsBetween(db, w.from, w.to),
  ]);
  const facts: TaskFacts[] = [];
  for (const t of tasks) {
    const closedOn = t.closed_at ? cstDate(t.closed_at) : null;
    const expected = expectedPeriods(
      { cadence: t.cadence, startOn: t.start_on, closedOn },
      w.from,
      reportsUntil,
      s,
    );
    const targets = [];
    for (const x of tg.get(t.id) ?? []) {
      let actual = x.actual;
      if (hasMeasuredSources()) {
        const measured = x.indicator_code
          ? await measureTarget(
              db,
              x.indicator_code,
              period,
              t.region_code,
              parseJson(x.indicator_params, null),
            )
          : x.soe_kpi && t.soe_credit_code
            ? await measureSoeKpi(
                db,
                t.soe_credit_code,
                x.soe_kpi as SoeKpiKey,
                Number(period.slice(0, 4)),
                x.unit,
              )
            : null;
        if (measured !== null) actual = measured;
      }
      targets.push({ baseline: x.baseline, target: x.target, actual, direction: x.direction });
    }
    facts.push({
      taskId: t.id,
      code: t.code,
      title: t.title,
      leadUnitId: t.lead_unit_id,
      leadUnitName: unitName(t.lead_unit_full_name, t.lead_unit_short_name),
      task: { dueOn: t.due_on, doneOn: t.done_on, closedOn },
      milestones: (ms.get(t.id) ?? []).map((m) => ({
        dueOn: m.due_on,
        doneOn: m.done_on,
        closedOn: m.closed_at ? cstDate(m.closed_at) : null,
      })),
      reports: expected.map((p) => {
        const r = reports.find((x) => x.task_id === t.id && x.period === p.period);
        return { dueOn: p.dueOn, filedOn: r?.first_submitted_at ? cstDate(r.first_submitted_at) : null };
      }),
      targets,
      isFirst: Boolean(t.is_first),
      isReplicated: Boolean(t.is_replicated),
      findingPoints: findings.filter((f) => f.task_id === t.id).map((f) => f.points),
    });
  }
  const taskScores = facts
    .map((f) => scoreTask(f, { from: w.from, to: asOf }, params))
    .sort((a, b) => b.score - a.score || (a.code ?? '').localeCompare(b.code ?? ''));
  const unitFindings = new Map<string, number[]>();
  for (const f of findings.filter((x) => !x.task_id))
    unitFindings.set(f.unit_id, [...(unitFindings.get(f.unit_id) ?? []), f.points]);
  const units = scoreUnits(taskScores, unitFindings, params);
  return {
    period,
    window: { from: w.from, to: w.to },
    locked: false,
    lockedAt: null,
    method: { ...meta, params, ...describeMethod(params) },
    tasks: taskScores,
    units,
  };
}

export async function getScores(deps: Deps, actor: Actor, period: string): Promise<Scores> {
  requirePermission(actor, 'reform:read');
  let scores: Scores;
  if (/^\d{4}-\d{2}$/.test(period) && (await readSnapshot(deps.db, period))) {
    const snap = (await readSnapshot(deps.db, period))!;
    scores = { ...(snap.snapshot.scores as Scores), locked: true, lockedAt: snap.lockedAt };
  } else {
    scores = await computeScores(deps.db, period);
  }
  // the unit ranking is published; the task list follows the caller's scope
  const visible = await repo.visibleTaskIds(deps.db, actor);
  return { ...scores, tasks: scores.tasks.filter((t) => visible.has(t.taskId)) };
}

// ── task states at the end of a month (the changes view and the lock snapshot) ──────────────────

type TaskState = Snapshot['tasks'][number] & { code: string | null; title: string; leadUnitName: string };

async function statesAt(db: Executor, month: string, scores: Scores): Promise<TaskState[]> {
  const { endOn } = monthRange(month);
  const t0 = today();
  const asOf = endOn < t0 ? endOn : t0;
  const until = endOfCstDay(asOf);
  const tasks = (await repo.allTasks(db, null, {}, t0)).filter((t) => t.created_at <= until);
  const ms = await repo.milestonesOf(
    db,
    tasks.map((t) => t.id),
  );
  const statusEvents = await repo.statusEventsUntil(db, until);
  const lastStatus = new Map<string, string>();
  for (const e of statusEvents) if (e.to_status) lastStatus.set(e.task_id, e.to_status);
  const progress = new Map<string, number>();
  for (const r of await repo.latestFiledReports(db, asOf))
    if (r.progress_pct !== null && r.first_submitted_at && r.first_submitted_at <= until)
      progress.set(r.task_id, r.progress_pct);
  const score = new Map(scores.tasks.map((s) => [s.taskId, s.score]));
  const dayAfter = addDays(asOf, 1);
  return tasks.map((t) => {
    const stored = lastStatus.get(t.id) ?? 'not_started';
    const milestonesThen = (ms.get(t.id) ?? []).map((m) => ({
      due_on: m.due_on,
      status: (m.done_on && m.done_on <= asOf) || (m.closed_at && m.closed_at <= until) ? 'done' : 'pending',
    }));
    return {
      taskId: t.id,
      code: t.code,
      title: t.title,
      leadUnitName: unitName(t.lead_unit_full_name, t.lead_unit_short_name),
      status: effectiveStatus(stored, t.due_on, milestonesThen, dayAfter),
      progressPct: progress.get(t.id) ?? (stored === 'closed' ? 100 : null),
      score: score.get(t.id) ?? null,
    };
  });
}

// ── period lock ─────────────────────────────────────────────────────────────────────────────────

export async function listLocks(deps: Deps, actor: Actor): Promise<PeriodLock[]> {
  requirePermission(actor, 'reform:read');
  return (await repo.listLocks(deps.db)).map(presentLock);
}

const NO_ABILITIES = { update: false, submit: false, accept: false, return: false, attach: false };

/** Locks a month: its reporting board, reports, scores and task states are frozen as a snapshot. */
export async function lockPeriod(
  deps: Deps,
  actor: Actor,
  month: string,
  note: string | null,
  opts: { at?: string } = {},
): Promise<PeriodLock> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    if (month > today().slice(0, 7))
      throw ruleViolation('不能锁定尚未到来的月份', 'A future month cannot be locked', { field: 'period' });
    const existing = await repo.findLock(trx, month);
    if (existing?.status === 'locked')
      throw ruleViolation(`${month} 已锁定`, `${month} is already locked`, { field: 'period' });
    const s = await loadSettings(trx);
    const { startOn, endOn } = monthRange(month);
    const board = await buildBoard(trx, null, month, s);
    const reports: Report[] = (
      await presentReports(
        trx,
        actor,
        await repo.allReports(trx, null, { month: { from: startOn, to: endOn } }),
      )
    ).map((r) => ({
      ...r,
      abilities: NO_ABILITIES,
    }));
    const scores = await computeScores(trx, month);
    const tasks = (await statesAt(trx, month, scores)).map(
      ({ taskId, status, progressPct, score, code, title, leadUnitName }) => ({
        taskId,
        status,
        progressPct,
        score,
        code,
        title,
        leadUnitName,
      }),
    );
    const at = opts.at ?? nowIso();
    const snapshot: Snapshot = { board, reports, scores, tasks };
    const row = {
      period: month,
      status: 'locked' as const,
      locked_at: at,
      locked_by: actor.userId,
      locked_by_name: actor.displayName,
      note,
      unlocked_at: null,
      unlocked_by: null,
      unlock_reason: null,
      report_count: reports.length,
      snapshot: JSON.stringify(snapshot),
      version: (existing?.version ?? 0) + 1,
      created_at: existing?.created_at ?? at,
      updated_at: at,
    };
    await repo.upsertLock(trx, row, Boolean(existing));
    await recordAudit(trx, actor, {
      entity: 'reform_period',
      entityId: month,
      action: 'lock',
      payload: {
        period: month,
        note,
        reports: reports.length,
        tasks: tasks.length,
        units: scores.units.length,
      },
    });
    return presentLock(row);
  });
}

export async function unlockPeriod(
  deps: Deps,
  actor: Actor,
  month: string,
  reason: string,
): Promise<PeriodLock> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const l = await repo.findLock(trx, month);
    if (!l || l.status !== 'locked')
      throw ruleViolation(`${month} 未锁定`, `${month} is not locked`, { field: 'period' });
    const at = nowIso();
    await repo.updateLock(trx, month, l.version, {
      status: 'unlocked',
      unlocked_at: at,
      unlocked_by: actor.userId,
      unlock_reason: reason,
      updated_at: at,
    });
    await recordAudit(trx, actor, {
      entity: 'reform_period',
      entityId: month,
      action: 'update',
      before: { status: 'locked' },
      after: { status: 'unlocked' },
      payload: { period: month, reason },
    });
    const { snapshot: _s, created_at: _c, updated_at: _u, ...rest } = (await repo.findLock(trx, month))!;
    return presentLock(rest);
  });
}

// ── what changed since last month ───────────────────────────────────────────────────────────────

async function monthStates(db: Executor, month: string): Promise<{ locked: boolean; states: TaskState[] }> {
  const snap = await readSnapshot(db, month);
  if (snap) return { locked: true, states: snap.snapshot.tasks as TaskState[] };
  return { locked: false, states: await statesAt(db, month, await computeScores(db, month)) };
}

export async function getChanges(deps: Deps, actor: Actor, from: string, to: string): Promise<Changes> {
  requirePermission(actor, 'reform:read');
  if (from >= to)
    throw ruleViolation('起始月份应早于截止月份', '`from` must be before `to`', { field: 'from' });
  const [a, b] = await Promise.all([monthStates(deps.db, from), monthStates(deps.db, to)]);
  const visible = await repo.visibleTaskIds(deps.db, actor);
  const before = new Map(a.states.map((s) => [s.taskId, s]));
  const tasks: Changes['tasks'] = [];
  for (const s of b.states) {
    if (!visible.has(s.taskId)) continue;
    const p = before.get(s.taskId);
    const status = (p?.status ?? null) !== s.status ? { from: p?.status ?? null, to: s.status } : null;
    const progressPct =
      (p?.progressPct ?? null) !== s.progressPct ? { from: p?.progressPct ?? null, to: s.progressPct } : null;
    // a score appears or disappears when a task enters or leaves the assessment (started, closed): not a change
    const ps = p?.score ?? null;
    const score =
      ps !== null && s.score !== null && Math.abs(ps - s.score) > 0.005 ? { from: ps, to: s.score } : null;
    if (status || progressPct || score)
      tasks.push({
        taskId: s.taskId,
        code: s.code,
        title: s.title,
        leadUnitName: s.leadUnitName,
        status,
        progressPct,
        score,
      });
  }
  const fromEnd = monthRange(from).endOn;
  const toRange = monthRange(to);
  const t0 = today();
  const toEnd = toRange.endOn < t0 ? toRange.endOn : addDays(t0, -1);
  const blockers = await repo.blockersOf(deps.db, [...visible]);
  const titles = new Map((await repo.allTasks(deps.db, actor, {}, t0)).map((t) => [t.id, t.title]));
  const inTo = (iso: string | null) =>
    iso !== null && cstDate(iso) > fromEnd && cstDate(iso) <= toRange.endOn;
  const overdue = (await repo.milestonesDueBetween(deps.db, addDays(fromEnd, 1), toEnd)).filter(
    (m) => visible.has(m.task_id) && !(m.done_on && m.done_on <= toEnd),
  );
  return {
    from,
    to,
    fromLocked: a.locked,
    toLocked: b.locked,
    tasks,
    newBlockers: blockers
      .filter((p) => inTo(p.raised_at))
      .map((p) => ({
        problemId: p.id,
        taskId: p.entity_id,
        taskTitle: titles.get(p.entity_id) ?? '',
        title: p.title,
        status: p.status,
        raisedAt: p.raised_at,
      })),
    closedBlockers: blockers
      .filter((p) => inTo(p.closed_at))
      .map((p) => ({
        problemId: p.id,
        taskId: p.entity_id,
        taskTitle: titles.get(p.entity_id) ?? '',
        title: p.title,
        status: p.status,
        closedAt: p.closed_at,
      })),
    newOverdueMilestones: overdue.map((m) => ({
      milestoneId: m.id,
      taskId: m.task_id,
      taskTitle: m.task_title,
      title: m.title,
      dueOn: m.due_on,
    })),
  };
}
