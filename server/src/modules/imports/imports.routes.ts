import fs from 'node:fs';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, dataOf } from '../../../../contracts/schemas/common';
import {
  ImportListQuery,
  ImportRun,
  ImportRunSummary,
  ImportStartQuery,
  LedgerParam,
} from '../../../../contracts/schemas/imports';
import { AppError } from '../../core/errors';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';
import { requestLocale } from '../../http/error-mapper';
import * as service from './imports.service';

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const disposition = (name: string) =>
  `attachment; filename="${name.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/** Reads the one `file` part of a multipart upload into memory, refusing more than `max` bytes as they stream in. */
async function readUpload(req: FastifyRequest, max: number): Promise<{ data: Buffer; fileName: string }> {
  const tooLarge = () => new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(max / 1048576)} MB` });
  if (!req.isMultipart())
    throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: String(req.headers['content-type'] ?? '') });
  const part = await req.file({ limits: { fileSize: max, files: 1 } });
  if (!part)
    throw new AppError('BAD_REQUEST', {
      detail: { zh: '缺少文件（file）', en: 'no file part (file) was sent' },
    });
  if (part.fieldname !== 'file') {
    part.file.resume();
    throw new AppError('BAD_REQUEST', {
      detail: { zh: '文件字段应名为 file', en: 'the file part must be named “file”' },
    });
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of part.file as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > max) {
      part.file.resume();
      throw tooLarge();
    }
    chunks.push(chunk);
  }
  if (part.file.truncated) throw tooLarge();
  if (size === 0) throw new AppError('BAD_REQUEST', { detail: { zh: '文件为空', en: 'the file is empty' } });
  return { data: Buffer.concat(chunks, size), fileName: part.filename || 'import.xlsx' };
}

export function registerImportRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['imports'];
  const max = deps.config.uploadMaxBytes;

  r.get(
    '/api/v1/imports/:ledger/template',
    {
      schema: {
        tags,
        summary: 'Download the import template of a ledger (xlsx: headers, drop-downs, notes)',
        params: LedgerParam,
      },
    },
    async (req, reply) => {
      const { fileName, data } = await service.importTemplate(
        deps,
        actorOf(req),
        req.params.ledger,
        requestLocale(req),
      );
      return reply
        .header('Content-Type', XLSX_MIME)
        .header('Content-Disposition', disposition(fileName))
        .header('Cache-Control', 'private, no-store')
        .send(data);
    },
  );

  r.post(
    '/api/v1/imports/:ledger',
    {
      config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary:
          'Import a ledger workbook (multipart, one part named “file”); dryRun=true previews without writing',
        consumes: ['multipart/form-data'],
        params: LedgerParam,
        querystring: ImportStartQuery,
        response: { 200: dataOf(ImportRun), 202: dataOf(ImportRun) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > max + 64 * 1024)
        throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(max / 1048576)} MB` });
      const { run, finished } = await service.startLedgerImport(deps, actor, {
        ledgerId: req.params.ledger,
        dryRun: req.query.dryRun === 'true',
        wait: req.query.wait === 'true',
        locale: requestLocale(req),
        readFile: () => readUpload(req, max),
      });
      return reply.status(finished ? 200 : 202).send({ data: run });
    },
  );

  r.get(
    '/api/v1/imports',
    {
      schema: {
        tags,
        summary: 'My recent import runs',
        querystring: ImportListQuery,
        response: { 200: z.object({ data: z.array(ImportRunSummary) }) },
      },
    },
    async (req) => ({ data: await service.listImportRuns(deps, actorOf(req), req.query) }),
  );

  r.get(
    '/api/v1/imports/:id',
    {
      schema: {
        tags,
        summary: 'One import run: status, progress, counts, errors',
        params: IdParam,
        response: { 200: dataOf(ImportRun) },
      },
    },
    async (req) => ({ data: await service.getImportRun(deps, actorOf(req), req.params.id) }),
  );

  r.get(
    '/api/v1/imports/:id/annotated',
    {
      schema: {
        tags,
        summary: 'The uploaded workbook with each error as a comment on its cell',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const file = await service.annotatedWorkbookOf(deps, actorOf(req), req.params.id, requestLocale(req));
      return reply
        .header('Content-Type', XLSX_MIME)
        .header('Content-Disposition', disposition(file.fileName))
        .header('Cache-Control', 'private, no-store')
        .send(fs.createReadStream(file.path));
    },
  );
}
