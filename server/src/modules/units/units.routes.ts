import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, Ok, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  TaskForceMember,
  TaskForceMembersUpdate,
  Unit,
  UnitCreate,
  UnitListQuery,
  UnitUpdate,
} from '../../../../contracts/schemas/org';
import { requirePermission } from '../../core/access/scope';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './units.service';

export function registerUnitRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];

  r.get(
    '/api/v1/units/tree',
    {
      schema: {
        tags,
        summary: 'All units (flat; build the tree from parentId)',
        response: { 200: z.object({ data: z.array(Unit) }) },
      },
    },
    async (req) => ({ data: await service.listUnitTree(deps, actorOf(req)) }),
  );
  r.get(
    '/api/v1/units',
    { schema: { tags, summary: 'List units', querystring: UnitListQuery, response: { 200: pageOf(Unit) } } },
    async (req) => service.listUnits(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/units',
    { schema: { tags, summary: 'Create a unit', body: UnitCreate, response: { 201: dataOf(Unit) } } },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'unit:manage');
      return reply.status(201).send({ data: await service.createUnit(deps, actor, req.body) });
    },
  );
  r.get(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'One unit', params: IdParam, response: { 200: dataOf(Unit) } } },
    async (req) => ({ data: await service.getUnit(deps, actorOf(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/units/:id',
    {
      schema: {
        tags,
        summary: 'Update a unit (optimistic: send version)',
        params: IdParam,
        body: UnitUpdate,
        response: { 200: dataOf(Unit) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'unit:manage');
      return { data: await service.updateUnit(deps, actor, req.params.id, req.body) };
    },
  );
  r.delete(
    '/api/v1/units/:id',
    { schema: { tags, summary: 'Delete an empty unit', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'unit:manage');
      await service.deleteUnit(deps, actor, req.params.id);
      return { ok: true as const };
    },
  );
  r.get(
    '/api/v1/units/:id/members',
    {
      schema: {
        tags,
        summary: 'Members of a task force',
        params: IdParam,
        response: { 200: z.object({ data: z.array(TaskForceMember) }) },
      },
    },
    async (req) => {
      actorOf(req);
      return { data: await service.listMembers(deps, req.params.id) };
    },
  );
  r.put(
    '/api/v1/units/:id/members',
    {
      schema: {
        tags,
        summary: 'Replace the members of a task force',
        params: IdParam,
        body: TaskForceMembersUpdate,
        response: { 200: z.object({ data: z.array(TaskForceMember) }) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'unit:manage');
      return { data: await service.replaceMembers(deps, actor, req.params.id, req.body.members) };
    },
  );
}
