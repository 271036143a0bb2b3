import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { dataOf } from '../../../../contracts/schemas/common';
import { Todo, TodoCounts } from '../../../../contracts/schemas/reform';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './todo.service';

/** 待办中心: what is due or waiting for the signed-in user across reform tasks and problems. */
export function registerTodoRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['todo'];
  r.get(
    '/api/v1/todo',
    {
      schema: {
        tags,
        summary: 'My to-do list (reform milestones, reports, verifications, extensions, problems)',
        response: { 200: dataOf(Todo) },
      },
    },
    async (req) => ({
      data: await service.getTodo(deps, actorOf(req)),
    }),
  );
  r.get(
    '/api/v1/todo/counts',
    { schema: { tags, summary: 'Counts for the menu badges', response: { 200: dataOf(TodoCounts) } } },
    async (req) => ({
      data: await service.getTodoCounts(deps, actorOf(req)),
    }),
  );
}
