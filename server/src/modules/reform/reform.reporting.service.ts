import type { z } from 'zod';
import {
  TODO_KIND_LABELS,
  type Board,
  type Contribution,
  type ContributionInput,
  type ExpectedPeriod,
  type Report,
  type ReportCreate,
  type ReportListQuery,
  type ReportReview,
  type ReportUpdate,
  type ReformSettings,
  type TodoItem,
  type TodoKind,
} from '../../../../contracts/schemas/reform';
import { can, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, type Page } from '../../core/listing';
import { notifyUsers } from '../../core/notifications/notify';
import type { Db, Executor } from '../../db/database';
import {
  addDays,
  cstDate,
  daysBetween,
  expectedPeriods,
  monthRange,
  periodInfo,
  periodMatchesCadence,
} from './reform.cadence';
import { contributesTo, isReformOffice } from './reform.policy';
import {
  accessOf,
  effectiveStatus,
  parseJson,
  presentBlocker,
  presentContribution,
  presentReport,
  unitName,
} from './reform.presenter';
import { raiseBlockerProblem } from './reform.problems';
import * as repo from './reform.repository';
import {
  accessOfLoaded,
  loadSettings,
  loadTask,
  recordEvent,
  requireLead,
  requireOpen,
  setTaskStatus,
  today,
  type Deps,
  type LoadedTask,
} from './reform.service';
import type { ReformReportTable } from './reform.table';

const FILED = new Set(['submitted', 'resubmitted', 'accepted']);

// ── presenting ──────────────────────────────────────────────────────────────────────────────────

export async function presentReports(
  db: Executor,
  actor: Actor,
  rows: repo.ReportJoined[],
): Promise<Report[]> {
  if (!rows.length) return [];
  const taskIds = [...new Set(rows.map((r) => r.task_id))];
  const [tasks, co, locked] = await Promise.all([
    repo.allTasks(db, null, { ids: taskIds }, today()),
    repo.coUnitsOf(db, taskIds),
    repo.lockedMonths(db),
  ]);
  const taskById = new Map(tasks.map((t) => [t.id, t]));
  const blockerIds = rows.flatMap((r) => parseJson<string[]>(r.blocker_ids, []));
  const blockers = new Map((await repo.problemsByIds(db, blockerIds)).map((p) => [p.id, presentBlocker(p)]));
  const evidence = await repo.attachmentsOfMany(
    db,
    'reform_report',
    rows.map((r) => r.id),
  );
  const contributions = await repo.contributionsOf(
    db,
    rows.map((r) => ({ taskId: r.task_id, period: r.period })),
  );
  return rows.map((r) => {
    const t = taskById.get(r.task_id)!;
    const access = accessOf(
      t,
      (co.get(r.task_id) ?? []).map((u) => u.id),
    );
    return presentReport(actor, r, {
      access,
      blockers: parseJson<string[]>(r.blocker_ids, [])
        .map((id) => blockers.get(id))
        .filter((b): b is NonNullable<typeof b> => Boolean(b)),
      evidence: evidence.filter((a) => a.entity_id === r.id),
      contributions: (contributions.get(`${r.task_id}|${r.period}`) ?? [])
        .filter((c) => c.status === 'submitted' || c.unit_id === actor.unitId)
        .map((c) => presentContribution(actor, c)),
      locked: locked.has(r.due_on.slice(0, 7)),
    });
  });
}

async function presentOneReport(db: Executor, actor: Actor, id: string): Promise<Report> {
  const row = await repo.findReport(db, null, id);
  if (!row) throw notFound();
  return (await presentReports(db, actor, [row]))[0]!;
}

// ── reading ─────────────────────────────────────────────────────────────────────────────────────

export type Snapshot = {
  board: Board;
  reports: Report[];
  scores: unknown;
  tasks: Array<{ taskId: string; status: string; progressPct: number | null; score: number | null }>;
};

export async function readSnapshot(
  db: Executor,
  month: string,
): Promise<{ snapshot: Snapshot; lockedAt: string } | null> {
  const lock = await repo.findLock(db, month);
  if (!lock || lock.status !== 'locked') return null;
  return {
    snapshot: parseJson<Snapshot>(lock.snapshot, null as unknown as Snapshot),
    lockedAt: lock.locked_at,
  };
}

export async function listReports(
  deps: Deps,
  actor: Actor,
  q: ReportListQuery,
): Promise<Page<Report> & { locked: boolean }> {
  requirePermission(actor, 'reform:read');
  if (q.period) {
    const snap = await readSnapshot(deps.db, q.period);
    if (snap) {
      const visible = await repo.visibleTaskIds(deps.db, actor);
      const all = snap.snapshot.reports.filter(
        (r) =>
          visible.has(r.taskId) &&
          (!q.reportPeriod || r.period === q.reportPeriod) &&
          (!q.taskId || r.taskId === q.taskId) &&
          (!q.leadUnitId || r.leadUnit.id === q.leadUnitId) &&
          (!q.status || r.status === q.status) &&
          (!q.q || r.taskTitle.includes(q.q)),
      );
      const start = offsetOf(q.page, q.pageSize);
      return {
        data: all.slice(start, start + q.pageSize),
        total: all.length,
        page: q.page,
        pageSize: q.pageSize,
        locked: true,
      };
    }
  }
  const { rows, total } = await repo.listReports(
    deps.db,
    actor,
    {
      ...q,
      month: q.period ? { from: monthRange(q.period).startOn, to: monthRange(q.period).endOn } : undefined,
    },
    { limit: q.pageSize, offset: offsetOf(q.page, q.pageSize) },
  );
  return {
    data: await presentReports(deps.db, actor, rows),
    total,
    page: q.page,
    pageSize: q.pageSize,
    locked: false,
  };
}

export async function getReport(deps: Deps, actor: Actor, id: string): Promise<Report> {
  requirePermission(actor, 'reform:read');
  const row = await repo.findReport(deps.db, actor, id);
  if (!row) throw notFound();
  return presentOneReport(deps.db, actor, id);
}

/** Expected report periods of a task (default: from its start to 14 days ahead) with their report state. */
export async function taskPeriods(deps: Deps, actor: Actor, taskId: string): Promise<ExpectedPeriod[]> {
  requirePermission(actor, 'reform:read');
  const t = await loadTask(deps.db, actor, taskId);
  const s = await loadSettings(deps.db);
  return expectedFor(deps.db, [t], t.start_on, addDays(today(), s.todoWindowDays), s).then(
    (m) => m.get(taskId) ?? [],
  );
}

/** Expected periods of several tasks with due dates in [from, to], joined with their reports and contributions. */
async function expectedFor(
  db: Executor,
  tasks: Array<LoadedTask | (repo.TaskJoined & { coUnitIds: string[] })>,
  from: string,
  to: string,
  s: ReformSettings,
  asOf: string = today(),
): Promise<Map<string, ExpectedPeriod[]>> {
  const ids = tasks.map((t) => t.id);
  const [reports, contributions] = await Promise.all([
    repo.reportsOfTasks(db, ids, from, to),
    repo.submittedContributions(db, ids),
  ]);
  const t0 = asOf;
  const out = new Map<string, ExpectedPeriod[]>();
  for (const t of tasks) {
    const closedOn = t.closed_at ? cstDate(t.closed_at) : null;
    const periods = expectedPeriods({ cadence: t.cadence, startOn: t.start_on, closedOn }, from, to, s);
    // a report filed for a period that is not "expected" (e.g. the month the task closed) still shows
    const mine = reports.filter((r) => r.task_id === t.id);
    for (const r of mine)
      if (!periods.some((p) => p.period === r.period)) {
        const info = periodInfo(r.period, s);
        if (info) periods.push({ ...info, dueOn: r.due_on });
      }
    periods.sort((a, b) => (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0));
    out.set(
      t.id,
      periods.map((p) => {
        const r = mine.find((x) => x.period === p.period);
        const status = r ? r.status : 'missing';
        return {
          period: p.period,
          periodKind: p.kind,
          startOn: p.startOn,
          endOn: p.endOn,
          dueOn: p.dueOn,
          reportId: r?.id ?? null,
          status,
          overdue: !FILED.has(status) && p.dueOn < t0,
          onTime: r?.first_submitted_at ? cstDate(r.first_submitted_at) <= p.dueOn : null,
          contributionsExpected: t.coUnitIds.length,
          contributionsSubmitted: contributions.filter(
            (c) => c.task_id === t.id && c.period === p.period && t.coUnitIds.includes(c.unit_id),
          ).length,
        };
      }),
    );
  }
  return out;
}

/** The month's reporting board (催报): every task expected to report in the month and where its report stands. */
export async function buildBoard(
  db: Executor,
  actor: Actor | null,
  month: string,
  s: ReformSettings,
): Promise<Board> {
  const { startOn, endOn } = monthRange(month);
  // statuses and "overdue" as they stand at the end of the month (or today, for the running month)
  const asOf = addDays(endOn, 1) < today() ? addDays(endOn, 1) : today();
  const tasks = (await repo.allTasks(db, actor, {}, today())).filter(
    (t) => t.start_on <= endOn && (!t.closed_at || cstDate(t.closed_at) >= startOn),
  );
  const co = await repo.coUnitsOf(
    db,
    tasks.map((t) => t.id),
  );
  const ms = await repo.milestonesOf(
    db,
    tasks.map((t) => t.id),
  );
  const withCo = tasks.map((t) => ({ ...t, coUnitIds: (co.get(t.id) ?? []).map((u) => u.id) }));
  const expected = await expectedFor(db, withCo, startOn, endOn, s, asOf);
  const rows = withCo
    .map((t) => ({
      taskId: t.id,
      taskCode: t.code,
      taskTitle: t.title,
      leadUnit: { id: t.lead_unit_id, name: unitName(t.lead_unit_full_name, t.lead_unit_short_name) },
      status: effectiveStatus(t.status, t.due_on, ms.get(t.id) ?? [], asOf),
      periods: expected.get(t.id) ?? [],
    }))
    .filter((r) => r.periods.length > 0);
  const all = rows.flatMap((r) => r.periods);
  return {
    period: month,
    locked: false,
    lockedAt: null,
    counts: {
      expected: all.length,
      filed: all.filter((p) => FILED.has(p.status)).length,
      missing: all.filter((p) => p.status === 'missing' || p.status === 'draft').length,
      returned: all.filter((p) => p.status === 'returned').length,
      accepted: all.filter((p) => p.status === 'accepted').length,
    },
    rows,
  };
}

export async function getBoard(deps: Deps, actor: Actor, month: string): Promise<Board> {
  requirePermission(actor, 'reform:read');
  const snap = await readSnapshot(deps.db, month);
  if (snap) {
    const visible = await repo.visibleTaskIds(deps.db, actor);
    const rows = snap.snapshot.board.rows.filter((r) => visible.has(r.taskId));
    const all = rows.flatMap((r) => r.periods);
    return {
      ...snap.snapshot.board,
      locked: true,
      lockedAt: snap.lockedAt,
      rows,
      counts: {
        expected: all.length,
        filed: all.filter((p) => FILED.has(p.status)).length,
        missing: all.filter((p) => p.status === 'missing' || p.status === 'draft').length,
        returned: all.filter((p) => p.status === 'returned').length,
        accepted: all.filter((p) => p.status === 'accepted').length,
      },
    };
  }
  return buildBoard(deps.db, actor, month, await loadSettings(deps.db));
}

// ── writing reports ─────────────────────────────────────────────────────────────────────────────

async function assertUnlocked(db: Executor, dueOn: string) {
  const lock = await repo.findLock(db, dueOn.slice(0, 7));
  if (lock?.status === 'locked')
    throw ruleViolation(
      `${dueOn.slice(0, 7)} 已锁定，不能再修改该月的报送；如需修改请改革办先解锁`,
      `${dueOn.slice(0, 7)} is locked; the reform office must unlock it before its reports change`,
    );
}

async function checkCompletedMilestones(trx: Executor, taskId: string, ids: string[] | undefined) {
  if (!ids?.length) return;
  const ms = (await repo.milestonesOf(trx, [taskId])).get(taskId) ?? [];
  for (const id of ids) {
    const m = ms.find((x) => x.id === id);
    if (!m)
      throw ruleViolation('完成的节点不属于该任务', 'A completed milestone does not belong to this task', {
        field: 'completedMilestoneIds',
      });
    if (m.status === 'closed')
      throw ruleViolation(`节点“${m.title}”已销号`, `Milestone “${m.title}” is already closed`, {
        field: 'completedMilestoneIds',
      });
  }
}

const reportSet = (input: Partial<z.infer<typeof ReportUpdate>>) => {
  const set: Partial<ReformReportTable> = {};
  if (input.progressPct !== undefined) set.progress_pct = input.progressPct;
  if (input.progress !== undefined) set.progress = input.progress;
  if (input.outcomes !== undefined) set.outcomes = input.outcomes;
  if (input.problems !== undefined) set.problems = input.problems;
  if (input.nextSteps !== undefined) set.next_steps = input.nextSteps;
  if (input.blockers !== undefined) set.draft_blockers = JSON.stringify(input.blockers);
  if (input.completedMilestoneIds !== undefined)
    set.completed_milestone_ids = JSON.stringify([...new Set(input.completedMilestoneIds)]);
  if (input.taskCompleted !== undefined) set.task_completed = input.taskCompleted ? 1 : 0;
  return set;
};

export async function createReport(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: ReportCreate,
): Promise<Report> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, taskId);
    requireLead(actor, t);
    requireOpen(t);
    if (!periodMatchesCadence(input.period, t.cadence))
      throw ruleViolation(
        `该任务按${{ weekly: '周', monthly: '月', quarterly: '季度' }[t.cadence]}报送，报送期 ${input.period} 不符`,
        `This task reports ${t.cadence}; ${input.period} is not such a period`,
        { field: 'period' },
      );
    const s = await loadSettings(trx);
    const info = periodInfo(input.period, s);
    if (!info)
      throw ruleViolation(`报送期 ${input.period} 不存在`, `There is no period ${input.period}`, {
        field: 'period',
      });
    if (info.endOn < t.start_on)
      throw ruleViolation('报送期早于任务开始日期', 'The period ends before the task starts', {
        field: 'period',
      });
    await assertUnlocked(trx, info.dueOn);
    if (await repo.findReportByPeriod(trx, taskId, input.period))
      throw new AppError('DUPLICATE', {
        detail: { zh: `${input.period} 的进展报送`, en: `report for ${input.period}` },
      });
    await checkCompletedMilestones(trx, taskId, input.completedMilestoneIds);
    const at = nowIso();
    const row: ReformReportTable = {
      id: newId(),
      task_id: taskId,
      period: input.period,
      period_kind: info.kind,
      due_on: info.dueOn,
      status: 'draft',
      progress_pct: null,
      progress: '',
      outcomes: null,
      problems: null,
      next_steps: null,
      draft_blockers: '[]',
      blocker_ids: '[]',
      completed_milestone_ids: '[]',
      task_completed: 0,
      first_submitted_at: null,
      submitted_at: null,
      submitted_by: null,
      submit_count: 0,
      returned_at: null,
      returned_by: null,
      return_comment: null,
      accepted_at: null,
      accepted_by: null,
      region_code: t.region_code,
      created_by: actor.userId,
      version: 1,
      created_at: at,
      updated_at: at,
      ...reportSet(input),
    };
    await repo.insertReports(trx, [row]);
    await recordAudit(trx, actor, {
      entity: 'reform_report',
      entityId: row.id,
      action: 'create',
      regionCode: row.region_code,
      after: row,
    });
    if (input.submit) await submitTx(trx, actor, t, row);
    return presentOneReport(trx, actor, row.id);
  });
}

async function loadReportForWrite(trx: Executor, actor: Actor, id: string) {
  const r = await repo.findReport(trx, actor, id);
  if (!r) throw notFound();
  const t = await loadTask(trx, actor, r.task_id);
  return { r, t };
}

export async function updateReport(
  deps: Deps,
  actor: Actor,
  id: string,
  input: ReportUpdate,
): Promise<Report> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const { r, t } = await loadReportForWrite(trx, actor, id);
    requireLead(actor, t);
    requireOpen(t);
    await assertUnlocked(trx, r.due_on);
    if (r.status !== 'draft' && r.status !== 'returned')
      throw ruleViolation(
        '已报送的进展不能修改；如需修改请改革办退回',
        'A submitted report cannot be edited; the reform office can return it',
        { field: 'status' },
      );
    if (r.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: r.version },
        { current: await presentOneReport(trx, actor, id) },
      );
    await checkCompletedMilestones(trx, t.id, input.completedMilestoneIds);
    const set = { ...reportSet(input), updated_at: nowIso() };
    if (!(await repo.updateReport(trx, id, input.version, set)))
      throw new AppError('VERSION_CONFLICT', { version: r.version + 1 });
    await recordAudit(trx, actor, {
      entity: 'reform_report',
      entityId: id,
      action: 'update',
      regionCode: r.region_code,
      before: r,
      after: { ...r, ...set },
    });
    return presentOneReport(trx, actor, id);
  });
}

/** Files a draft (报送) or a returned report (重报) and applies it to the task, its milestones and blockers. */
async function submitTx(trx: Executor, actor: Actor, t: LoadedTask, r: ReformReportTable) {
  if (r.status !== 'draft' && r.status !== 'returned')
    throw ruleViolation('该报送已提交', 'This report has already been submitted', { field: 'status' });
  if (!r.progress.trim())
    throw ruleViolation('请填写进展情况', 'Describe the progress before submitting', { field: 'progress' });
  const at = nowIso();
  const to = r.status === 'draft' ? 'submitted' : 'resubmitted';
  // blockers become problems of the shared problem list
  const newBlockers: string[] = [];
  for (const b of parseJson<Array<Parameters<typeof raiseBlockerProblem>[3]>>(r.draft_blockers, []))
    newBlockers.push(await raiseBlockerProblem(trx, actor, t, b, { at }));
  const set: Partial<ReformReportTable> = {
    status: to,
    submitted_at: at,
    submitted_by: actor.userId,
    first_submitted_at: r.first_submitted_at ?? at,
    submit_count: r.submit_count + 1,
    draft_blockers: '[]',
    blocker_ids: JSON.stringify([...parseJson<string[]>(r.blocker_ids, []), ...newBlockers]),
    updated_at: at,
  };
  if (!(await repo.updateReport(trx, r.id, r.version, set)))
    throw new AppError('VERSION_CONFLICT', { version: r.version + 1 });
  await recordEvent(trx, actor, {
    taskId: t.id,
    entity: 'report',
    entityId: r.id,
    kind: to === 'submitted' ? 'report_submitted' : 'report_resubmitted',
    from: r.status,
    to,
    payload: { period: r.period, blockers: newBlockers },
    at,
  });

  // the task's latest progress (only from the newest period)
  const cur = await repo.findTask(trx, null, t.id);
  const latest =
    !cur!.last_report_period || (await latestDue(trx, t.id, cur!.last_report_period)) <= r.due_on;
  const taskSet: Record<string, unknown> = {};
  if (latest) {
    if (r.progress_pct !== null) taskSet.progress_pct = r.progress_pct;
    taskSet.progress_note = r.progress;
    taskSet.problems_note = r.problems;
    taskSet.next_steps_note = r.next_steps;
    taskSet.last_report_period = r.period;
  }
  // milestones this report completes
  for (const mid of parseJson<string[]>(r.completed_milestone_ids, [])) {
    const m = await repo.findMilestone(trx, mid);
    if (!m || m.task_id !== t.id || m.status !== 'pending') continue;
    await repo.updateMilestone(trx, m.id, m.version, {
      status: 'done_pending_verification',
      done_on: cstDate(at),
      evidence_report_id: r.id,
      updated_at: at,
    });
    await recordEvent(trx, actor, {
      taskId: t.id,
      entity: 'milestone',
      entityId: m.id,
      kind: 'milestone_done',
      from: 'pending',
      to: 'done_pending_verification',
      payload: { reportId: r.id },
      at,
    });
  }
  const status = cur!.status;
  if (r.task_completed) {
    const pending = ((await repo.milestonesOf(trx, [t.id])).get(t.id) ?? []).filter(
      (m) => m.status === 'pending',
    );
    if (pending.length)
      throw ruleViolation(
        `还有未完成的节点：${pending.map((m) => m.title).join('、')}`,
        `Some milestones are not done yet: ${pending.map((m) => m.title).join(', ')}`,
        { field: 'taskCompleted' },
      );
    if (status !== 'done_pending_verification') {
      await setTaskStatus(trx, actor, t.id, 'done_pending_verification', {
        ...taskSet,
        done_on: cstDate(at),
        completion_report_id: r.id,
      });
      return;
    }
  } else if (status === 'not_started') {
    await setTaskStatus(trx, actor, t.id, 'in_progress', taskSet);
    return;
  }
  if (Object.keys(taskSet).length)
    await repo.updateTask(trx, t.id, cur!.version, { ...taskSet, updated_at: at });
}

async function latestDue(trx: Executor, taskId: string, period: string) {
  const r = await repo.findReportByPeriod(trx, taskId, period);
  return r?.due_on ?? '0000-00-00';
}

export async function submitReport(deps: Deps, actor: Actor, id: string, version?: number): Promise<Report> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const { r, t } = await loadReportForWrite(trx, actor, id);
    requireLead(actor, t);
    requireOpen(t);
    await assertUnlocked(trx, r.due_on);
    if (version !== undefined && r.version !== version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: r.version },
        { current: await presentOneReport(trx, actor, id) },
      );
    const {
      task_code: _a,
      task_title: _b,
      lead_unit_id: _c,
      lead_unit_full_name: _d,
      lead_unit_short_name: _e,
      ...row
    } = r;
    await submitTx(trx, actor, t, row);
    await recordAudit(trx, actor, {
      entity: 'reform_report',
      entityId: id,
      action: 'update',
      regionCode: r.region_code,
      before: { status: r.status },
      after: { status: r.status === 'draft' ? 'submitted' : 'resubmitted' },
    });
    return presentOneReport(trx, actor, id);
  });
}

/** The reform office accepts a filed report, or returns it with comments (undoing what it declared done). */
export async function reviewReport(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof ReportReview>,
): Promise<Report> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const { r, t } = await loadReportForWrite(trx, actor, id);
    await assertUnlocked(trx, r.due_on);
    if (input.version !== undefined && r.version !== input.version)
      throw new AppError(
        'VERSION_CONFLICT',
        { version: r.version },
        { current: await presentOneReport(trx, actor, id) },
      );
    if (r.status !== 'submitted' && r.status !== 'resubmitted')
      throw ruleViolation(
        '只能审核已报送（或重报）的进展',
        'Only a submitted (or resubmitted) report can be reviewed',
        { field: 'status' },
      );
    const at = nowIso();
    if (input.action === 'accept') {
      await repo.updateReport(trx, id, r.version, {
        status: 'accepted',
        accepted_at: at,
        accepted_by: actor.userId,
        updated_at: at,
      });
      await recordEvent(trx, actor, {
        taskId: t.id,
        entity: 'report',
        entityId: id,
        kind: 'report_accepted',
        from: r.status,
        to: 'accepted',
        comment: input.comment ?? null,
        at,
      });
      await recordAudit(trx, actor, {
        entity: 'reform_report',
        entityId: id,
        action: 'approve',
        regionCode: r.region_code,
        before: { status: r.status },
        after: { status: 'accepted' },
        payload: { comment: input.comment ?? null },
      });
    } else {
      if (!input.comment?.trim())
        throw ruleViolation('退回请写明意见', 'Say why the report is returned', { field: 'comment' });
      await repo.updateReport(trx, id, r.version, {
        status: 'returned',
        returned_at: at,
        returned_by: actor.userId,
        return_comment: input.comment,
        updated_at: at,
      });
      // what the report declared done goes back to pending
      for (const mid of parseJson<string[]>(r.completed_milestone_ids, [])) {
        const m = await repo.findMilestone(trx, mid);
        if (!m || m.status !== 'done_pending_verification' || m.evidence_report_id !== id) continue;
        await repo.updateMilestone(trx, m.id, m.version, {
          status: 'pending',
          done_on: null,
          evidence_report_id: null,
          updated_at: at,
        });
        await recordEvent(trx, actor, {
          taskId: t.id,
          entity: 'milestone',
          entityId: m.id,
          kind: 'milestone_returned',
          from: 'done_pending_verification',
          to: 'pending',
          comment: input.comment,
          at,
        });
      }
      const cur = await repo.findTask(trx, null, t.id);
      if (cur!.status === 'done_pending_verification' && cur!.completion_report_id === id)
        await setTaskStatus(
          trx,
          actor,
          t.id,
          'in_progress',
          { done_on: null, completion_report_id: null },
          input.comment,
        );
      await recordEvent(trx, actor, {
        taskId: t.id,
        entity: 'report',
        entityId: id,
        kind: 'report_returned',
        from: r.status,
        to: 'returned',
        comment: input.comment,
        at,
      });
      await recordAudit(trx, actor, {
        entity: 'reform_report',
        entityId: id,
        action: 'reject',
        regionCode: r.region_code,
        before: { status: r.status },
        after: { status: 'returned' },
        payload: { comment: input.comment },
      });
      const users = (await repo.usersOfUnits(trx, [t.lead_unit_id])).map((u) => u.id);
      await notifyUsers(trx, users, {
        kind: 'reform.report_returned',
        title: `进展报送被退回：${t.title}（${r.period}）`,
        body: input.comment,
        entity: 'reform_report',
        entityId: id,
      });
    }
    return presentOneReport(trx, actor, id);
  });
}

// ── co-unit contributions ───────────────────────────────────────────────────────────────────────

export async function listContributions(
  deps: Deps,
  actor: Actor,
  taskId: string,
  period?: string,
): Promise<Contribution[]> {
  requirePermission(actor, 'reform:read');
  await loadTask(deps.db, actor, taskId);
  // drafts stay with their own unit; the lead unit and the office see what was submitted
  return (await repo.contributionsOfTask(deps.db, taskId, period))
    .filter((c) => c.status === 'submitted' || c.unit_id === actor.unitId)
    .map((c) => presentContribution(actor, c));
}

/** A co-unit writes (and optionally submits) its part of a period's report; the lead unit sees it in the report. */
export async function upsertContribution(
  deps: Deps,
  actor: Actor,
  taskId: string,
  period: string,
  input: z.infer<typeof ContributionInput>,
): Promise<Contribution> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, taskId);
    requireOpen(t);
    const unitId = input.unitId ?? actor.unitId;
    if (!unitId || !t.coUnitIds.includes(unitId))
      throw ruleViolation('只有配合单位可以报送配合进展', 'Only a co-unit of the task contributes', {
        field: 'unitId',
      });
    if (unitId !== actor.unitId || !contributesTo(actor, accessOfLoaded(t))) throw new AppError('FORBIDDEN');
    if (!periodMatchesCadence(period, t.cadence))
      throw ruleViolation(
        `报送期 ${period} 与任务的报送频次不符`,
        `${period} does not match the task's cadence`,
        { field: 'period' },
      );
    const s = await loadSettings(trx);
    const info = periodInfo(period, s);
    if (!info)
      throw ruleViolation(`报送期 ${period} 不存在`, `There is no period ${period}`, { field: 'period' });
    await assertUnlocked(trx, info.dueOn);
    const at = nowIso();
    const existing = await repo.findContribution(trx, taskId, period, unitId);
    let id: string;
    if (existing) {
      if (input.version !== undefined && existing.version !== input.version)
        throw new AppError(
          'VERSION_CONFLICT',
          { version: existing.version },
          { current: presentContribution(actor, existing) },
        );
      const set = {
        content: input.content,
        outcomes: input.outcomes ?? existing.outcomes,
        ...(input.submit
          ? { status: 'submitted' as const, submitted_at: at, submitted_by: actor.userId }
          : {}),
        updated_at: at,
      };
      if (!(await repo.updateContribution(trx, existing.id, existing.version, set)))
        throw new AppError('VERSION_CONFLICT', { version: existing.version + 1 });
      await recordAudit(trx, actor, {
        entity: 'reform_contribution',
        entityId: existing.id,
        action: 'update',
        regionCode: t.region_code,
        before: existing,
        after: { ...existing, ...set },
      });
      id = existing.id;
    } else {
      const row = {
        id: newId(),
        task_id: taskId,
        period,
        unit_id: unitId,
        status: input.submit ? ('submitted' as const) : ('draft' as const),
        content: input.content,
        outcomes: input.outcomes ?? null,
        submitted_at: input.submit ? at : null,
        submitted_by: input.submit ? actor.userId : null,
        region_code: t.region_code,
        version: 1,
        created_at: at,
        updated_at: at,
      };
      await repo.insertContributions(trx, [row]);
      await recordAudit(trx, actor, {
        entity: 'reform_contribution',
        entityId: row.id,
        action: 'create',
        regionCode: t.region_code,
        after: row,
      });
      id = row.id;
    }
    if (input.submit) {
      await recordEvent(trx, actor, {
        taskId,
        entity: 'contribution',
        entityId: id,
        kind: 'contribution_submitted',
        comment: period,
        at,
      });
      const users = (await repo.usersOfUnits(trx, [t.lead_unit_id])).map((u) => u.id);
      await notifyUsers(trx, users, {
        kind: 'reform.contribution_submitted',
        title: `配合单位已报送 ${period} 进展：${t.title}`,
        entity: 'reform_task',
        entityId: taskId,
        dedupeKey: `reform:contribution:${id}:${at}`,
      });
    }
    const c = (await repo.findContribution(trx, taskId, period, unitId))!;
    return presentContribution(actor, c);
  });
}

// ── reminders (scheduled) ───────────────────────────────────────────────────────────────────────

/** Reminders before (remindDaysBefore) and after a report, contribution or milestone is due; idempotent by dedupe key. */
export async function runReformReminders(db: Db): Promise<{ notified: number }> {
  const s = await loadSettings(db);
  const t0 = today();
  const from = addDays(t0, -s.lookbackDays);
  const to = addDays(t0, s.remindDaysBefore);
  const tasks = (await repo.allTasks(db, null, {}, t0)).filter((t) => t.status !== 'closed');
  const co = await repo.coUnitsOf(
    db,
    tasks.map((t) => t.id),
  );
  const withCo = tasks.map((t) => ({ ...t, coUnitIds: (co.get(t.id) ?? []).map((u) => u.id) }));
  const expected = await expectedFor(db, withCo, from, to, s);
  const unitIds = [...new Set(withCo.flatMap((t) => [t.lead_unit_id, ...t.coUnitIds]))];
  const users = await repo.usersOfUnits(db, unitIds);
  const usersOf = (unitId: string) => users.filter((u) => u.unit_id === unitId).map((u) => u.id);
  let notified = 0;
  const contributed = await repo.submittedContributions(
    db,
    withCo.map((t) => t.id),
  );
  for (const t of withCo) {
    for (const p of expected.get(t.id) ?? []) {
      if (FILED.has(p.status)) continue;
      const soon = p.dueOn >= t0;
      notified += await notifyUsers(db, usersOf(t.lead_unit_id), {
        kind: soon ? 'reform.report_due' : 'reform.report_overdue',
        title: soon
          ? `请于 ${p.dueOn} 前报送 ${p.period} 改革进展：${t.title}`
          : `${p.period} 改革进展逾期未报：${t.title}（应于 ${p.dueOn} 前报送）`,
        entity: 'reform_task',
        entityId: t.id,
        dedupeKey: `reform:${soon ? 'report-due' : 'report-overdue'}:${t.id}:${p.period}`,
      });
      if (soon)
        for (const u of t.coUnitIds)
          if (!contributed.some((c) => c.task_id === t.id && c.period === p.period && c.unit_id === u))
            notified += await notifyUsers(db, usersOf(u), {
              kind: 'reform.contribution_due',
              title: `请于 ${p.dueOn} 前报送 ${p.period} 配合进展：${t.title}`,
              entity: 'reform_task',
              entityId: t.id,
              dedupeKey: `reform:contribution-due:${t.id}:${p.period}:${u}`,
            });
    }
  }
  for (const m of await repo.pendingMilestonesDue(db, from, to)) {
    const soon = m.due_on >= t0;
    notified += await notifyUsers(db, usersOf(m.lead_unit_id), {
      kind: soon ? 'reform.milestone_due' : 'reform.milestone_overdue',
      title: soon
        ? `改革节点将于 ${m.due_on} 到期：${m.title}（${m.task_title}）`
        : `改革节点已逾期：${m.title}（${m.task_title}，应于 ${m.due_on} 完成）`,
      entity: 'reform_task',
      entityId: m.task_id,
      dedupeKey: `reform:${soon ? 'milestone-due' : 'milestone-overdue'}:${m.id}:${m.due_on}`,
    });
  }
  return { notified };
}

// ── the reform part of the to-do centre ─────────────────────────────────────────────────────────

const item = (
  kind: TodoKind,
  x: {
    entity: string;
    entityId: string;
    taskId: string | null;
    title: string;
    subtitle?: string | null;
    dueOn: string | null;
    link: string;
  },
  t0: string,
): TodoItem => ({
  kind,
  kindLabel: TODO_KIND_LABELS[kind],
  entity: x.entity,
  entityId: x.entityId,
  taskId: x.taskId,
  title: x.title,
  subtitle: x.subtitle ?? null,
  dueOn: x.dueOn,
  overdue: x.dueOn !== null && x.dueOn < t0,
  daysLeft: x.dueOn !== null ? daysBetween(t0, x.dueOn) : null,
  link: x.link,
});

/**
 * Everything due or waiting in the reform ledger for the signed-in user: for their unit as a lead unit —
 * milestones due within the window or overdue, reports to file or to refile; as a co-unit — contributions;
 * for the reform office — reports to review, milestones and tasks to verify, extensions to decide.
 */
export async function reformTodo(db: Executor, actor: Actor): Promise<TodoItem[]> {
  if (!can(actor, 'reform:read')) return [];
  const s = await loadSettings(db);
  const t0 = today();
  const from = addDays(t0, -s.lookbackDays);
  const to = addDays(t0, s.todoWindowDays);
  const out: TodoItem[] = [];
  const taskLink = (id: string, tab?: string) => `/reform/tasks/${id}${tab ? `?tab=${tab}` : ''}`;

  if (can(actor, 'reform:manage') && actor.unitId) {
    const mine = (await repo.allTasks(db, actor, { leadUnitId: actor.unitId }, t0)).filter(
      (t) => t.status !== 'closed',
    );
    const co = await repo.coUnitsOf(
      db,
      mine.map((t) => t.id),
    );
    const withCo = mine.map((t) => ({ ...t, coUnitIds: (co.get(t.id) ?? []).map((u) => u.id) }));
    for (const m of await repo.pendingMilestonesDue(db, from, to, [actor.unitId]))
      if (mine.some((t) => t.id === m.task_id))
        out.push(
          item(
            'milestone_due',
            {
              entity: 'reform_milestone',
              entityId: m.id,
              taskId: m.task_id,
              title: m.title,
              subtitle: m.task_title,
              dueOn: m.due_on,
              link: taskLink(m.task_id, 'milestones'),
            },
            t0,
          ),
        );
    const expected = await expectedFor(db, withCo, from, to, s);
    for (const t of withCo)
      for (const p of expected.get(t.id) ?? []) {
        if (p.status === 'missing' || p.status === 'draft')
          out.push(
            item(
              'report_due',
              {
                entity: 'reform_task',
                entityId: t.id,
                taskId: t.id,
                title: t.title,
                subtitle: p.period,
                dueOn: p.dueOn,
                link: taskLink(t.id, 'reports'),
              },
              t0,
            ),
          );
        else if (p.status === 'returned')
          out.push(
            item(
              'report_returned',
              {
                entity: 'reform_report',
                entityId: p.reportId!,
                taskId: t.id,
                title: t.title,
                subtitle: p.period,
                dueOn: p.dueOn,
                link: taskLink(t.id, 'reports'),
              },
              t0,
            ),
          );
      }
    // returned reports older than the look-back window still wait for a resubmission
    for (const r of await repo.allReports(db, actor, { leadUnitId: actor.unitId, status: 'returned' }))
      if (!out.some((i) => i.kind === 'report_returned' && i.entityId === r.id))
        out.push(
          item(
            'report_returned',
            {
              entity: 'reform_report',
              entityId: r.id,
              taskId: r.task_id,
              title: r.task_title,
              subtitle: r.period,
              dueOn: r.due_on,
              link: taskLink(r.task_id, 'reports'),
            },
            t0,
          ),
        );

    const coTasks = (await repo.allTasks(db, actor, { coUnitId: actor.unitId }, t0)).filter(
      (t) => t.status !== 'closed',
    );
    if (coTasks.length) {
      const co2 = await repo.coUnitsOf(
        db,
        coTasks.map((t) => t.id),
      );
      const coWith = coTasks.map((t) => ({ ...t, coUnitIds: (co2.get(t.id) ?? []).map((u) => u.id) }));
      const exp2 = await expectedFor(db, coWith, from, to, s);
      const done = await repo.submittedContributions(
        db,
        coTasks.map((t) => t.id),
      );
      for (const t of coWith)
        for (const p of exp2.get(t.id) ?? [])
          if (
            p.status !== 'accepted' &&
            !done.some((c) => c.task_id === t.id && c.period === p.period && c.unit_id === actor.unitId)
          )
            out.push(
              item(
                'contribution_due',
                {
                  entity: 'reform_task',
                  entityId: t.id,
                  taskId: t.id,
                  title: t.title,
                  subtitle: p.period,
                  dueOn: p.dueOn,
                  link: taskLink(t.id, 'reports'),
                },
                t0,
              ),
            );
    }
  }

  if (isReformOffice(actor)) {
    for (const r of [
      ...(await repo.allReports(db, actor, { status: 'submitted' })),
      ...(await repo.allReports(db, actor, { status: 'resubmitted' })),
    ])
      out.push(
        item(
          'report_to_review',
          {
            entity: 'reform_report',
            entityId: r.id,
            taskId: r.task_id,
            title: r.task_title,
            subtitle: `${r.period} · ${unitName(r.lead_unit_full_name, r.lead_unit_short_name)}`,
            dueOn: null,
            link: taskLink(r.task_id, 'reports'),
          },
          t0,
        ),
      );
    const pendingTasks = await repo.allTasks(db, actor, { status: 'done_pending_verification' }, t0);
    for (const t of pendingTasks)
      out.push(
        item(
          'verification_pending',
          {
            entity: 'reform_task',
            entityId: t.id,
            taskId: t.id,
            title: t.title,
            subtitle: unitName(t.lead_unit_full_name, t.lead_unit_short_name),
            dueOn: null,
            link: taskLink(t.id),
          },
          t0,
        ),
      );
    const open = (await repo.allTasks(db, actor, {}, t0)).filter((t) => t.status !== 'closed');
    const ms = await repo.milestonesOf(
      db,
      open.map((t) => t.id),
    );
    for (const t of open)
      for (const m of ms.get(t.id) ?? [])
        if (m.status === 'done_pending_verification')
          out.push(
            item(
              'verification_pending',
              {
                entity: 'reform_milestone',
                entityId: m.id,
                taskId: t.id,
                title: m.title,
                subtitle: t.title,
                dueOn: null,
                link: taskLink(t.id, 'milestones'),
              },
              t0,
            ),
          );
    const { rows } = await repo.listExtensions(db, actor, { status: 'pending' }, { limit: 500, offset: 0 });
    for (const e of rows)
      out.push(
        item(
          'extension_to_decide',
          {
            entity: 'reform_extension',
            entityId: e.id,
            taskId: e.task_id,
            title: e.task_title,
            subtitle: e.milestone_title,
            dueOn: null,
            link: taskLink(e.task_id, 'extensions'),
          },
          t0,
        ),
      );
  }
  return out;
}
