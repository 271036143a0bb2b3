import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { Transform } from 'node:stream';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit';
import { nowIso } from '../clock';
import { AppError, notFound } from '../errors';
import { newId } from '../ids';
import type { Db, Executor } from '../../db/database';
import { sniff } from './sniff';
import type { AttachmentRow } from './attachments.table';

/**
 * How a record kind takes attachments. Each capability registers its owners: `canRead` must apply the
 * same data scope as the record's own read (so an attachment is never easier to reach than its record),
 * `canAttach` the record's write rule; both answer the record's region code, or throw NOT_FOUND/FORBIDDEN.
 */
export type AttachmentOwner = {
  canRead(db: Executor, actor: Actor, entityId: string): Promise<{ regionCode: string | null }>;
  canAttach(db: Executor, actor: Actor, entityId: string): Promise<{ regionCode: string | null }>;
  /** Document types this record accepts, with labels; absent = any label. */
  docTypes?: Record<string, { zh: string; en: string }>;
};

const OWNERS = new Map<string, AttachmentOwner>();
export function registerAttachmentOwner(entity: string, owner: AttachmentOwner) {
  OWNERS.set(entity, owner);
}
export function attachmentOwner(entity: string): AttachmentOwner {
  const o = OWNERS.get(entity);
  if (!o)
    throw new AppError('BAD_REQUEST', {
      detail: { zh: `不支持为“${entity}”上传附件`, en: `attachments are not supported on “${entity}”` },
    });
  return o;
}

export const blobPath = (dataDir: string, sha: string) =>
  path.join(dataDir, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha);

export type StoredBlob = { sha256: string; size: number; mime: string; ext: string };

/**
 * Streams an upload to a temporary file while hashing it, sniffs its type, and moves it to its content
 * address. The size limit is enforced while streaming, so an oversized body is never held in memory.
 */
export async function storeBlob(
  dataDir: string,
  stream: Readable,
  originalName: string,
  maxBytes: number,
): Promise<StoredBlob> {
  const tmpDir = path.join(dataDir, 'attachments', 'tmp');
  fs.mkdirSync(tmpDir, { recursive: true });
  const tmp = path.join(tmpDir, `${Date.now()}-${randomBytes(6).toString('hex')}`);
  const hash = createHash('sha256');
  let size = 0;
  let head = Buffer.alloc(0);
  const meter = new Transform({
    transform(chunk: Buffer, _enc, cb) {
      size += chunk.length;
      if (size > maxBytes)
        return cb(new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(maxBytes / 1048576)} MB` }));
      if (head.length < 64) head = Buffer.concat([head, chunk.subarray(0, 64 - head.length)]);
      hash.update(chunk);
      cb(null, chunk);
    },
  });
  try {
    await pipeline(stream, meter, fs.createWriteStream(tmp, { mode: 0o600 }));
    if ((stream as Readable & { truncated?: boolean }).truncated)
      throw new AppError('PAYLOAD_TOO_LARGE', { limit: `${Math.round(maxBytes / 1048576)} MB` });
    if (size === 0)
      throw new AppError('BAD_REQUEST', { detail: { zh: '文件为空', en: 'the file is empty' } });
    const fd = fs.openSync(tmp, 'r');
    const tailLen = Math.min(size, 65536);
    const tail = Buffer.alloc(tailLen);
    fs.readSync(fd, tail, 0, tailLen, size - tailLen);
    fs.closeSync(fd);
    const type = sniff(head, tail, originalName);
    if (!type)
      throw new AppError('UNSUPPORTED_MEDIA_TYPE', {
        detail: {
          zh: '只接受 PDF、图片、Word、Excel、PPT 或 OFD 文件',
          en: 'only PDF, images, Word, Excel, PowerPoint or OFD files are accepted',
        },
      });
    const sha256 = hash.digest('hex');
    const dest = blobPath(dataDir, sha256);
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    if (fs.existsSync(dest)) fs.rmSync(tmp);
    else fs.renameSync(tmp, dest);
    return { sha256, size, mime: type.mime, ext: type.ext };
  } catch (err) {
    fs.rmSync(tmp, { force: true });
    throw err;
  }
}

/** Keeps only a safe display name: no directories, no control characters. */
export function safeFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? 'file';
  // eslint-disable-next-line no-control-regex -- stripping control characters is the point
  const cleaned = base.replace(/[\u0000-\u001f\u007f]/g, '').trim();
  return (cleaned || 'file').slice(0, 200);
}

export async function insertAttachment(
  trx: Db,
  actor: Actor,
  blob: StoredBlob,
  meta: {
    entity: string;
    entityId: string;
    docType: string;
    originalName: string;
    note?: string | null;
    regionCode: string | null;
  },
): Promise<AttachmentRow> {
  const row: AttachmentRow = {
    id: newId(),
    sha256: blob.sha256,
    size: blob.size,
    mime: blob.mime,
    original_name: safeFileName(meta.originalName),
    entity: meta.entity,
    entity_id: meta.entityId,
    doc_type: meta.docType,
    note: meta.note ?? null,
    region_code: meta.regionCode,
    uploaded_by: actor.userId,
    uploaded_at: nowIso(),
  };
  await trx.insertInto('attachments').values(row).execute();
  await recordAudit(trx, actor, {
    entity: meta.entity,
    entityId: meta.entityId,
    action: 'create',
    regionCode: meta.regionCode,
    after: {
      attachment: row.id,
      docType: row.doc_type,
      name: row.original_name,
      sha256: row.sha256,
      size: row.size,
    },
  });
  return row;
}

export async function findAttachment(db: Executor, actor: Actor, id: string): Promise<AttachmentRow> {
  const row = await db.selectFrom('attachments').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) throw notFound();
  await attachmentOwner(row.entity).canRead(db, actor, row.entity_id);
  return row;
}

export async function listAttachments(
  db: Executor,
  actor: Actor,
  entity: string,
  entityId: string,
): Promise<AttachmentRow[]> {
  await attachmentOwner(entity).canRead(db, actor, entityId);
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('uploaded_at', 'desc')
    .execute();
}

/** Attachments of one record by document type (for evidence rules); no access check — callers have done it. */
export function attachmentsOf(db: Executor, entity: string, entityId: string) {
  return db
    .selectFrom('attachments')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .execute();
}

export const presentAttachment = (a: AttachmentRow) => ({
  id: a.id,
  name: a.original_name,
  mime: a.mime,
  size: a.size,
  sha256: a.sha256,
  entity: a.entity,
  entityId: a.entity_id,
  docType: a.doc_type,
  note: a.note,
  uploadedBy: a.uploaded_by,
  uploadedAt: a.uploaded_at,
  url: `/api/v1/attachments/${a.id}/content`,
});
