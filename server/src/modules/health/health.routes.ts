import type { FastifyInstance } from 'fastify';
import type { AppDeps } from '../../http/deps';
import { VERSION, checkDatabase } from './health.service';

export { VERSION };

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get(
    '/api/health',
    { config: { public: true }, schema: { tags: ['health'], summary: 'Liveness and database health' } },
    async (_req, reply) => {
      const database = await checkDatabase(deps.db);
      const body = {
        status: database.ok ? 'ok' : 'degraded',
        version: VERSION,
        database: { engine: deps.engine, ...database },
      };
      return database.ok ? body : reply.status(503).send(body);
    },
  );
}
