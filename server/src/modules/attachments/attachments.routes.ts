import fs from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  Attachment,
  AttachmentListQuery,
  AttachmentUploadFields,
} from '../../../../contracts/schemas/attachments';
import { IdParam, dataOf } from '../../../../contracts/schemas/common';
import {
  attachmentOwner,
  blobPath,
  findAttachment,
  insertAttachment,
  listAttachments,
  presentAttachment,
  storeBlob,
} from '../../core/attachments/attachments';
import { AppError } from '../../core/errors';
import { actorOf } from '../../http/auth';
import type { AppDeps } from '../../http/deps';

export function registerAttachmentRoutes(app: FastifyInstance, deps: AppDeps) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['attachments'];
  const max = deps.config.uploadMaxBytes;

  r.get(
    '/api/v1/attachments',
    {
      schema: {
        tags,
        summary: 'Attachments of one record (access follows the record)',
        querystring: AttachmentListQuery,
        response: { 200: z.object({ data: z.array(Attachment) }) },
      },
    },
    async (req) => ({
      data: (await listAttachments(deps.db, actorOf(req), req.query.entity, req.query.entityId)).map(
        presentAttachment,
      ),
    }),
  );

  r.post(
    '/api/v1/attachments',
    {
      config: { rateLimit: { max: 120, timeWindow: '1 minute' } },
      schema: {
        tags,
        summary: 'Upload an attachment (multipart: entity, entityId, docType, note?, then file)',
        consumes: ['multipart/form-data'],
        response: { 201: dataOf(Attachment) },
      },
    },
    async (req, reply) => {
      const actor = actorOf(req);
      const declared = Number(req.headers['content-length'] ?? 0);
      if (declared > max + 64 * 1024)
        throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(max / 1048576)} MB` });
      if (!req.isMultipart())
        throw new AppError('UNSUPPORTED_MEDIA_TYPE', { detail: String(req.headers['content-type'] ?? '') });
      const fields: Record<string, string> = {};
      let stored: Awaited<ReturnType<typeof storeBlob>> | null = null;
      let originalName = 'file';
      let meta: z.infer<typeof AttachmentUploadFields> | null = null;
      let regionCode: string | null = null;
      for await (const part of req.parts({
        limits: { fileSize: max, files: 1, fields: 10, fieldSize: 2000 },
      })) {
        if (part.type === 'field') {
          fields[part.fieldname] = String(part.value);
          continue;
        }
        // The file comes after the fields: check access before reading a byte of it.
        const parsed = AttachmentUploadFields.safeParse(fields);
        if (!parsed.success) {
          part.file.resume();
          throw new AppError('VALIDATION_FAILED', {
            detail: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          });
        }
        meta = parsed.data;
        const owner = attachmentOwner(meta.entity);
        if (owner.docTypes && !owner.docTypes[meta.docType]) {
          part.file.resume();
          throw new AppError('VALIDATION_FAILED', {
            detail: `docType: ${Object.keys(owner.docTypes).join(' | ')}`,
          });
        }
        regionCode = (await owner.canAttach(deps.db, actor, meta.entityId)).regionCode;
        originalName = part.filename || 'file';
        stored = await storeBlob(deps.config.dataDir, part.file, originalName, max);
      }
      if (!stored || !meta)
        throw new AppError('BAD_REQUEST', { detail: { zh: '缺少文件', en: 'no file was sent' } });
      const row = await deps.db
        .transaction()
        .execute((trx) => insertAttachment(trx, actor, stored!, { ...meta!, originalName, regionCode }));
      return reply.status(201).send({ data: presentAttachment(row) });
    },
  );

  r.get(
    '/api/v1/attachments/:id',
    {
      schema: {
        tags,
        summary: 'Attachment metadata',
        params: IdParam,
        response: { 200: dataOf(Attachment) },
      },
    },
    async (req) => ({ data: presentAttachment(await findAttachment(deps.db, actorOf(req), req.params.id)) }),
  );

  r.get(
    '/api/v1/attachments/:id/content',
    {
      schema: {
        tags,
        summary: 'Download an attachment (served only through the access check)',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const row = await findAttachment(deps.db, actorOf(req), req.params.id);
      const file = blobPath(deps.config.dataDir, row.sha256);
      if (!fs.existsSync(file)) throw new AppError('NOT_FOUND');
      reply
        .header('Content-Type', row.mime)
        .header('Content-Length', String(row.size))
        .header(
          'Content-Disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(row.original_name)}`,
        )
        .header('Cache-Control', 'private, no-store');
      return reply.send(fs.createReadStream(file));
    },
  );
}
