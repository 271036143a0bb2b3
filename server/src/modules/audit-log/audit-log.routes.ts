import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AuditEntry, AuditQuery } from '../../../../contracts/schemas/audit';
import { pageOf } from '../../../../contracts/schemas/common';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { listAudit } from './audit-log.service';

export function registerAuditRoutes(app: FastifyInstance, deps: AppDeps) {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/v1/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'The audit log (newest first), within the caller’s scope',
        querystring: AuditQuery,
        response: { 200: pageOf(AuditEntry) },
      },
    },
    async (req) => listAudit(deps, actorOf(req), req.query),
  );
}
