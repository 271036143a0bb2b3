import type { Actor } from '../../core/access/actor';
import { scopeFilter } from '../../core/access/scope';
import type { Executor } from '../../db/database';

export type AuditFilter = {
  entity?: string;
  entityId?: string;
  actorId?: string;
  action?: string;
  from?: string;
  to?: string;
};

export async function listAudit(
  db: Executor,
  actor: Actor,
  f: AuditFilter,
  page: { limit: number; offset: number },
) {
  let q = db
    .selectFrom('audit_log')
    .where(() =>
      scopeFilter(actor, 'audit', { region: 'audit_log.region_code', createdBy: 'audit_log.actor_id' }),
    );
  if (f.entity) q = q.where('entity', '=', f.entity);
  if (f.entityId) q = q.where('entity_id', '=', f.entityId);
  if (f.actorId) q = q.where('actor_id', '=', f.actorId);
  if (f.action) q = q.where('action', '=', f.action);
  if (f.from) q = q.where('at', '>=', f.from);
  if (f.to) q = q.where('at', '<=', f.to.length === 10 ? `${f.to}T23:59:59.999Z` : f.to);
  const total = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const rows = await q.selectAll().orderBy('seq', 'desc').limit(page.limit).offset(page.offset).execute();
  return { rows, total: Number(total.n) };
}
