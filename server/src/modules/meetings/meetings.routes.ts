import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  Bulletin,
  Meeting,
  MeetingCreate,
  MeetingDecisionCreate,
  MeetingItemAdd,
  MeetingItemParams,
  MeetingListQuery,
  MeetingStatusChange,
  MeetingSummary,
  MeetingUpdate,
} from '../../../../contracts/schemas/meetings';
import { Problem } from '../../../../contracts/schemas/problems';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './meetings.service';

const MIME = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const;

export function registerMeetingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['meetings'];

  r.get(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary: 'Dispatch meetings (调度会) within the caller’s scope',
        querystring: MeetingListQuery,
        response: { 200: pageOf(MeetingSummary) },
      },
    },
    async (req) => service.listMeetings(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/meetings',
    {
      schema: {
        tags,
        summary:
          'Create a meeting; the agenda is built from red/yellow projects and escalated or overdue problems',
        body: MeetingCreate,
        response: { 201: dataOf(Meeting) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createMeeting(deps, actorOf(req), req.body) }),
  );
  r.get(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags,
        summary: 'One meeting with its agenda and decisions',
        params: IdParam,
        response: { 200: dataOf(Meeting) },
      },
    },
    async (req) => ({ data: await service.getMeeting(deps, actorOf(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/meetings/:id',
    {
      schema: {
        tags,
        summary: 'Edit a meeting (title, date, chair, attendees, minutes, docNo; send version)',
        params: IdParam,
        body: MeetingUpdate,
        response: { 200: dataOf(Meeting) },
      },
    },
    async (req) => ({ data: await service.updateMeeting(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    '/api/v1/meetings/:id/items',
    {
      schema: {
        tags,
        summary: 'Add a project or problem to the agenda (before the meeting is held)',
        params: IdParam,
        body: MeetingItemAdd,
        response: { 200: dataOf(Meeting) },
      },
    },
    async (req) => ({ data: await service.addItem(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.delete(
    '/api/v1/meetings/:id/items/:itemId',
    {
      schema: {
        tags,
        summary: 'Remove an agenda item (before the meeting is held)',
        params: MeetingItemParams,
        response: { 200: dataOf(Meeting) },
      },
    },
    async (req) => ({ data: await service.removeItem(deps, actorOf(req), req.params.id, req.params.itemId) }),
  );
  r.post(
    '/api/v1/meetings/:id/hold',
    {
      schema: {
        tags,
        summary: 'Mark the meeting held (the agenda is then fixed)',
        params: IdParam,
        body: MeetingStatusChange,
        response: { 200: dataOf(Meeting) },
      },
    },
    async (req) => ({ data: await service.holdMeeting(deps, actorOf(req), req.params.id, req.body.version) }),
  );
  r.post(
    '/api/v1/meetings/:id/decisions',
    {
      schema: {
        tags,
        summary: 'Record a decision (议定事项): it becomes a problem with owner unit and deadline',
        params: IdParam,
        body: MeetingDecisionCreate,
        response: { 201: dataOf(Problem) },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send({ data: await service.addDecision(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.post(
    '/api/v1/meetings/:id/publish',
    {
      schema: {
        tags,
        summary: 'Publish the 调度通报 (freezes it as issued)',
        params: IdParam,
        body: MeetingStatusChange,
        response: { 200: dataOf(Meeting) },
      },
    },
    async (req) => ({
      data: await service.publishMeeting(deps, actorOf(req), req.params.id, req.body.version),
    }),
  );
  r.get(
    '/api/v1/meetings/:id/bulletin',
    {
      schema: {
        tags,
        summary: 'The 调度通报 as data (frozen once published)',
        params: IdParam,
        response: { 200: dataOf(Bulletin) },
      },
    },
    async (req) => ({ data: await service.getBulletin(deps, actorOf(req), req.params.id) }),
  );
  for (const format of ['docx', 'xlsx'] as const) {
    r.get(
      `/api/v1/meetings/:id/bulletin.${format}`,
      {
        schema: {
          tags,
          summary: `The 调度通报 as ${format === 'docx' ? 'Word (公文 layout)' : 'Excel'}`,
          params: IdParam,
        },
      },
      async (req, reply) => {
        const file = await service.bulletinFile(deps, actorOf(req), req.params.id, format);
        return reply
          .header('Content-Type', MIME[format])
          .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
          .header('Cache-Control', 'private, no-store')
          .send(file.body);
      },
    );
  }
}
