import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok, dataOf } from '../../../../contracts/schemas/common';
import { Role, RoleCreate, RoleUpdate } from '../../../../contracts/schemas/org';
import { requirePermission } from '../../core/access/scope';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './roles.service';

export function registerRoleRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];
  r.get(
    '/api/v1/roles',
    { schema: { tags, summary: 'All roles', response: { 200: z.object({ data: z.array(Role) }) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'role:read');
      return { data: await service.listRoles(deps, actor) };
    },
  );
  r.post(
    '/api/v1/roles',
    { schema: { tags, summary: 'Create a role', body: RoleCreate, response: { 201: dataOf(Role) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'role:manage');
      return reply.status(201).send({ data: await service.createRole(deps, actor, req.body) });
    },
  );
  r.get(
    '/api/v1/roles/:id',
    { schema: { tags, summary: 'One role', params: IdParam, response: { 200: dataOf(Role) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'role:read');
      return { data: await service.getRole(deps, actor, req.params.id) };
    },
  );
  r.patch(
    '/api/v1/roles/:id',
    {
      schema: {
        tags,
        summary: 'Update a role (send version)',
        params: IdParam,
        body: RoleUpdate,
        response: { 200: dataOf(Role) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'role:manage');
      return { data: await service.updateRole(deps, actor, req.params.id, req.body) };
    },
  );
  r.delete(
    '/api/v1/roles/:id',
    { schema: { tags, summary: 'Delete an unused role', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'role:manage');
      await service.deleteRole(deps, actor, req.params.id);
      return { ok: true as const };
    },
  );
}
