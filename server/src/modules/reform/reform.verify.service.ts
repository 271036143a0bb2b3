import type { z } from 'zod';
import type {
  CompleteInput,
  Extension,
  ExtensionCreate,
  ExtensionDecide,
  ExtensionListQuery,
  ReformTask,
  VerifyInput,
} from '../../../../contracts/schemas/reform';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { recordAudit } from '../../core/audit/audit';
import { nowIso } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, type Page } from '../../core/listing';
import { notifyUsers } from '../../core/notifications/notify';
import type { Executor } from '../../db/database';
import { cstDate } from './reform.cadence';
import { milestoneAbilities, taskAbilities } from './reform.policy';
import { presentExtension } from './reform.presenter';
import * as repo from './reform.repository';
import {
  accessOfLoaded,
  loadMilestone,
  loadTask,
  presentOneTask,
  recordEvent,
  requireLead,
  requireOpen,
  setTaskStatus,
  today,
  type Deps,
} from './reform.service';

/**
 * 对账销号: the lead unit declares a milestone or the task done; the reform office (reform:verify) checks it
 * against the evidence (at least one attachment) and closes it, or returns it with comments. Extensions and
 * adjustments (延期/调整) are requested by the lead unit and approved or rejected by the office. All audited.
 */

const missingEvidence = () =>
  ruleViolation(
    '没有佐证材料，不能核验销号：请先上传佐证材料',
    'No evidence is attached: a closure needs at least one evidence file',
    {
      field: 'evidence',
    },
  );

async function notifyLead(
  trx: Executor,
  leadUnitId: string,
  title: string,
  entity: string,
  entityId: string,
  body?: string | null,
) {
  const users = (await repo.usersOfUnits(trx, [leadUnitId])).map((u) => u.id);
  await notifyUsers(trx, users, { kind: 'reform.verification', title, body: body ?? null, entity, entityId });
}

/** Evidence of a milestone: files on the milestone, or on the report that declared it done. */
async function milestoneEvidence(trx: Executor, m: { id: string; evidence_report_id: string | null }) {
  const a = await repo.attachmentCounts(trx, 'reform_milestone', [m.id]);
  const b = m.evidence_report_id
    ? await repo.attachmentCounts(trx, 'reform_report', [m.evidence_report_id])
    : new Map<string, number>();
  return (a.get(m.id) ?? 0) + (m.evidence_report_id ? (b.get(m.evidence_report_id) ?? 0) : 0);
}

/** Evidence of a task: files on the task, any of its milestones or any of its reports. */
async function taskEvidence(trx: Executor, taskId: string) {
  const ms = ((await repo.milestonesOf(trx, [taskId])).get(taskId) ?? []).map((m) => m.id);
  const rs = (await repo.reportsOfTasks(trx, [taskId], '0000-01-01', '9999-12-31')).map((r) => r.id);
  const sum = (m: Map<string, number>) => [...m.values()].reduce((s, x) => s + x, 0);
  return (
    sum(await repo.attachmentCounts(trx, 'reform_task', [taskId])) +
    sum(await repo.attachmentCounts(trx, 'reform_milestone', ms)) +
    sum(await repo.attachmentCounts(trx, 'reform_report', rs))
  );
}

export async function completeMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof CompleteInput>,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const { m, t } = await loadMilestone(trx, actor, id);
    if (!milestoneAbilities(actor, accessOfLoaded(t), m).complete) {
      if (m.status !== 'pending')
        throw ruleViolation('该节点不是未完成状态', 'The milestone is not pending', { field: 'status' });
      throw new AppError('FORBIDDEN');
    }
    const at = nowIso();
    const doneOn = input.doneOn ?? cstDate(at);
    if (doneOn > today())
      throw ruleViolation('完成日期不能晚于今天', 'The completion date cannot be in the future', {
        field: 'doneOn',
      });
    await repo.updateMilestone(trx, id, m.version, {
      status: 'done_pending_verification',
      done_on: doneOn,
      done_note: input.note ?? null,
      updated_at: at,
    });
    await recordEvent(trx, actor, {
      taskId: t.id,
      entity: 'milestone',
      entityId: id,
      kind: 'milestone_done',
      from: 'pending',
      to: 'done_pending_verification',
      comment: input.note ?? null,
      at,
    });
    if (t.status === 'not_started') await setTaskStatus(trx, actor, t.id, 'in_progress');
    await recordAudit(trx, actor, {
      entity: 'reform_milestone',
      entityId: id,
      action: 'update',
      regionCode: m.region_code,
      before: { status: m.status },
      after: { status: 'done_pending_verification', doneOn },
    });
    return presentOneTask(trx, actor, t.id);
  });
}

export async function verifyMilestone(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof VerifyInput>,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const { m, t } = await loadMilestone(trx, actor, id);
    if (m.status !== 'done_pending_verification')
      throw ruleViolation(
        '只有已完成（待核验）的节点可以核验',
        'Only a milestone awaiting verification can be verified',
        { field: 'status' },
      );
    const at = nowIso();
    if (input.result === 'pass') {
      if ((await milestoneEvidence(trx, m)) === 0) throw missingEvidence();
      await repo.updateMilestone(trx, id, m.version, {
        status: 'closed',
        closed_at: at,
        closed_by: actor.userId,
        updated_at: at,
      });
      await recordEvent(trx, actor, {
        taskId: t.id,
        entity: 'milestone',
        entityId: id,
        kind: 'milestone_verified',
        from: m.status,
        to: 'closed',
        comment: input.comment ?? null,
        at,
      });
      await recordAudit(trx, actor, {
        entity: 'reform_milestone',
        entityId: id,
        action: 'approve',
        regionCode: m.region_code,
        before: { status: m.status },
        after: { status: 'closed' },
        payload: { comment: input.comment ?? null },
      });
      await notifyLead(
        trx,
        t.lead_unit_id,
        `改革节点已核验销号：${m.title}（${t.title}）`,
        'reform_task',
        t.id,
      );
    } else {
      if (!input.comment?.trim())
        throw ruleViolation('退回请写明意见', 'Say why it is returned', { field: 'comment' });
      await repo.updateMilestone(trx, id, m.version, {
        status: 'pending',
        done_on: null,
        evidence_report_id: null,
        updated_at: at,
      });
      await recordEvent(trx, actor, {
        taskId: t.id,
        entity: 'milestone',
        entityId: id,
        kind: 'milestone_returned',
        from: m.status,
        to: 'pending',
        comment: input.comment,
        at,
      });
      await recordAudit(trx, actor, {
        entity: 'reform_milestone',
        entityId: id,
        action: 'reject',
        regionCode: m.region_code,
        before: { status: m.status },
        after: { status: 'pending' },
        payload: { comment: input.comment },
      });
      await notifyLead(
        trx,
        t.lead_unit_id,
        `改革节点核验未通过，已退回：${m.title}（${t.title}）`,
        'reform_task',
        t.id,
        input.comment,
      );
    }
    return presentOneTask(trx, actor, t.id);
  });
}

export async function completeTask(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof CompleteInput>,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    requireLead(actor, t);
    if (!taskAbilities(actor, accessOfLoaded(t)).complete)
      throw ruleViolation('该任务当前不能申报完成', 'The task cannot be declared done in its current state', {
        field: 'status',
      });
    const pending = ((await repo.milestonesOf(trx, [id])).get(id) ?? []).filter(
      (m) => m.status === 'pending',
    );
    if (pending.length)
      throw ruleViolation(
        `还有未完成的节点：${pending.map((m) => m.title).join('、')}`,
        `Some milestones are not done: ${pending.map((m) => m.title).join(', ')}`,
        { field: 'milestones' },
      );
    const doneOn = input.doneOn ?? today();
    if (doneOn > today())
      throw ruleViolation('完成日期不能晚于今天', 'The completion date cannot be in the future', {
        field: 'doneOn',
      });
    await setTaskStatus(
      trx,
      actor,
      id,
      'done_pending_verification',
      { done_on: doneOn, completion_report_id: null },
      input.note ?? null,
    );
    await recordAudit(trx, actor, {
      entity: 'reform_task',
      entityId: id,
      action: 'update',
      regionCode: t.region_code,
      before: { status: t.status },
      after: { status: 'done_pending_verification', doneOn },
    });
    return presentOneTask(trx, actor, id);
  });
}

export async function verifyTask(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof VerifyInput>,
): Promise<ReformTask> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, id);
    if (t.status !== 'done_pending_verification')
      throw ruleViolation(
        '只有已完成（待核验）的任务可以核验销号',
        'Only a task awaiting verification can be verified',
        { field: 'status' },
      );
    const at = nowIso();
    if (input.result === 'pass') {
      const open = ((await repo.milestonesOf(trx, [id])).get(id) ?? []).filter((m) => m.status !== 'closed');
      if (open.length)
        throw ruleViolation(
          `请先核验销号各节点：${open.map((m) => m.title).join('、')}`,
          `Verify the milestones first: ${open.map((m) => m.title).join(', ')}`,
          { field: 'milestones' },
        );
      if ((await taskEvidence(trx, id)) === 0) throw missingEvidence();
      await setTaskStatus(
        trx,
        actor,
        id,
        'closed',
        { closed_at: at, closed_by: actor.userId, progress_pct: 100 },
        input.comment ?? null,
      );
      await recordEvent(trx, actor, {
        taskId: id,
        entity: 'task',
        entityId: id,
        kind: 'task_verified',
        from: t.status,
        to: 'closed',
        comment: input.comment ?? null,
        at,
      });
      await recordAudit(trx, actor, {
        entity: 'reform_task',
        entityId: id,
        action: 'approve',
        regionCode: t.region_code,
        before: { status: t.status },
        after: { status: 'closed', closedAt: at },
        payload: { comment: input.comment ?? null },
      });
      await notifyLead(trx, t.lead_unit_id, `改革任务已核验销号：${t.title}`, 'reform_task', id);
    } else {
      if (!input.comment?.trim())
        throw ruleViolation('退回请写明意见', 'Say why it is returned', { field: 'comment' });
      await setTaskStatus(
        trx,
        actor,
        id,
        'in_progress',
        { done_on: null, completion_report_id: null },
        input.comment,
      );
      await recordEvent(trx, actor, {
        taskId: id,
        entity: 'task',
        entityId: id,
        kind: 'task_returned',
        from: t.status,
        to: 'in_progress',
        comment: input.comment,
        at,
      });
      await recordAudit(trx, actor, {
        entity: 'reform_task',
        entityId: id,
        action: 'reject',
        regionCode: t.region_code,
        before: { status: t.status },
        after: { status: 'in_progress' },
        payload: { comment: input.comment },
      });
      await notifyLead(
        trx,
        t.lead_unit_id,
        `改革任务核验未通过，已退回：${t.title}`,
        'reform_task',
        id,
        input.comment,
      );
    }
    return presentOneTask(trx, actor, id);
  });
}

// ── extensions and adjustments ──────────────────────────────────────────────────────────────────

export async function listExtensions(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof ExtensionListQuery>,
): Promise<Page<Extension>> {
  requirePermission(actor, 'reform:read');
  const { rows, total } = await repo.listExtensions(deps.db, actor, q, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });
  return { data: rows.map((e) => presentExtension(actor, e)), total, page: q.page, pageSize: q.pageSize };
}

export async function requestExtension(
  deps: Deps,
  actor: Actor,
  taskId: string,
  input: z.infer<typeof ExtensionCreate>,
): Promise<Extension> {
  requirePermission(actor, 'reform:manage');
  return deps.db.transaction().execute(async (trx) => {
    const t = await loadTask(trx, actor, taskId);
    requireLead(actor, t);
    requireOpen(t);
    if (!taskAbilities(actor, accessOfLoaded(t)).requestExtension)
      throw ruleViolation(
        '任务待核验期间不能申请延期或调整',
        'No extension or adjustment while the task awaits verification',
        { field: 'status' },
      );
    let currentDue = t.due_on;
    const milestoneId = input.milestoneId ?? null;
    if (milestoneId) {
      const m = await repo.findMilestone(trx, milestoneId);
      if (!m || m.task_id !== taskId)
        throw ruleViolation('节点不属于该任务', 'The milestone does not belong to this task', {
          field: 'milestoneId',
        });
      if (m.status !== 'pending')
        throw ruleViolation('只有未完成的节点可以延期', 'Only a pending milestone can be extended', {
          field: 'milestoneId',
        });
      currentDue = m.due_on;
      if (input.requestedDueOn && input.requestedDueOn > t.due_on)
        throw ruleViolation(
          '申请的节点时间晚于任务完成时限，请一并申请任务延期',
          'The requested date is after the task deadline; extend the task too',
          { field: 'requestedDueOn' },
        );
    }
    if (input.kind === 'extension') {
      if (!input.requestedDueOn)
        throw ruleViolation('请填写申请延期至的日期', 'Give the requested new date', {
          field: 'requestedDueOn',
        });
      if (input.requestedDueOn <= currentDue)
        throw ruleViolation('延期后的日期应晚于现有时限', 'The new date must be after the current one', {
          field: 'requestedDueOn',
        });
    } else if (!input.change?.trim() && !input.requestedDueOn) {
      throw ruleViolation('请说明调整内容', 'Describe the adjustment', { field: 'change' });
    }
    if (await repo.pendingExtensionFor(trx, taskId, milestoneId))
      throw new AppError('DUPLICATE', {
        detail: { zh: '待审批的延期/调整申请', en: 'pending extension or adjustment request' },
      });
    const at = nowIso();
    const row = {
      id: newId(),
      task_id: taskId,
      milestone_id: milestoneId,
      kind: input.kind,
      reason: input.reason,
      change_note: input.change ?? null,
      current_due_on: currentDue,
      requested_due_on: input.requestedDueOn ?? null,
      status: 'pending' as const,
      requested_by: actor.userId,
      requested_by_name: actor.displayName,
      requested_at: at,
      decided_by: null,
      decided_at: null,
      decision_comment: null,
      region_code: t.region_code,
      version: 1,
      created_at: at,
      updated_at: at,
    };
    await repo.insertExtensions(trx, [row]);
    await recordEvent(trx, actor, {
      taskId,
      entity: 'extension',
      entityId: row.id,
      kind: `${input.kind}_requested`,
      comment: input.reason,
      payload: { milestoneId, requestedDueOn: row.requested_due_on },
      at,
    });
    await recordAudit(trx, actor, {
      entity: 'reform_extension',
      entityId: row.id,
      action: 'create',
      regionCode: t.region_code,
      after: row,
    });
    const e = await repo.findExtension(trx, null, row.id);
    return presentExtension(actor, e!);
  });
}

export async function decideExtension(
  deps: Deps,
  actor: Actor,
  id: string,
  input: z.infer<typeof ExtensionDecide>,
): Promise<Extension> {
  requirePermission(actor, 'reform:verify');
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.findExtension(trx, actor, id);
    if (!e) throw notFound();
    if (input.version !== undefined && e.version !== input.version)
      throw new AppError('VERSION_CONFLICT', { version: e.version }, { current: presentExtension(actor, e) });
    if (e.status !== 'pending')
      throw ruleViolation('该申请已审批', 'This request has already been decided', { field: 'status' });
    const t = await loadTask(trx, actor, e.task_id);
    const at = nowIso();
    const approve = input.decision === 'approve';
    if (!approve && !input.comment?.trim())
      throw ruleViolation('不予批准请写明意见', 'Say why the request is rejected', { field: 'comment' });
    if (approve) {
      if (t.status === 'closed') throw ruleViolation('任务已销号', 'The task is closed');
      if (e.requested_due_on) {
        if (e.milestone_id) {
          const m = await repo.findMilestone(trx, e.milestone_id);
          if (!m || m.status !== 'pending')
            throw ruleViolation('该节点已不是未完成状态', 'The milestone is no longer pending');
          if (e.requested_due_on > t.due_on)
            throw ruleViolation(
              '节点时间晚于任务完成时限，请先批准任务延期',
              'The milestone date is after the task deadline; extend the task first',
            );
          await repo.updateMilestone(trx, m.id, m.version, {
            due_on: e.requested_due_on,
            original_due_on: m.original_due_on ?? m.due_on,
            updated_at: at,
          });
        } else {
          await repo.updateTask(trx, t.id, t.version, {
            due_on: e.requested_due_on,
            original_due_on: t.original_due_on ?? t.due_on,
            updated_at: at,
          });
        }
      }
      if (e.kind === 'adjustment' && t.status !== 'done_pending_verification')
        await setTaskStatus(trx, actor, t.id, 'adjusted', {}, e.change_note ?? e.reason);
    }
    await repo.updateExtension(trx, id, e.version, {
      status: approve ? 'approved' : 'rejected',
      decided_by: actor.userId,
      decided_at: at,
      decision_comment: input.comment ?? null,
      updated_at: at,
    });
    await recordEvent(trx, actor, {
      taskId: t.id,
      entity: 'extension',
      entityId: id,
      kind: `${e.kind}_${approve ? 'approved' : 'rejected'}`,
      from: 'pending',
      to: approve ? 'approved' : 'rejected',
      comment: input.comment ?? null,
      payload: { milestoneId: e.milestone_id, from: e.current_due_on, to: e.requested_due_on },
      at,
    });
    await recordAudit(trx, actor, {
      entity: 'reform_extension',
      entityId: id,
      action: approve ? 'approve' : 'reject',
      regionCode: e.region_code,
      before: { status: 'pending', dueOn: e.current_due_on },
      after: {
        status: approve ? 'approved' : 'rejected',
        dueOn: approve ? (e.requested_due_on ?? e.current_due_on) : e.current_due_on,
      },
      payload: {
        taskId: t.id,
        milestoneId: e.milestone_id,
        kind: e.kind,
        reason: e.reason,
        comment: input.comment ?? null,
      },
    });
    if (e.requested_by)
      await notifyUsers(trx, [e.requested_by], {
        kind: 'reform.extension_decided',
        title: `${e.kind === 'extension' ? '延期' : '调整'}申请${approve ? '已批准' : '未获批准'}：${t.title}`,
        body: input.comment ?? null,
        entity: 'reform_task',
        entityId: t.id,
      });
    return presentExtension(actor, (await repo.findExtension(trx, null, id))!);
  });
}
