import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  AreaCreate,
  AreaUpdate,
  Blocker,
  BlockerInput,
  Board,
  Changes,
  ChangesQuery,
  CompleteInput,
  Contribution,
  ContributionInput,
  ExpectedPeriod,
  Extension,
  ExtensionCreate,
  ExtensionDecide,
  ExtensionListQuery,
  Finding,
  FindingCreate,
  FindingListQuery,
  FindingUpdate,
  ItemCreate,
  ItemUpdate,
  LockInput,
  MilestoneInput,
  MilestoneUpdate,
  PeriodLock,
  PeriodParam,
  ReformArea,
  ReformEvent,
  ReformSettings,
  ReformTask,
  Report,
  ReportCreate,
  ReportListQuery,
  ReportPeriod,
  ReportReview,
  ReportSubmit,
  ReportUpdate,
  RuleSet,
  RuleSetCreate,
  RuleSetUpdate,
  Scores,
  ScoresQuery,
  TaskCreate,
  TaskListQuery,
  TaskPeriodParam,
  TaskUpdate,
  UnlockInput,
  VerifyInput,
} from '../../../../contracts/schemas/reform';
import { registerJob } from '../../core/jobs/scheduler';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as assessment from './reform.assessment.service';
import { writeDemoEvidenceFiles } from './reform.demo';
import { exportTasks } from './reform.export.service';
import * as reporting from './reform.reporting.service';
import * as service from './reform.service';
import * as verify from './reform.verify.service';

/**
 * 改革攻坚台账 API. Reads need reform:read; the lead unit's writes reform:manage (and the task in its scope);
 * the reform office's verification, returns, approvals, scoring rules, findings and period locks reform:verify.
 */
export function registerReformRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['reform'];
  const P = '/api/v1/reform';

  registerJob({
    name: 'reform-reminders',
    everyMinutes: 60,
    run: async (db) => `notified ${(await reporting.runReformReminders(db)).notified}`,
  });
  app.addHook('onReady', async () => {
    await writeDemoEvidenceFiles(deps.db, deps.config.dataDir);
  });

  // ── areas and items ──
  r.get(
    `${P}/areas`,
    {
      schema: {
        tags,
        summary: 'Reform areas with their key items',
        response: { 200: z.object({ data: z.array(ReformArea) }) },
      },
    },
    async (req) => ({
      data: await service.listAreas(deps, actorOf(req)),
    }),
  );
  r.post(
    `${P}/areas`,
    {
      schema: {
        tags,
        summary: 'Create a reform area (reform office)',
        body: AreaCreate,
        response: { 201: z.object({ data: z.array(ReformArea) }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createArea(deps, actorOf(req), req.body) }),
  );
  r.patch(
    `${P}/areas/:id`,
    {
      schema: {
        tags,
        summary: 'Update a reform area',
        params: IdParam,
        body: AreaUpdate,
        response: { 200: z.object({ data: z.array(ReformArea) }) },
      },
    },
    async (req) => ({
      data: await service.updateArea(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.delete(
    `${P}/areas/:id`,
    { schema: { tags, summary: 'Delete an empty reform area', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.deleteArea(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    `${P}/items`,
    {
      schema: {
        tags,
        summary: 'Create a key reform item in an area',
        body: ItemCreate,
        response: { 201: z.object({ data: z.array(ReformArea) }) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createItem(deps, actorOf(req), req.body) }),
  );
  r.patch(
    `${P}/items/:id`,
    {
      schema: {
        tags,
        summary: 'Update a key reform item',
        params: IdParam,
        body: ItemUpdate,
        response: { 200: z.object({ data: z.array(ReformArea) }) },
      },
    },
    async (req) => ({
      data: await service.updateItem(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.delete(
    `${P}/items/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a key reform item without tasks',
        params: IdParam,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteItem(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ── tasks ──
  r.get(
    `${P}/tasks`,
    {
      schema: {
        tags,
        summary: 'List reform tasks (scoped)',
        querystring: TaskListQuery,
        response: { 200: pageOf(ReformTask) },
      },
    },
    async (req) => service.listTasks(deps, actorOf(req), req.query),
  );
  r.post(
    `${P}/tasks`,
    {
      schema: {
        tags,
        summary: 'Create a reform task',
        body: TaskCreate,
        response: { 201: dataOf(ReformTask) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createTask(deps, actorOf(req), req.body) }),
  );
  r.get(
    `${P}/tasks/export.xlsx`,
    {
      schema: {
        tags,
        summary: 'Export the reform ledger (台账 layout; imports back unchanged)',
        querystring: TaskListQuery,
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const file = await exportTasks(deps, actor, req.query);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('Cache-Control', 'private, no-store')
        .send(file.data);
    },
  );
  r.get(
    `${P}/tasks/:id`,
    {
      schema: {
        tags,
        summary: 'One reform task with milestones, targets, blockers',
        params: IdParam,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await service.getTask(deps, actorOf(req), req.params.id),
    }),
  );
  r.patch(
    `${P}/tasks/:id`,
    {
      schema: {
        tags,
        summary: 'Update a reform task (optimistic: send version)',
        params: IdParam,
        body: TaskUpdate,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await service.updateTask(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.delete(
    `${P}/tasks/:id`,
    {
      schema: { tags, summary: 'Delete a task that has not started', params: IdParam, response: { 200: Ok } },
    },
    async (req) => {
      await service.deleteTask(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.get(
    `${P}/tasks/:id/events`,
    {
      schema: {
        tags,
        summary: 'The task timeline',
        params: IdParam,
        response: { 200: z.object({ data: z.array(ReformEvent) }) },
      },
    },
    async (req) => ({
      data: await service.listTaskEvents(deps, actorOf(req), req.params.id),
    }),
  );
  r.get(
    `${P}/tasks/:id/periods`,
    {
      schema: {
        tags,
        summary: 'Expected report periods of the task and their state',
        params: IdParam,
        response: { 200: z.object({ data: z.array(ExpectedPeriod) }) },
      },
    },
    async (req) => ({
      data: await reporting.taskPeriods(deps, actorOf(req), req.params.id),
    }),
  );
  r.post(
    `${P}/tasks/:id/milestones`,
    {
      schema: {
        tags,
        summary: 'Add a milestone',
        params: IdParam,
        body: MilestoneInput,
        response: { 201: dataOf(ReformTask) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await service.addMilestone(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    `${P}/tasks/:id/complete`,
    {
      schema: {
        tags,
        summary: 'The lead unit declares the task done (awaits verification)',
        params: IdParam,
        body: CompleteInput,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await verify.completeTask(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.post(
    `${P}/tasks/:id/verify`,
    {
      schema: {
        tags,
        summary: 'The reform office verifies against the evidence and closes (pass) or returns',
        params: IdParam,
        body: VerifyInput,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await verify.verifyTask(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.post(
    `${P}/tasks/:id/blockers`,
    {
      schema: {
        tags,
        summary: 'Raise a blocker (a problem of the shared problem list)',
        params: IdParam,
        body: BlockerInput,
        response: { 201: dataOf(Blocker) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await service.raiseBlocker(deps, actorOf(req), req.params.id, req.body) }),
  );

  // ── milestones ──
  r.patch(
    `${P}/milestones/:id`,
    {
      schema: {
        tags,
        summary: 'Update a pending milestone',
        params: IdParam,
        body: MilestoneUpdate,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await service.updateMilestone(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.delete(
    `${P}/milestones/:id`,
    {
      schema: {
        tags,
        summary: 'Delete a pending milestone',
        params: IdParam,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await service.deleteMilestone(deps, actorOf(req), req.params.id),
    }),
  );
  r.post(
    `${P}/milestones/:id/complete`,
    {
      schema: {
        tags,
        summary: 'The lead unit declares a milestone done',
        params: IdParam,
        body: CompleteInput,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await verify.completeMilestone(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.post(
    `${P}/milestones/:id/verify`,
    {
      schema: {
        tags,
        summary: 'Verify (close) or return a milestone',
        params: IdParam,
        body: VerifyInput,
        response: { 200: dataOf(ReformTask) },
      },
    },
    async (req) => ({
      data: await verify.verifyMilestone(deps, actorOf(req), req.params.id, req.body),
    }),
  );

  // ── reports and contributions ──
  r.get(
    `${P}/reports`,
    {
      schema: {
        tags,
        summary: 'Progress reports; with period=YYYY-MM the ones due that month (the snapshot when locked)',
        querystring: ReportListQuery,
        response: { 200: pageOf(Report).extend({ locked: z.boolean() }) },
      },
    },
    async (req) => reporting.listReports(deps, actorOf(req), req.query),
  );
  r.post(
    `${P}/tasks/:id/reports`,
    {
      schema: {
        tags,
        summary: 'Create a report for a period (draft, or submit: true)',
        params: IdParam,
        body: ReportCreate,
        response: { 201: dataOf(Report) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await reporting.createReport(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.get(
    `${P}/reports/:id`,
    {
      schema: {
        tags,
        summary: 'One report with evidence, blockers and co-unit contributions',
        params: IdParam,
        response: { 200: dataOf(Report) },
      },
    },
    async (req) => ({
      data: await reporting.getReport(deps, actorOf(req), req.params.id),
    }),
  );
  r.patch(
    `${P}/reports/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a draft or returned report',
        params: IdParam,
        body: ReportUpdate,
        response: { 200: dataOf(Report) },
      },
    },
    async (req) => ({
      data: await reporting.updateReport(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.post(
    `${P}/reports/:id/submit`,
    {
      schema: {
        tags,
        summary: 'Submit (or resubmit) a report',
        params: IdParam,
        body: ReportSubmit,
        response: { 200: dataOf(Report) },
      },
    },
    async (req) => ({
      data: await reporting.submitReport(deps, actorOf(req), req.params.id, req.body.version),
    }),
  );
  r.post(
    `${P}/reports/:id/review`,
    {
      schema: {
        tags,
        summary: 'The reform office accepts or returns (with comments) a report',
        params: IdParam,
        body: ReportReview,
        response: { 200: dataOf(Report) },
      },
    },
    async (req) => ({
      data: await reporting.reviewReport(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.get(
    `${P}/tasks/:id/contributions`,
    {
      schema: {
        tags,
        summary: 'Co-unit contributions of a task',
        params: IdParam,
        querystring: z.object({ period: ReportPeriod.optional() }),
        response: { 200: z.object({ data: z.array(Contribution) }) },
      },
    },
    async (req) => ({
      data: await reporting.listContributions(deps, actorOf(req), req.params.id, req.query.period),
    }),
  );
  r.put(
    `${P}/tasks/:id/contributions/:period`,
    {
      schema: {
        tags,
        summary: 'A co-unit writes (submit: true files) its part of a period',
        params: TaskPeriodParam,
        body: ContributionInput,
        response: { 200: dataOf(Contribution) },
      },
    },
    async (req) => ({
      data: await reporting.upsertContribution(
        deps,
        actorOf(req),
        req.params.id,
        req.params.period,
        req.body,
      ),
    }),
  );

  // ── extensions ──
  r.get(
    `${P}/extensions`,
    {
      schema: {
        tags,
        summary: 'Extension and adjustment requests',
        querystring: ExtensionListQuery,
        response: { 200: pageOf(Extension) },
      },
    },
    async (req) => verify.listExtensions(deps, actorOf(req), req.query),
  );
  r.post(
    `${P}/tasks/:id/extensions`,
    {
      schema: {
        tags,
        summary: 'Request an extension (延期) or adjustment (调整)',
        params: IdParam,
        body: ExtensionCreate,
        response: { 201: dataOf(Extension) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await verify.requestExtension(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    `${P}/extensions/:id/decide`,
    {
      schema: {
        tags,
        summary: 'Approve or reject a request (reform office)',
        params: IdParam,
        body: ExtensionDecide,
        response: { 200: dataOf(Extension) },
      },
    },
    async (req) => ({
      data: await verify.decideExtension(deps, actorOf(req), req.params.id, req.body),
    }),
  );

  // ── assessment ──
  r.get(
    `${P}/scores`,
    {
      schema: {
        tags,
        summary: 'Task and unit scores with ranks and the method (snapshot when the month is locked)',
        querystring: ScoresQuery,
        response: { 200: dataOf(Scores) },
      },
    },
    async (req) => ({
      data: await assessment.getScores(deps, actorOf(req), req.query.period),
    }),
  );
  r.get(
    `${P}/rule-sets`,
    {
      schema: {
        tags,
        summary: 'Scoring rule sets (versions)',
        response: { 200: z.object({ data: z.array(RuleSet) }) },
      },
    },
    async (req) => ({
      data: await assessment.listRuleSets(deps, actorOf(req)),
    }),
  );
  r.post(
    `${P}/rule-sets`,
    {
      schema: {
        tags,
        summary: 'Create a scoring rule set (draft)',
        body: RuleSetCreate,
        response: { 201: dataOf(RuleSet) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await assessment.createRuleSet(deps, actorOf(req), req.body) }),
  );
  r.patch(
    `${P}/rule-sets/:id`,
    {
      schema: {
        tags,
        summary: 'Edit a draft rule set',
        params: IdParam,
        body: RuleSetUpdate,
        response: { 200: dataOf(RuleSet) },
      },
    },
    async (req) => ({
      data: await assessment.updateRuleSet(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.post(
    `${P}/rule-sets/:id/activate`,
    {
      schema: {
        tags,
        summary: 'Put a rule set in force',
        params: IdParam,
        response: { 200: dataOf(RuleSet) },
      },
    },
    async (req) => ({
      data: await assessment.setRuleSetStatus(deps, actorOf(req), req.params.id, 'active'),
    }),
  );
  r.post(
    `${P}/rule-sets/:id/retire`,
    { schema: { tags, summary: 'Retire a rule set', params: IdParam, response: { 200: dataOf(RuleSet) } } },
    async (req) => ({
      data: await assessment.setRuleSetStatus(deps, actorOf(req), req.params.id, 'retired'),
    }),
  );
  r.get(
    `${P}/findings`,
    {
      schema: {
        tags,
        summary: '督察 findings (deductions)',
        querystring: FindingListQuery,
        response: { 200: pageOf(Finding) },
      },
    },
    async (req) => assessment.listFindings(deps, actorOf(req), req.query),
  );
  r.post(
    `${P}/findings`,
    {
      schema: {
        tags,
        summary: 'Record a 督察 finding',
        body: FindingCreate,
        response: { 201: dataOf(Finding) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await assessment.createFinding(deps, actorOf(req), req.body) }),
  );
  r.patch(
    `${P}/findings/:id`,
    {
      schema: {
        tags,
        summary: 'Update a finding',
        params: IdParam,
        body: FindingUpdate,
        response: { 200: dataOf(Finding) },
      },
    },
    async (req) => ({
      data: await assessment.updateFinding(deps, actorOf(req), req.params.id, req.body),
    }),
  );
  r.delete(
    `${P}/findings/:id`,
    { schema: { tags, summary: 'Delete a finding', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await assessment.deleteFinding(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ── periods ──
  r.get(
    `${P}/periods`,
    {
      schema: {
        tags,
        summary: 'Locked (and unlocked) months',
        response: { 200: z.object({ data: z.array(PeriodLock) }) },
      },
    },
    async (req) => ({
      data: await assessment.listLocks(deps, actorOf(req)),
    }),
  );
  r.get(
    `${P}/periods/:period/board`,
    {
      schema: {
        tags,
        summary: 'The month’s reporting board: who reported, who did not (snapshot when locked)',
        params: PeriodParam,
        response: { 200: dataOf(Board) },
      },
    },
    async (req) => ({
      data: await reporting.getBoard(deps, actorOf(req), req.params.period),
    }),
  );
  r.post(
    `${P}/periods/:period/lock`,
    {
      schema: {
        tags,
        summary: 'Lock a month: snapshot its reports, board and scores',
        params: PeriodParam,
        body: LockInput,
        response: { 200: dataOf(PeriodLock) },
      },
    },
    async (req) => ({
      data: await assessment.lockPeriod(deps, actorOf(req), req.params.period, req.body.note ?? null),
    }),
  );
  r.post(
    `${P}/periods/:period/unlock`,
    {
      schema: {
        tags,
        summary: 'Unlock a month (reason required, audited)',
        params: PeriodParam,
        body: UnlockInput,
        response: { 200: dataOf(PeriodLock) },
      },
    },
    async (req) => ({
      data: await assessment.unlockPeriod(deps, actorOf(req), req.params.period, req.body.reason),
    }),
  );
  r.get(
    `${P}/changes`,
    {
      schema: {
        tags,
        summary:
          'What changed between two months (status, progress, score; blockers; newly overdue milestones)',
        querystring: ChangesQuery,
        response: { 200: dataOf(Changes) },
      },
    },
    async (req) => ({
      data: await assessment.getChanges(deps, actorOf(req), req.query.from, req.query.to),
    }),
  );

  // ── settings ──
  r.get(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: 'Reporting cadence settings (due days, reminders, to-do window)',
        response: { 200: dataOf(ReformSettings) },
      },
    },
    async (req) => ({
      data: await service.getSettings(deps, actorOf(req)),
    }),
  );
  r.put(
    `${P}/settings`,
    {
      schema: {
        tags,
        summary: 'Change the cadence settings (reform office)',
        body: ReformSettings,
        response: { 200: dataOf(ReformSettings) },
      },
    },
    async (req) => ({
      data: await service.putSettings(deps, actorOf(req), req.body),
    }),
  );
}
