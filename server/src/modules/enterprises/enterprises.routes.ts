import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, ListQuery, Ok, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  Candidate,
  CandidateCreate,
  CandidateListQuery,
  CandidateUpdate,
  Counts,
  CountsQuery,
  EligibilityQuery,
  EligibilityResult,
  Enterprise,
  EnterpriseCreate,
  EnterpriseListQuery,
  EnterpriseProject,
  EnterpriseSaved,
  EnterpriseUpdate,
  HitechCandidate,
  HitechExpiring,
  Indicators,
  IndicatorsUpsert,
  Qualification,
  QualificationCreate,
  QualificationListQuery,
  QualificationUpdate,
  RecomputeBody,
  RecomputeResult,
  RuleSet,
  RuleSetCreate,
  RuleSetListQuery,
  RuleSetUpdate,
  SoeKpis,
  SoeKpisQuery,
  ViewQuery,
  YearParam,
} from '../../../../contracts/schemas/enterprises';
import { requirePermission } from '../../core/access/scope';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { exportEnterprises } from './enterprises.excel';
import * as pool from './enterprises.pool.service';
import * as quals from './enterprises.qualifications.service';
import * as service from './enterprises.service';

/** The enterprise registry (C7): read with enterprise:read in the caller's enterprise scope; change with enterprise:manage. */
export function registerEnterpriseRoutes(app: FastifyInstance, deps: AppDeps) {
  quals.registerEnterpriseAttachmentOwners();
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['enterprises'];
  const reader = (req: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(req);
    requirePermission(actor, 'enterprise:read');
    return actor;
  };
  const manager = (req: Parameters<typeof actorOf>[0]) => {
    const actor = actorOf(req);
    requirePermission(actor, 'enterprise:manage');
    return actor;
  };

  // ── registry ──
  r.get(
    '/api/v1/enterprises',
    {
      schema: {
        tags,
        summary:
          'List enterprises in the caller’s scope (q: name, former name, credit code, pinyin initials)',
        querystring: EnterpriseListQuery,
        response: { 200: pageOf(Enterprise) },
      },
    },
    async (req) => service.listEnterprises(deps, reader(req), req.query),
  );
  r.post(
    '/api/v1/enterprises',
    {
      schema: {
        tags,
        summary: 'Register an enterprise (credit code validated; soft warnings returned)',
        body: EnterpriseCreate,
        response: { 201: EnterpriseSaved },
      },
    },
    async (req, reply) =>
      reply.status(201).send(await service.createEnterprise(deps, manager(req), req.body)),
  );
  r.get(
    '/api/v1/enterprises/export.xlsx',
    {
      schema: {
        tags,
        summary:
          'Export the filtered registry as the ledger workbook (latest year’s indicators; imports back unchanged)',
        querystring: EnterpriseListQuery,
      },
    },
    async (req, reply) => {
      const file = await exportEnterprises(deps, reader(req), req.query);
      return reply
        .header('Content-Type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.name)}`)
        .header('Cache-Control', 'private, no-store')
        .send(file.data);
    },
  );
  r.get(
    '/api/v1/enterprises/counts',
    {
      schema: {
        tags,
        summary: 'Newly recognised enterprises of a year by tier, level and region (scoped)',
        querystring: CountsQuery,
        response: { 200: dataOf(Counts) },
      },
    },
    async (req) => ({ data: await service.getCounts(deps, reader(req), req.query) }),
  );

  // ── qualifications across enterprises ──
  r.get(
    '/api/v1/enterprises/qualifications',
    {
      schema: {
        tags,
        summary: 'List qualifications (status as of today)',
        querystring: QualificationListQuery,
        response: { 200: pageOf(Qualification) },
      },
    },
    async (req) => quals.listQualifications(deps, reader(req), req.query),
  );
  r.get(
    '/api/v1/enterprises/qualifications/:id',
    {
      schema: {
        tags,
        summary: 'One qualification',
        params: IdParam,
        response: { 200: dataOf(Qualification) },
      },
    },
    async (req) => ({ data: await quals.getQualification(deps, reader(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/enterprises/qualifications/:id',
    {
      schema: {
        tags,
        summary: 'Update a qualification (send version)',
        params: IdParam,
        body: QualificationUpdate,
        response: { 200: dataOf(Qualification) },
      },
    },
    async (req) => ({ data: await quals.updateQualification(deps, manager(req), req.params.id, req.body) }),
  );
  r.delete(
    '/api/v1/enterprises/qualifications/:id',
    { schema: { tags, summary: 'Delete a qualification', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await quals.deleteQualification(deps, manager(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ── rule sets and recomputation ──
  r.get(
    '/api/v1/enterprises/rule-sets',
    {
      schema: {
        tags,
        summary: 'Eligibility rule sets (versioned, effective-dated)',
        querystring: RuleSetListQuery,
        response: { 200: z.object({ data: z.array(RuleSet) }) },
      },
    },
    async (req) => ({ data: await pool.listRuleSets(deps, reader(req), req.query) }),
  );
  r.post(
    '/api/v1/enterprises/rule-sets',
    {
      schema: {
        tags,
        summary: 'Add a rule set version (params validated per tier; draft by default)',
        body: RuleSetCreate,
        response: { 201: dataOf(RuleSet) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await pool.createRuleSet(deps, manager(req), req.body) }),
  );
  r.patch(
    '/api/v1/enterprises/rule-sets/:id',
    {
      schema: {
        tags,
        summary: 'Update a rule set (params only while a draft; send version)',
        params: IdParam,
        body: RuleSetUpdate,
        response: { 200: dataOf(RuleSet) },
      },
    },
    async (req) => ({ data: await pool.updateRuleSet(deps, manager(req), req.params.id, req.body) }),
  );
  r.post(
    '/api/v1/enterprises/eligibility/recompute',
    {
      schema: {
        tags,
        summary: 'Recompute stored eligibility in bulk (the caller’s scope)',
        body: RecomputeBody,
        response: { 200: dataOf(RecomputeResult) },
      },
    },
    async (req) => ({ data: await pool.recompute(deps, manager(req), req.body) }),
  );

  // ── views ──
  r.get(
    '/api/v1/enterprises/views/hitech-candidates',
    {
      schema: {
        tags,
        summary: 'Meets the 高企 criteria on the latest figures but holds no 高企 and has none under review',
        querystring: ViewQuery,
        response: { 200: pageOf(HitechCandidate) },
      },
    },
    async (req) => pool.hitechCandidates(deps, reader(req), req.query),
  );
  r.get(
    '/api/v1/enterprises/views/hitech-expiring',
    {
      schema: {
        tags,
        summary: '高企 whose certificate ends within withinMonths (default 12) and is not yet renewed (复审)',
        querystring: ViewQuery,
        response: { 200: pageOf(HitechExpiring) },
      },
    },
    async (req) => pool.hitechExpiring(deps, reader(req), req.query),
  );

  // ── candidate pool ──
  r.get(
    '/api/v1/enterprises/candidates',
    {
      schema: {
        tags,
        summary: 'The candidate pool (后备库) with each candidate’s current eligibility for its target tier',
        querystring: CandidateListQuery,
        response: { 200: pageOf(Candidate) },
      },
    },
    async (req) => pool.listCandidates(deps, reader(req), req.query),
  );
  r.post(
    '/api/v1/enterprises/candidates',
    {
      schema: {
        tags,
        summary: 'Add an enterprise to the candidate pool',
        body: CandidateCreate,
        response: { 201: dataOf(Candidate) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await pool.createCandidate(deps, manager(req), req.body) }),
  );
  r.get(
    '/api/v1/enterprises/candidates/:id',
    { schema: { tags, summary: 'One candidate', params: IdParam, response: { 200: dataOf(Candidate) } } },
    async (req) => ({ data: await pool.getCandidate(deps, reader(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/enterprises/candidates/:id',
    {
      schema: {
        tags,
        summary: 'Update a candidate (send version)',
        params: IdParam,
        body: CandidateUpdate,
        response: { 200: dataOf(Candidate) },
      },
    },
    async (req) => ({ data: await pool.updateCandidate(deps, manager(req), req.params.id, req.body) }),
  );
  r.delete(
    '/api/v1/enterprises/candidates/:id',
    { schema: { tags, summary: 'Remove a candidate from the pool', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await pool.deleteCandidate(deps, manager(req), req.params.id);
      return { ok: true as const };
    },
  );

  // ── one enterprise ──
  r.get(
    '/api/v1/enterprises/:id',
    {
      schema: {
        tags,
        summary: 'One enterprise with its name history and qualifications in force',
        params: IdParam,
        response: { 200: dataOf(Enterprise) },
      },
    },
    async (req) => ({ data: await service.getEnterprise(deps, reader(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/enterprises/:id',
    {
      schema: {
        tags,
        summary: 'Update an enterprise (send version; a new name keeps the old one in the history)',
        params: IdParam,
        body: EnterpriseUpdate,
        response: { 200: EnterpriseSaved },
      },
    },
    async (req) => service.updateEnterprise(deps, manager(req), req.params.id, req.body),
  );
  r.delete(
    '/api/v1/enterprises/:id',
    {
      schema: {
        tags,
        summary: 'Delete an enterprise without qualifications',
        params: IdParam,
        response: { 200: Ok },
      },
    },
    async (req) => {
      await service.deleteEnterprise(deps, manager(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/enterprises/:id/indicators',
    {
      schema: {
        tags,
        summary: 'Yearly indicators, newest first (money in 元, valuation in USD)',
        params: IdParam,
        response: { 200: z.object({ data: z.array(Indicators) }) },
      },
    },
    async (req) => ({ data: await service.listIndicators(deps, reader(req), req.params.id) }),
  );
  r.put(
    '/api/v1/enterprises/:id/indicators/:year',
    {
      schema: {
        tags,
        summary: 'Create or update one year (send version when it exists); eligibility is recomputed',
        params: YearParam,
        body: IndicatorsUpsert,
        response: { 200: dataOf(Indicators) },
      },
    },
    async (req) => ({
      data: await service.upsertIndicators(deps, manager(req), req.params.id, req.params.year, req.body),
    }),
  );
  r.delete(
    '/api/v1/enterprises/:id/indicators/:year',
    { schema: { tags, summary: 'Delete one year of indicators', params: YearParam, response: { 200: Ok } } },
    async (req) => {
      await service.deleteIndicators(deps, manager(req), req.params.id, req.params.year);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/enterprises/:id/qualifications',
    {
      schema: {
        tags,
        summary: 'Qualifications of one enterprise',
        params: IdParam,
        querystring: ListQuery,
        response: { 200: pageOf(Qualification) },
      },
    },
    async (req) => {
      // an enterprise outside the caller's scope is "not found", not an empty list
      await service.getEnterprise(deps, reader(req), req.params.id);
      return quals.listQualifications(deps, reader(req), {
        ...req.query,
        pageSize: req.query.pageSize,
        enterpriseId: req.params.id,
      });
    },
  );
  r.post(
    '/api/v1/enterprises/:id/qualifications',
    {
      schema: {
        tags,
        summary: 'Record a qualification (validTo defaults by type; isNew derived unless given)',
        params: IdParam,
        body: QualificationCreate,
        response: { 201: dataOf(Qualification) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await quals.createQualification(deps, manager(req), req.params.id, req.body) }),
  );
  r.get(
    '/api/v1/enterprises/:id/eligibility',
    {
      schema: {
        tags,
        summary: 'Eligibility per tier, explained criterion by criterion (figures and thresholds)',
        params: IdParam,
        querystring: EligibilityQuery,
        response: { 200: z.object({ data: z.array(EligibilityResult) }) },
      },
    },
    async (req) => ({ data: await service.getEligibility(deps, reader(req), req.params.id, req.query) }),
  );
  r.get(
    '/api/v1/enterprises/:id/projects',
    {
      schema: {
        tags,
        summary: 'Projects the enterprise invests in or runs (by credit code; project scope applies)',
        params: IdParam,
        querystring: ListQuery,
        response: { 200: pageOf(EnterpriseProject) },
      },
    },
    async (req) => service.listProjects(deps, reader(req), req.params.id, req.query),
  );
  r.get(
    '/api/v1/enterprises/:id/soe-kpis',
    {
      schema: {
        tags,
        summary: 'SOE 一利五率 of a year, beside the previous year',
        params: IdParam,
        querystring: SoeKpisQuery,
        response: { 200: dataOf(SoeKpis) },
      },
    },
    async (req) => ({ data: await service.getSoeKpis(deps, reader(req), req.params.id, req.query.year) }),
  );
}
