import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { Oc4idsQuery } from '../../../../contracts/schemas/results';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './oc4ids.service';

export function registerOc4idsRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    '/api/v1/oc4ids/project-package.json',
    {
      schema: {
        tags: ['results'],
        summary: 'The project pipeline as an OC4IDS project package (scoped; signed projects by default)',
        querystring: Oc4idsQuery,
      },
    },
    async (req, reply) => {
      const uri = `${req.protocol}://${req.host}${req.url}`;
      const pkg = await service.projectPackage(deps, actorOf(req), req.query, uri);
      return reply.type('application/json; charset=utf-8').header('Cache-Control', 'no-store').send(pkg);
    },
  );
}
