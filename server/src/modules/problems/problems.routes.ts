import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  EscalationLadderUpdate,
  Problem,
  ProblemCategoriesUpdate,
  ProblemCreate,
  ProblemEvent,
  ProblemListQuery,
  ProblemSettings,
  ProblemTransition,
  ProblemUpdate,
} from '../../../../contracts/schemas/problems';
import { registerJob } from '../../core/jobs/scheduler';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './problems.service';

export function registerProblemRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['problems'];

  registerJob({
    name: 'problems.reminders',
    everyMinutes: 60,
    run: async (db) => JSON.stringify(await service.runProblemReminders(db)),
  });

  r.get(
    '/api/v1/problems',
    {
      schema: {
        tags,
        summary: 'Problems (问题清单) within the caller’s scope',
        querystring: ProblemListQuery,
        response: { 200: pageOf(Problem) },
      },
    },
    async (req) => service.listProblems(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/problems',
    {
      schema: {
        tags,
        summary: 'Raise a problem on a record (assigned at once when ownerUnitId and dueOn are given)',
        body: ProblemCreate,
        response: { 201: dataOf(Problem) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createProblem(deps, actorOf(req), req.body) }),
  );
  r.get(
    '/api/v1/problems/:id',
    {
      schema: {
        tags,
        summary: 'One problem, with the actions the caller may take now',
        params: IdParam,
        response: { 200: dataOf(Problem) },
      },
    },
    async (req) => ({ data: await service.getProblem(deps, actorOf(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/problems/:id',
    {
      schema: {
        tags,
        summary: 'Edit a problem (raiser or coordinator; send version)',
        params: IdParam,
        body: ProblemUpdate,
        response: { 200: dataOf(Problem) },
      },
    },
    async (req) => ({ data: await service.updateProblem(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    '/api/v1/problems/:id/transition',
    {
      schema: {
        tags,
        summary:
          'Move a problem through its status machine (assign, accept, reply, resolve, confirm_close, return, hold, resume, escalate)',
        params: IdParam,
        body: ProblemTransition,
        response: { 200: dataOf(Problem) },
      },
    },
    async (req) => ({ data: await service.transitionProblem(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.get(
    '/api/v1/problems/:id/events',
    {
      schema: {
        tags,
        summary: 'Everything that happened to a problem',
        params: IdParam,
        response: { 200: z.object({ data: z.array(ProblemEvent) }) },
      },
    },
    async (req) => ({ data: await service.listEvents(deps, actorOf(req), req.params.id) }),
  );

  r.get(
    '/api/v1/problem-settings',
    {
      schema: {
        tags,
        summary: 'Problem categories, the escalation ladder and the reminder lead time',
        response: { 200: dataOf(ProblemSettings) },
      },
    },
    async (req) => ({ data: await service.getSettings(deps, actorOf(req)) }),
  );
  r.put(
    '/api/v1/problem-settings/categories',
    {
      schema: {
        tags,
        summary: 'Replace the category list (ruleset:manage)',
        body: ProblemCategoriesUpdate,
        response: { 200: dataOf(ProblemSettings) },
      },
    },
    async (req) => ({ data: await service.putCategories(deps, actorOf(req), req.body) }),
  );
  r.put(
    '/api/v1/problem-settings/escalation-ladder',
    {
      schema: {
        tags,
        summary: 'Replace the escalation ladder (ruleset:manage)',
        body: EscalationLadderUpdate.extend({ remindDaysBefore: z.number().int().min(0).max(60).optional() }),
        response: { 200: dataOf(ProblemSettings) },
      },
    },
    async (req) => ({ data: await service.putLadder(deps, actorOf(req), req.body) }),
  );
}
