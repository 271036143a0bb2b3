import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  PasswordReset,
  User,
  UserCreate,
  UserCreated,
  UserListQuery,
  UserUpdate,
} from '../../../../contracts/schemas/org';
import { requirePermission } from '../../core/access/scope';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './users.service';

export function registerUserRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['organisation'];
  r.get(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'List users in the caller’s scope',
        querystring: UserListQuery,
        response: { 200: pageOf(User) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'user:read');
      return service.listUsers(deps, actor, req.query);
    },
  );
  r.post(
    '/api/v1/users',
    {
      schema: {
        tags,
        summary: 'Create a user (a generated initial password is returned once)',
        body: UserCreate,
        response: { 201: UserCreated },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      requirePermission(actor, 'user:manage');
      return reply.status(201).send(await service.createUser(deps, actor, req.body));
    },
  );
  r.get(
    '/api/v1/users/:id',
    { schema: { tags, summary: 'One user', params: IdParam, response: { 200: dataOf(User) } } },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'user:read');
      return { data: await service.getUser(deps, actor, req.params.id) };
    },
  );
  r.patch(
    '/api/v1/users/:id',
    {
      schema: {
        tags,
        summary: 'Update a user (send version)',
        params: IdParam,
        body: UserUpdate,
        response: { 200: dataOf(User) },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'user:manage');
      return { data: await service.updateUser(deps, actor, req.params.id, req.body) };
    },
  );
  r.post(
    '/api/v1/users/:id/reset-password',
    {
      schema: {
        tags,
        summary: 'Reset a password to a temporary one',
        params: IdParam,
        response: { 200: PasswordReset },
      },
    },
    async (req) => {
      const actor = actorOf(req);
      requirePermission(actor, 'user:manage');
      return { temporaryPassword: await service.resetPassword(deps, actor, req.params.id) };
    },
  );
}
