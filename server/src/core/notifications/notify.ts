import { sql } from 'kysely';
import type { Executor } from '../../db/database';
import { nowIso } from '../clock';
import { newId } from '../ids';

export type NotificationInput = {
  kind: string;
  title: string;
  body?: string | null;
  entity?: string | null;
  entityId?: string | null;
  /** Idempotency: a notification with the same key (per user) is created once. */
  dedupeKey?: string | null;
};

/** In-app notifications to users; reminders pass a dedupe key so a re-run never notifies twice. */
export async function notifyUsers(db: Executor, userIds: string[], n: NotificationInput): Promise<number> {
  let created = 0;
  for (const userId of [...new Set(userIds)]) {
    const key = n.dedupeKey ? `${n.dedupeKey}:${userId}` : null;
    if (key) {
      const exists = await db
        .selectFrom('notifications')
        .select('id')
        .where('dedupe_key', '=', key)
        .executeTakeFirst();
      if (exists) continue;
    }
    await db
      .insertInto('notifications')
      .values({
        id: newId(),
        user_id: userId,
        kind: n.kind,
        title: n.title,
        body: n.body ?? null,
        entity: n.entity ?? null,
        entity_id: n.entityId ?? null,
        dedupe_key: key,
        created_at: nowIso(),
        read_at: null,
      })
      .execute();
    created++;
  }
  return created;
}

/** Everyone in a unit (for notices addressed to a responsible unit). */
export async function usersOfUnit(db: Executor, unitId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('id')
    .where('unit_id', '=', unitId)
    .where('disabled', '=', 0)
    .execute();
  return rows.map((r) => r.id);
}

export async function listNotifications(db: Executor, userId: string, limit = 50) {
  return db
    .selectFrom('notifications')
    .selectAll()
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function unreadCount(db: Executor, userId: string): Promise<number> {
  const r = await db
    .selectFrom('notifications')
    .select(sql<number>`count(*)`.as('n'))
    .where('user_id', '=', userId)
    .where('read_at', 'is', null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function markRead(db: Executor, userId: string, ids: string[] | 'all') {
  let q = db
    .updateTable('notifications')
    .set({ read_at: nowIso() })
    .where('user_id', '=', userId)
    .where('read_at', 'is', null);
  if (ids !== 'all') q = q.where('id', 'in', ids.length ? ids : ['-']);
  await q.execute();
}
