import type { z } from 'zod';
import type { AuditEntry, AuditQuery } from '../../../../contracts/schemas/audit';
import type { Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { offsetOf, type Page } from '../../core/listing';
import type { Db } from '../../db/database';
import * as repo from './audit-log.repository';

export async function listAudit(
  deps: { db: Db },
  actor: Actor,
  q: z.infer<typeof AuditQuery>,
): Promise<Page<AuditEntry>> {
  requirePermission(actor, 'audit:read');
  const { rows, total } = await repo.listAudit(deps.db, actor, q, {
    limit: q.pageSize,
    offset: offsetOf(q.page, q.pageSize),
  });
  return {
    data: rows.map((r) => ({
      seq: Number(r.seq),
      at: r.at,
      actorId: r.actor_id,
      actorName: r.actor_name,
      ip: r.ip,
      entity: r.entity,
      entityId: r.entity_id,
      action: r.action,
      regionCode: r.region_code,
      changes: JSON.parse(r.changes) as AuditEntry['changes'],
    })),
    total,
    page: q.page,
    pageSize: q.pageSize,
  };
}
