import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, Ok, dataOf, pageOf } from '../../../../contracts/schemas/common';
import {
  Briefing,
  BriefingCreate,
  BriefingDetail,
  BriefingIssue,
  BriefingListQuery,
  BriefingUpdate,
} from '../../../../contracts/schemas/results';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import * as service from './briefings.service';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function registerBriefingRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['results'];

  r.get(
    '/api/v1/briefings',
    {
      schema: {
        tags,
        summary: 'Briefings (通报) the caller may read',
        querystring: BriefingListQuery,
        response: { 200: pageOf(Briefing) },
      },
    },
    async (req) => service.listBriefings(deps, actorOf(req), req.query),
  );
  r.post(
    '/api/v1/briefings',
    {
      schema: {
        tags,
        summary:
          'Generate a draft briefing (monthly: period YYYY-MM; dispatch: ISO week YYYY-Www) with its figures (briefing:issue)',
        body: BriefingCreate,
        response: { 201: dataOf(BriefingDetail) },
      },
    },
    async (req, reply) =>
      reply.status(201).send({ data: await service.createBriefing(deps, actorOf(req), req.body) }),
  );
  r.get(
    '/api/v1/briefings/:id',
    {
      schema: {
        tags,
        summary: 'One briefing with its content (figures, tables, appendix)',
        params: IdParam,
        response: { 200: dataOf(BriefingDetail) },
      },
    },
    async (req) => ({ data: await service.getBriefing(deps, actorOf(req), req.params.id) }),
  );
  r.patch(
    '/api/v1/briefings/:id',
    {
      schema: {
        tags,
        summary:
          'Edit a draft (title, 发文字号, red header, issuer, addressee; refresh=true recomputes the figures). Issued → 422',
        params: IdParam,
        body: BriefingUpdate,
        response: { 200: dataOf(BriefingDetail) },
      },
    },
    async (req) => ({ data: await service.updateBriefing(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.delete(
    '/api/v1/briefings/:id',
    { schema: { tags, summary: 'Delete a draft (issued → 422)', params: IdParam, response: { 200: Ok } } },
    async (req) => {
      await service.deleteBriefing(deps, actorOf(req), req.params.id);
      return { ok: true as const };
    },
  );
  r.post(
    '/api/v1/briefings/:id/issue',
    {
      schema: {
        tags,
        summary: 'Issue a draft (briefing:issue): archived and immutable from then on',
        params: IdParam,
        body: BriefingIssue,
        response: { 200: dataOf(BriefingDetail) },
      },
    },
    async (req) => ({ data: await service.issueBriefing(deps, actorOf(req), req.params.id, req.body) }),
  );
  r.get(
    '/api/v1/briefings/:id/document.docx',
    {
      schema: {
        tags,
        summary: 'The briefing as .docx (公文 layout; the stored file once issued)',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const file = await service.briefingDocx(deps, actorOf(req), req.params.id);
      return reply
        .type(DOCX)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('Cache-Control', 'no-store')
        .send(file.buffer);
    },
  );
  r.get(
    '/api/v1/briefings/:id/document.xlsx',
    { schema: { tags, summary: 'The same figures and tables as .xlsx', params: IdParam } },
    async (req, reply) => {
      const file = await service.briefingXlsx(deps, actorOf(req), req.params.id);
      return reply
        .type(XLSX)
        .header('Content-Disposition', `attachment; filename*=UTF-8''${encodeURIComponent(file.fileName)}`)
        .header('Cache-Control', 'no-store')
        .send(file.buffer);
    },
  );
}
