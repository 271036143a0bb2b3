import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Region, RegionListQuery } from '../../../../contracts/schemas/org';
import type { AppDeps } from '../../http/deps';
import { listRegions } from './regions.service';

export function registerRegionRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/regions',
    {
      schema: {
        tags: ['organisation'],
        summary: 'GB/T 2260 regions (children of parentCode, or search by name/code)',
        querystring: RegionListQuery,
        response: { 200: z.object({ data: z.array(Region) }) },
      },
    },
    async (req) => ({ data: await listRegions(deps.db, req.query) }),
  );
}
