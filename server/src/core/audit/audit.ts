import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema';
import { lockForUpdate } from '../../db/dialect-helpers';
import { nowIso } from '../clock';
import type { Actor } from '../access/actor';

export const AUDIT_LOCK_KEY = 7_001_001;
export const GENESIS_HASH = '0'.repeat(64);

/** Every action the audit log knows; a typed union so a typo cannot invent a new one. */
export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'login'
  | 'login_failed'
  | 'logout'
  | 'password_change'
  | 'password_reset'
  | 'session_revoke'
  | 'token_create'
  | 'token_revoke'
  | 'import'
  | 'export'
  | 'confirm'
  | 'approve'
  | 'reject'
  | 'lock'
  | 'issue'
  | 'recompute';

export type AuditEntry = {
  entity: string;
  entityId: string;
  action: AuditAction;
  regionCode?: string | null;
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Extra facts for non-CRUD actions (an import's counts, a login's reason). */
  payload?: Record<string, unknown>;
};

export type AuditRowFields = {
  seq: number;
  at: string;
  actor_id: string | null;
  actor_name: string | null;
  ip: string | null;
  user_agent: string | null;
  entity: string;
  entity_id: string;
  action: string;
  region_code: string | null;
  changes: string;
  prev_hash: string;
};

/** The hash covers every column but itself, in a fixed order, chained to the previous row's hash. */
export function hashAuditRow(r: AuditRowFields): string {
  const canonical = JSON.stringify([
    r.seq,
    r.at,
    r.actor_id,
    r.actor_name,
    r.ip,
    r.user_agent,
    r.entity,
    r.entity_id,
    r.action,
    r.region_code,
    r.changes,
    r.prev_hash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}

/** Only the fields that changed; unchanged fields are left out so the log reads as a diff. */
export function diff(
  before: Record<string, unknown> | null | undefined,
  after: Record<string, unknown> | null | undefined,
): { before: Record<string, unknown> | null; after: Record<string, unknown> | null } {
  if (!before || !after) return { before: before ?? null, after: after ?? null };
  const b: Record<string, unknown> = {};
  const a: Record<string, unknown> = {};
  for (const key of new Set([...Object.keys(before), ...Object.keys(after)])) {
    if (key === 'updated_at' || key === 'version' || key === 'updatedAt') continue;
    if (JSON.stringify(before[key]) !== JSON.stringify(after[key])) {
      b[key] = before[key] ?? null;
      a[key] = after[key] ?? null;
    }
  }
  return { before: b, after: a };
}

const SECRET_KEYS = /password|token|secret|hash/i;
function redact(obj: Record<string, unknown> | null): Record<string, unknown> | null {
  if (!obj) return obj;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) out[k] = SECRET_KEYS.test(k) ? '[redacted]' : v;
  return out;
}

/**
 * Appends one entry to the hash-chained audit log. Must be called with the transaction that makes the
 * change, so the change and its record commit or roll back together.
 */
export async function recordAudit(trx: Kysely<DB>, actor: Actor | null, entry: AuditEntry): Promise<void> {
  await lockForUpdate(trx, AUDIT_LOCK_KEY);
  const last = await trx
    .selectFrom('audit_log')
    .select(['seq', 'hash'])
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
  const d = diff(entry.before, entry.after);
  const changes = JSON.stringify({
    before: redact(d.before),
    after: redact(d.after),
    ...(entry.payload ? { payload: redact(entry.payload) } : {}),
  });
  const fields: AuditRowFields = {
    seq: (last ? Number(last.seq) : 0) + 1,
    at: nowIso(),
    actor_id: actor?.userId ?? null,
    actor_name: actor ? actor.displayName : null,
    ip: actor?.ip ?? null,
    user_agent: actor?.userAgent ? actor.userAgent.slice(0, 300) : null,
    entity: entry.entity,
    entity_id: entry.entityId,
    action: entry.action,
    region_code: entry.regionCode ?? null,
    changes,
    prev_hash: last?.hash ?? GENESIS_HASH,
  };
  await trx
    .insertInto('audit_log')
    .values({ ...fields, hash: hashAuditRow(fields) })
    .execute();
}

export type VerifyResult = {
  ok: boolean;
  rows: number;
  problems: Array<{ seq: number; problem: 'hash_mismatch' | 'broken_link' | 'gap' }>;
};

/** Walks the whole chain in order: an edited row breaks its hash, a deleted row leaves a gap or a broken link. */
export async function verifyAuditChain(db: Kysely<DB>, batch = 2000): Promise<VerifyResult> {
  const problems: VerifyResult['problems'] = [];
  let prevHash = GENESIS_HASH;
  let expectedSeq = 1;
  let rows = 0;
  let after = 0;
  for (;;) {
    const page = await db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>', after)
      .orderBy('seq', 'asc')
      .limit(batch)
      .execute();
    if (page.length === 0) break;
    for (const r of page) {
      const seq = Number(r.seq);
      rows++;
      if (seq !== expectedSeq) problems.push({ seq, problem: 'gap' });
      if (r.prev_hash !== prevHash) problems.push({ seq, problem: 'broken_link' });
      if (hashAuditRow({ ...r, seq }) !== r.hash) problems.push({ seq, problem: 'hash_mismatch' });
      prevHash = r.hash;
      expectedSeq = seq + 1;
      after = seq;
    }
  }
  return { ok: problems.length === 0, rows, problems };
}
