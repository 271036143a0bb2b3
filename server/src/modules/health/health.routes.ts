import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppDeps } from '../../http/deps';

export const VERSION = '0.1.0';

export function registerHealthRoutes(app: FastifyInstance, deps: AppDeps) {
  app.get('/api/health', { config: { public: true }, schema: { tags: ['health'], summary: 'Liveness and database health' } }, async (_req, reply) => {
    const started = performance.now();
    try {
      await sql`select 1`.execute(deps.db);
      return { status: 'ok', version: VERSION, database: { engine: deps.engine, ok: true, latencyMs: Math.round((performance.now() - started) * 100) / 100 } };
    } catch (err) {
      return reply.status(503).send({ status: 'degraded', version: VERSION, database: { engine: deps.engine, ok: false, error: String((err as Error).message) } });
    }
  });
}
