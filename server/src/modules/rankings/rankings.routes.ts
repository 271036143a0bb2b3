import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, VersionField, dataOf } from '../../../../contracts/schemas/common';
import {
  RankingMethod,
  RankingMethodCreate,
  RankingMethodListQuery,
  RankingMethodUpdate,
  RankingQuery,
  RankingTable,
} from '../../../../contracts/schemas/results';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './rankings.service';

export function registerRankingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['results'];
  const Version = z.object(VersionField);

  r.get(
    '/api/v1/rankings',
    {
      schema: {
        tags,
        summary:
          '比学赶超 table of a period (method = id, else the active method of `subject` for the period kind), with the method published beside it',
        querystring: RankingQuery,
        response: { 200: dataOf(RankingTable) },
      },
    },
    async (req) => ({ data: await service.getRanking(deps, actorOf(req), req.query) }),
  );
  r.get(
    '/api/v1/ranking-methods',
    {
      schema: {
        tags,
        summary: 'Ranking methods',
        querystring: RankingMethodListQuery,
        response: { 200: z.object({ data: z.array(RankingMethod) }) },
      },
    },
    async (req) => ({ data: await service.listMethods(deps, actorOf(req), req.query) }),
  );
  r.get(
    '/api/v1/ranking-methods/:id',
    {
      schema: {
        tags,
        summary: 'One ranking method',
        params: IdParam,
        response: { 200: dataOf(RankingMethod) },
      },
    },
    async (req) => ({ data: await service.getMethod(deps, actorOf(req), req.params.id) }),
  );
  r.post(
    '/api/v1/ranking-methods',
    {
      schema: {
        tags,
        summary: 'New ranking method (a draft; reform:manage)',
        body: RankingMethodCreate,
        response: { 201: dataOf(RankingMethod) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createMethod(deps, actorOf(req), req.body) }),
  );
  r.patch(
    '/api/v1/ranking-methods/:id',
    {
      schema: {
        tags,
        summary: 'Edit a draft method (send version)',
        params: IdParam,
        body: RankingMethodUpdate,
        response: { 200: dataOf(RankingMethod) },
      },
    },
    async (req) => ({ data: await service.updateMethod(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    '/api/v1/ranking-methods/:id/activate',
    {
      schema: {
        tags,
        summary: 'Activate a draft (retires the active method of the same subject and period kind)',
        params: IdParam,
        body: Version,
        response: { 200: dataOf(RankingMethod) },
      },
    },
    async (req) => ({
      data: await service.activateMethod(deps, actorOf(req), req.params.id, req.body.version),
    }),
  );
  r.post(
    '/api/v1/ranking-methods/:id/retire',
    {
      schema: {
        tags,
        summary: 'Retire an active method',
        params: IdParam,
        body: Version,
        response: { 200: dataOf(RankingMethod) },
      },
    },
    async (req) => ({
      data: await service.retireMethod(deps, actorOf(req), req.params.id, req.body.version),
    }),
  );
}
