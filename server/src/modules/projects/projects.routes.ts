import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AuditEntry } from '../../../../contracts/schemas/audit';
import { IdParam, Ok, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  AnnualPlan,
  Chain,
  ChainsUpdate,
  ConfirmMilestoneInput,
  EvidenceRulesResponse,
  EvidenceRulesUpdate,
  HistoryQuery,
  Industry,
  IndustryQuery,
  MilestoneParams,
  MonthParams,
  MonthlyInput,
  MonthlyRecord,
  MonthlySeries,
  PlanInput,
  ProjectCreate,
  ProjectDetail,
  ProjectFilterQuery,
  ProjectFlagInput,
  ProjectListItem,
  ProjectListQuery,
  ProjectUpdate,
  RevokeMilestoneInput,
  SavedView,
  SavedViewCreate,
  SavedViewQuery,
  StatsByDistrictQuery,
  StatsByDistrictResponse,
  YearParams,
} from '../../../../contracts/schemas/projects';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { registerProjectAttachments } from './projects.attachments';
import { exportProjects } from './projects.export';
import * as monthly from './projects.monthly.service';
import * as reference from './projects.reference.service';
import * as service from './projects.service';

export function registerProjectRoutes(app: FastifyInstance, deps: AppDeps) {
  registerProjectAttachments();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['projects'];

  // ------------------------------------------------------------ ledger
  r.get(
    '/api/v1/projects',
    {
      schema: {
        tags,
        summary:
          'List projects (scoped; filters, sort by name|agreedInvestment|signedOn|startedOn|updatedAt|stage, q over name, codes and pinyin initials)',
        querystring: ProjectListQuery,
        response: { 200: pageOf(ProjectListItem) },
      },
    },
    async (req) => service.listProjects(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/projects',
    {
      schema: {
        tags,
        summary: 'Create a project (money in 元)',
        body: ProjectCreate,
        response: { 201: dataOf(ProjectDetail) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createProject(deps, actorOf(req), req.body) }),
  );
  r.get(
    '/api/v1/projects/export.xlsx',
    {
      schema: {
        tags,
        summary: 'Export the filtered list as the ledger workbook (imports back unchanged)',
        querystring: ProjectFilterQuery.extend({ sort: z.string().max(40).optional() }),
      },
    },
    async (req, reply) => {
      const file = await exportProjects(deps, actorOf(req), req.query);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('Cache-Control', 'private, no-store')
        .send(file.data);
    },
  );
  r.get(
    '/api/v1/projects/stats/by-district',
    {
      schema: {
        tags,
        summary: 'Per district: projects, Σ agreed, started, Σ year-to-date investment (scoped)',
        querystring: StatsByDistrictQuery,
        response: { 200: StatsByDistrictResponse },
      },
    },
    async (req) => reference.statsByDistrict(deps, actorOf(req), req.query.year),
  );
  r.get(
    '/api/v1/projects/evidence-rules',
    {
      schema: {
        tags,
        summary: 'Evidence rules of gated milestones, and the document types',
        response: { 200: EvidenceRulesResponse },
      },
    },
    async (req) => reference.listEvidenceRules(deps, actorOf(req)),
  );
  r.put(
    '/api/v1/projects/evidence-rules',
    {
      schema: {
        tags,
        summary: 'Create or update evidence rules (ruleset:manage)',
        body: EvidenceRulesUpdate,
        response: { 200: EvidenceRulesResponse },
      },
    },
    async (req) => reference.updateEvidenceRules(deps, actorOf(req), req.body),
  );
  r.get(
    '/api/v1/projects/:id',
    {
      schema: {
        tags,
        summary:
          'One project: fields, derived industry path, milestone timeline, latest month, plan progress',
        params: IdParam,
        response: { 200: dataOf(ProjectDetail) },
      },
    },
    async (req) => ({ data: await service.getProject(deps, actorOf(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/projects/:id',
    {
      schema: {
        tags,
        summary:
          'Update a project (optimistic: send version; actual dates of gated milestones only via confirm)',
        params: IdParam,
        body: ProjectUpdate,
        response: { 200: dataOf(ProjectDetail) },
      },
    },
    async (req) => ({ data: await service.updateProject(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.delete(
    '/api/v1/projects/:id',
    {
      schema: {
        tags,
        summary: 'Delete a project',
        params: IdParam,
        querystring: z.object({ version: z.coerce.number().int().min(1).optional() }),
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteProject(deps, actorOf(req), req.params.id, req.query.version);
      return { ok: true as const };
    },
  );
  for (const op of ['terminate', 'suspend', 'resume'] as const) {
    r.post(
      `/api/v1/projects/:id/${op}`,
      {
        schema: {
          tags,
          summary: `${op === 'terminate' ? '终止' : op === 'suspend' ? '暂缓' : '恢复'} (reason required)`,
          params: IdParam,
          body: ProjectFlagInput,
          response: { 200: dataOf(ProjectDetail) },
        },
      },
      async (req) => ({
        data: await service.setProjectFlag(deps, actorOf(req), req.params.id, op, req.body),
      }),
    );
  }
  r.post(
    '/api/v1/projects/:id/milestones/:milestone/confirm',
    {
      schema: {
        tags,
        summary: 'Confirm a gated milestone with evidence attachments',
        params: MilestoneParams,
        body: ConfirmMilestoneInput,
        response: { 200: dataOf(ProjectDetail) },
      },
    },
    async (req) => ({
      data: await service.confirmMilestone(deps, actorOf(req), req.params.id, req.params.milestone, req.body),
    }),
  );
  r.post(
    '/api/v1/projects/:id/milestones/:milestone/revoke',
    {
      schema: {
        tags,
        summary: 'Withdraw a confirmed milestone (reason required)',
        params: MilestoneParams,
        body: RevokeMilestoneInput,
        response: { 200: dataOf(ProjectDetail) },
      },
    },
    async (req) => ({
      data: await service.revokeMilestone(deps, actorOf(req), req.params.id, req.params.milestone, req.body),
    }),
  );
  r.get(
    '/api/v1/projects/:id/history',
    {
      schema: {
        tags,
        summary: 'The project’s audit entries (needs only read access to the project)',
        params: IdParam,
        querystring: HistoryQuery,
        response: { 200: pageOf(AuditEntry) },
      },
    },
    async (req) => service.projectHistory(deps, actorOf(req), req.params.id, req.query),
  );

  // ------------------------------------------------------------ monthly progress and annual plans
  r.get(
    '/api/v1/projects/:id/monthly',
    {
      schema: {
        tags,
        summary: 'Monthly series for the chart, with targets and completion rates',
        params: IdParam,
        response: { 200: MonthlySeries },
      },
    },
    async (req) => monthly.monthlySeries(deps, actorOf(req), req.params.id),
  );
  r.get(
    '/api/v1/projects/:id/monthly/:month',
    {
      schema: {
        tags,
        summary: 'One month’s report',
        params: MonthParams,
        response: { 200: dataOf(MonthlyRecord) },
      },
    },
    async (req) => ({ data: await monthly.getMonthly(deps, actorOf(req), req.params.id, req.params.month) }),
  );
  r.put(
    '/api/v1/projects/:id/monthly/:month',
    {
      schema: {
        tags,
        summary:
          'Report a month (month investment, or the cumulative figures as reported; 1–2月 on February)',
        params: MonthParams,
        body: MonthlyInput,
        response: { 200: dataOf(MonthlyRecord) },
      },
    },
    async (req) => ({
      data: await monthly.putMonthly(deps, actorOf(req), req.params.id, req.params.month, req.body),
    }),
  );
  r.get(
    '/api/v1/projects/:id/plans/:year',
    {
      schema: {
        tags,
        summary: 'Annual plan and its target curve',
        params: YearParams,
        response: { 200: dataOf(AnnualPlan) },
      },
    },
    async (req) => ({ data: await monthly.getPlan(deps, actorOf(req), req.params.id, req.params.year) }),
  );
  r.put(
    '/api/v1/projects/:id/plans/:year',
    {
      schema: {
        tags,
        summary: 'Set the annual plan (元) and optionally a 12-month cumulative target curve',
        params: YearParams,
        body: PlanInput,
        response: { 200: dataOf(AnnualPlan) },
      },
    },
    async (req) => ({
      data: await monthly.putPlan(deps, actorOf(req), req.params.id, req.params.year, req.body),
    }),
  );

  // ------------------------------------------------------------ reference lists
  r.get(
    '/api/v1/chains',
    {
      schema: {
        tags,
        summary: 'Industrial chains (configurable list)',
        querystring: z.object({ all: z.enum(['true', 'false']).optional() }),
        response: { 200: z.object({ data: z.array(Chain) }) },
      },
    },
    async (req) => {
      actorOf(req);
      return { data: await reference.listChains(deps, req.query.all !== 'true') };
    },
  );
  r.put(
    '/api/v1/chains',
    {
      schema: {
        tags,
        summary: 'Replace the chain list (ruleset:manage; unlisted chains are deactivated)',
        body: ChainsUpdate,
        response: { 200: z.object({ data: z.array(Chain) }) },
      },
    },
    async (req) => ({ data: await reference.replaceChains(deps, actorOf(req), req.body) }),
  );
  r.get(
    '/api/v1/industries',
    {
      schema: {
        tags,
        summary: 'GB/T 4754-2017 classes (picker): q, section, level 1–4, parent',
        querystring: IndustryQuery,
        response: { 200: z.object({ data: z.array(Industry) }) },
      },
    },
    async (req) => {
      actorOf(req);
      return { data: await reference.listIndustries(deps, req.query) };
    },
  );
  r.get(
    '/api/v1/saved-views',
    {
      schema: {
        tags,
        summary: 'My saved list views of a ledger',
        querystring: SavedViewQuery,
        response: { 200: z.object({ data: z.array(SavedView) }) },
      },
    },
    async (req) => ({ data: await reference.listSavedViews(deps, actorOf(req), req.query.ledger) }),
  );
  r.post(
    '/api/v1/saved-views',
    {
      schema: {
        tags,
        summary: 'Save a list view',
        body: SavedViewCreate,
        response: { 201: dataOf(SavedView) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await reference.createSavedView(deps, actorOf(req), req.body) }),
  );
  r.delete(
    '/api/v1/saved-views/:id',
    { schema: { tags, summary: 'Delete one of my saved views', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await reference.deleteSavedView(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
}
