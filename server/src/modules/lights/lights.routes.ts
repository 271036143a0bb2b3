import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, dataOf } from '../../../../contracts/schemas/common';
import {
  LightOverride,
  LightOverrideCreate,
  LightOverrideDecision,
  LightOverrideListQuery,
  LightRecomputeResult,
  LightRuleSet,
  LightRuleSetActivate,
  LightRuleSetCreate,
  LightRuleSetUpdate,
  LightSummary,
  LightSummaryQuery,
  ProjectLights,
} from '../../../../contracts/schemas/lights';
import { registerJob } from '../../core/jobs/scheduler';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { writeCoordinationDemoFiles } from './coordination.demo';
import * as service from './lights.service';

export function registerLightRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['lights'];

  // Lights follow the data: the projects module calls recomputeProjectLight on each change; this job catches
  // the passing of time (a planned start going by, a month's report falling due) and expired overrides.
  registerJob({
    name: 'lights.recompute',
    everyMinutes: 60,
    run: async (db) => JSON.stringify(await service.recomputeAllLights({ db }, 'schedule')),
  });
  // the demo records its closure evidence; the files are written here, where DATA_DIR is known
  app.addHook('onReady', async () => {
    await writeCoordinationDemoFiles(deps.db, deps.config.dataDir);
  });

  r.get(
    '/api/v1/light-rule-sets',
    {
      schema: {
        tags,
        summary: 'Traffic-light rule sets (versioned, effective-dated)',
        response: { 200: z.object({ data: z.array(LightRuleSet) }) },
      },
    },
    async (req) => ({ data: await service.listRuleSets(deps, actorOf(req)) }),
  );
  r.get(
    '/api/v1/light-rule-sets/:id',
    { schema: { tags, summary: 'One rule set', params: IdParam, response: { 200: dataOf(LightRuleSet) } } },
    async (req) => ({ data: await service.getRuleSet(deps, actorOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/light-rule-sets',
    {
      schema: {
        tags,
        summary: 'Create a draft rule set (params, or copyFromId)',
        body: LightRuleSetCreate,
        response: { 201: dataOf(LightRuleSet) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createRuleSet(deps, actorOf(req), req.body) }),
  );
  r.patch(
    '/api/v1/light-rule-sets/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft rule set (send version)',
        params: IdParam,
        body: LightRuleSetUpdate,
        response: { 200: dataOf(LightRuleSet) },
      },
    },
    async (req) => ({ data: await service.updateRuleSet(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    '/api/v1/light-rule-sets/:id/activate',
    {
      schema: {
        tags,
        summary: 'Activate a rule set (retires the active one) and recompute every light',
        params: IdParam,
        body: LightRuleSetActivate,
        response: { 200: z.object({ data: LightRuleSet, recompute: LightRecomputeResult }) },
      },
    },
    async (req) => service.activateRuleSet(deps, actorOf(req), req.params.id, req.body),
  );

  r.get(
    '/api/v1/projects/:id/lights',
    {
      schema: {
        tags,
        summary: "A project's light: which rule fired on which figures, since when, and the history",
        params: IdParam,
        response: { 200: dataOf(ProjectLights) },
      },
    },
    async (req) => ({ data: await service.getProjectLights(deps, actorOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/projects/:id/light-override',
    {
      schema: {
        tags,
        summary: 'Request a 正当理由 override (needs another person’s approval)',
        params: IdParam,
        body: LightOverrideCreate,
        response: { 201: dataOf(LightOverride) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await service.requestOverride(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.get(
    '/api/v1/light-overrides',
    {
      schema: {
        tags,
        summary: 'Override requests within the caller’s project scope',
        querystring: LightOverrideListQuery,
        response: { 200: z.object({ data: z.array(LightOverride) }) },
      },
    },
    async (req) => ({ data: await service.listOverrides(deps, actorOf(req), req.query) }),
  );
  for (const action of ['approve', 'reject'] as const) {
    r.post(
      `/api/v1/light-overrides/:id/${action}`,
      {
        schema: {
          tags,
          summary: `${action === 'approve' ? 'Approve' : 'Reject'} an override (light:override; not the requester)`,
          params: IdParam,
          body: LightOverrideDecision,
          response: { 200: dataOf(LightOverride) },
        },
      },
      async (req) => ({
        data: await service.decideOverride(deps, actorOf(req), req.params.id, action, req.body.note),
      }),
    );
  }
  r.post(
    '/api/v1/light-overrides/:id/revoke',
    {
      schema: {
        tags,
        summary: 'Withdraw a request or end an approved override',
        params: IdParam,
        body: LightOverrideDecision,
        response: { 200: dataOf(LightOverride) },
      },
    },
    async (req) => ({ data: await service.revokeOverride(deps, actorOf(req), req.params.id, req.body.note) }),
  );

  r.get(
    '/api/v1/lights/summary',
    {
      schema: {
        tags,
        summary: 'Projects by light colour (and by region), within the caller’s scope',
        querystring: LightSummaryQuery,
        response: { 200: dataOf(LightSummary) },
      },
    },
    async (req) => ({ data: await service.lightSummary(deps, actorOf(req), req.query.regionCode) }),
  );
  r.post(
    '/api/v1/lights/recompute',
    {
      schema: {
        tags,
        summary: 'Recompute every project’s light now (ruleset:manage)',
        response: { 200: dataOf(LightRecomputeResult) },
      },
    },
    async (req) => ({ data: await service.recomputeAllByHand(deps, actorOf(req)) }),
  );
}
