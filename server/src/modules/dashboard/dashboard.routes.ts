import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dataOf } from '../../../../contracts/schemas/common';
import { Dashboard, DashboardQuery } from '../../../../contracts/schemas/results';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './dashboard.service';

export function registerDashboardRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/dashboard',
    {
      schema: {
        tags: ['results'],
        summary:
          '驾驶舱: headline cards, funnel, investment by district, trend, lights, overdue problems, enterprises, reform — each with a drill descriptor',
        querystring: DashboardQuery,
        response: { 200: dataOf(Dashboard) },
      },
    },
    async (req) => ({ data: await service.getDashboard(deps, actorOf(req), req.query) }),
  );
}
