import type { z } from 'zod';
import type {
  Qualification,
  QualificationCreate,
  QualificationListQuery,
  QualificationType,
  QualificationUpdate,
} from '../../../../contracts/schemas/enterprises';
import { LEVEL_RANK, QUALIFICATION_LEVELS } from '../../../../contracts/schemas/enterprises';
import type { Actor } from '../../core/access/actor';
import { can } from '../../core/access/actor';
import { registerAttachmentOwner } from '../../core/attachments/attachments';
import { recordAudit } from '../../core/audit/audit';
import { nowIso, todayCst } from '../../core/clock';
import { AppError, notFound, ruleViolation } from '../../core/errors';
import { newId } from '../../core/ids';
import { offsetOf, parseSort, type Page } from '../../core/listing';
import type { Db, Executor } from '../../db/database';
import { QUALIFICATION_VALIDITY_YEARS } from './enterprises.config';
import { recomputeEnterprise } from './enterprises.eligibility.service';
import { presentQualification } from './enterprises.presenter';
import * as repo from './enterprises.repository';
import { addYears } from './enterprises.rules';
import type { EnterpriseQualificationTable } from './enterprises.table';

type Deps = { db: Db };

const dayBefore = (d: string) =>
  new Date(Date.parse(`${d}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

/** valid_to when none is given: valid_from + the type's validity − 1 day (高企 2024-11-19 → 2027-11-18). */
export function defaultValidTo(type: QualificationType, validFrom: string | null): string | null {
  return validFrom ? dayBefore(addYears(validFrom, QUALIFICATION_VALIDITY_YEARS[type])) : null;
}

const sortKey = (q: {
  granted_on: string | null;
  valid_from: string | null;
  created_at: string;
  id: string;
}) => `${q.granted_on ?? q.valid_from ?? '9999-12-31'}|${q.created_at}|${q.id}`;

/**
 * Re-derives is_new for one enterprise's records of a type and level: the earliest record (by grant date,
 * else valid_from; undated ones last) is the first recognition, every later one a re-examination (复审) or
 * re-listing. Records whose is_new was set by hand keep it, but still count as "earlier" for the others.
 */
export async function deriveIsNew(
  trx: Executor,
  enterpriseId: string,
  type: string,
  level: string,
): Promise<void> {
  const rows = (await repo.qualificationsOf(trx, enterpriseId))
    .filter((q) => q.type === type && q.level === level)
    .sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1));
  const toNew: string[] = [];
  const toOld: string[] = [];
  rows.forEach((q, i) => {
    if (q.is_new_manual) return;
    const want = i === 0 ? 1 : 0;
    if (q.is_new !== want) (want ? toNew : toOld).push(q.id);
  });
  await repo.setIsNew(trx, toNew, 1);
  await repo.setIsNew(trx, toOld, 0);
}

const SORTS = {
  grantedOn: 'q.granted_on',
  validTo: 'q.valid_to',
  enterpriseName: 'enterprises.name',
  type: 'q.type',
  createdAt: 'q.created_at',
} as const;

export async function listQualifications(
  deps: Deps,
  actor: Actor,
  q: z.infer<typeof QualificationListQuery>,
): Promise<Page<Qualification>> {
  const today = todayCst();
  const sort = parseSort(q.sort, SORTS, { column: 'q.granted_on', desc: true });
  const levels = q.minLevel
    ? QUALIFICATION_LEVELS.filter((l) => LEVEL_RANK[l] >= LEVEL_RANK[q.minLevel!])
    : undefined;
  const { rows, total } = await repo.listQualifications(deps.db, actor, { ...q, levels }, today, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
    sort,
  });
  return {
    data: rows.map((r) => presentQualification(actor, r, today)),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}

async function loadPresented(db: Executor, actor: Actor, id: string) {
  const q = await repo.findQualificationScoped(db, actor, id);
  if (!q) throw notFound();
  return presentQualification(actor, q, todayCst());
}

export const getQualification = (deps: Deps, actor: Actor, id: string) => loadPresented(deps.db, actor, id);

function checkDates(r: { granted_on: string | null; valid_from: string | null; valid_to: string | null }) {
  if (r.valid_from && r.valid_to && r.valid_to < r.valid_from)
    throw ruleViolation('有效期止不能早于有效期起', 'valid-to cannot be before valid-from', {
      field: 'validTo',
    });
}

/** Inserts a qualification for an enterprise the caller has already found in scope (API and Excel import). */
export async function insertQualificationIn(
  trx: Executor,
  actor: Actor,
  e: { id: string; region_code: string },
  input: QualificationCreate,
  opts: { audit?: Record<string, unknown>; recompute?: boolean } = {},
): Promise<string> {
  if (input.certNo && (await repo.findQualificationByCert(trx, input.type, input.certNo)))
    throw new AppError('DUPLICATE', { detail: { zh: '证书编号', en: 'certificate number' } });
  const at = nowIso();
  const validFrom = input.validFrom ?? input.grantedOn ?? null;
  const row: EnterpriseQualificationTable = {
    id: newId(),
    enterprise_id: e.id,
    region_code: e.region_code,
    type: input.type,
    level: input.level,
    issuer: input.issuer ?? null,
    batch: input.batch ?? null,
    cert_no: input.certNo ?? null,
    granted_on: input.grantedOn ?? null,
    valid_from: validFrom,
    valid_to: input.validTo ?? defaultValidTo(input.type, validFrom),
    status: input.status ?? 'active',
    is_new: input.isNew === null || input.isNew === undefined ? 1 : input.isNew ? 1 : 0,
    is_new_manual: input.isNew === null || input.isNew === undefined ? 0 : 1,
    note: input.note ?? null,
    created_by: actor.userId,
    version: 1,
    created_at: at,
    updated_at: at,
  };
  checkDates(row);
  await repo.insertQualifications(trx, [row]);
  await deriveIsNew(trx, e.id, row.type, row.level);
  if (opts.recompute !== false) await recomputeEnterprise(trx, e.id);
  await recordAudit(trx, actor, {
    entity: 'enterprise_qualification',
    entityId: row.id,
    action: 'create',
    regionCode: e.region_code,
    after: row,
    ...(opts.audit ? { payload: opts.audit } : {}),
  });
  return row.id;
}

export async function createQualification(
  deps: Deps,
  actor: Actor,
  enterpriseId: string,
  input: QualificationCreate,
): Promise<Qualification> {
  return deps.db.transaction().execute(async (trx) => {
    const e = await repo.findEnterpriseScoped(trx, actor, enterpriseId);
    if (!e) throw notFound();
    const id = await insertQualificationIn(trx, actor, e, input);
    return loadPresented(trx, actor, id);
  });
}

/** Updates inside the caller's transaction; returns whether anything changed. */
export async function updateQualificationIn(
  trx: Executor,
  actor: Actor,
  id: string,
  input: QualificationUpdate,
  opts: { audit?: Record<string, unknown> } = {},
): Promise<boolean> {
  const before = await repo.findQualificationScoped(trx, actor, id);
  if (!before) throw notFound();
  if (before.version !== input.version)
    throw new AppError(
      'VERSION_CONFLICT',
      { version: before.version },
      { current: presentQualification(actor, before, todayCst()) },
    );
  const set: Partial<EnterpriseQualificationTable> = {};
  const fields = {
    type: 'type',
    level: 'level',
    issuer: 'issuer',
    batch: 'batch',
    certNo: 'cert_no',
    grantedOn: 'granted_on',
    validFrom: 'valid_from',
    validTo: 'valid_to',
    status: 'status',
    note: 'note',
  } as const;
  for (const [k, col] of Object.entries(fields) as Array<
    [keyof typeof fields, (typeof fields)[keyof typeof fields]]
  >) {
    const v = input[k];
    if (v !== undefined && v !== before[col]) (set as Record<string, unknown>)[col] = v;
  }
  if (input.isNew !== undefined) {
    const manual = input.isNew === null ? 0 : 1;
    if (manual !== before.is_new_manual) set.is_new_manual = manual;
    if (input.isNew !== null && (input.isNew ? 1 : 0) !== before.is_new) set.is_new = input.isNew ? 1 : 0;
  }
  if (Object.keys(set).length === 0) return false;
  const certNo = set.cert_no !== undefined ? set.cert_no : before.cert_no;
  const type = (set.type ?? before.type) as QualificationType;
  if (certNo && (set.cert_no !== undefined || set.type !== undefined)) {
    const clash = await repo.findQualificationByCert(trx, type, certNo);
    if (clash && clash.id !== id)
      throw new AppError('DUPLICATE', { detail: { zh: '证书编号', en: 'certificate number' } });
  }
  // A new grant date moves the default validity with it, unless valid dates were given.
  if (
    set.granted_on !== undefined &&
    input.validFrom === undefined &&
    before.valid_from === before.granted_on
  )
    set.valid_from = set.granted_on;
  if (
    (set.valid_from !== undefined || set.type !== undefined) &&
    input.validTo === undefined &&
    before.valid_to === defaultValidTo(before.type as QualificationType, before.valid_from)
  )
    set.valid_to = defaultValidTo(type, set.valid_from !== undefined ? set.valid_from : before.valid_from);
  checkDates({ ...before, ...set });
  set.updated_at = nowIso();
  if (!(await repo.updateQualification(trx, id, input.version, set)))
    throw new AppError('VERSION_CONFLICT', { version: before.version + 1 });
  await deriveIsNew(trx, before.enterprise_id, before.type, before.level);
  if (set.type || set.level)
    await deriveIsNew(trx, before.enterprise_id, set.type ?? before.type, set.level ?? before.level);
  await recomputeEnterprise(trx, before.enterprise_id);
  const { enterprise_name: _n, credit_code: _c, evidence_count: _e, ...row } = before;
  await recordAudit(trx, actor, {
    entity: 'enterprise_qualification',
    entityId: id,
    action: 'update',
    regionCode: before.region_code,
    before: row,
    after: { ...row, ...set },
    ...(opts.audit ? { payload: opts.audit } : {}),
  });
  return true;
}

export async function updateQualification(
  deps: Deps,
  actor: Actor,
  id: string,
  input: QualificationUpdate,
): Promise<Qualification> {
  return deps.db.transaction().execute(async (trx) => {
    await updateQualificationIn(trx, actor, id, input);
    return loadPresented(trx, actor, id);
  });
}

export async function deleteQualification(deps: Deps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    const before = await repo.findQualificationScoped(trx, actor, id);
    if (!before) throw notFound();
    await repo.deleteQualification(trx, id);
    await deriveIsNew(trx, before.enterprise_id, before.type, before.level);
    await recomputeEnterprise(trx, before.enterprise_id);
    const { enterprise_name: _n, credit_code: _c, evidence_count: _e, ...row } = before;
    await recordAudit(trx, actor, {
      entity: 'enterprise_qualification',
      entityId: id,
      action: 'delete',
      regionCode: before.region_code,
      before: row,
    });
  });
}

/** Evidence: qualification certificates and notices attach to the qualification, the rest to the enterprise. */
export function registerEnterpriseAttachmentOwners() {
  const readable = async (db: Executor, actor: Actor, enterpriseId: string) => {
    if (!can(actor, 'enterprise:read')) throw notFound();
    const e = await repo.findEnterpriseScoped(db, actor, enterpriseId);
    if (!e) throw notFound();
    return { regionCode: e.region_code };
  };
  const writable = async (db: Executor, actor: Actor, enterpriseId: string) => {
    const r = await readable(db, actor, enterpriseId);
    if (!can(actor, 'enterprise:manage')) throw new AppError('FORBIDDEN');
    return r;
  };
  registerAttachmentOwner('enterprise', {
    canRead: readable,
    canAttach: writable,
    docTypes: {
      business_license: { zh: '营业执照', en: 'Business licence' },
      financial_statement: { zh: '财务报表/审计报告', en: 'Financial statements or audit report' },
      rd_special_audit: { zh: '研发费用专项审计报告', en: 'R&D expense audit report' },
      ip_certificate: { zh: '知识产权证书', en: 'IP certificate' },
      other: { zh: '其他', en: 'Other' },
    },
  });
  const qualificationEnterprise = async (db: Executor, actor: Actor, id: string) => {
    const q = await repo.findQualificationScoped(db, actor, id);
    if (!q) throw notFound();
    return q.enterprise_id;
  };
  registerAttachmentOwner('enterprise_qualification', {
    canRead: async (db, actor, id) => readable(db, actor, await qualificationEnterprise(db, actor, id)),
    canAttach: async (db, actor, id) => writable(db, actor, await qualificationEnterprise(db, actor, id)),
    docTypes: {
      certificate: { zh: '证书', en: 'Certificate' },
      recognition_notice: { zh: '认定文件/公示名单', en: 'Recognition notice or published list' },
      application: { zh: '申报材料', en: 'Application' },
      other: { zh: '其他', en: 'Other' },
    },
  });
}
