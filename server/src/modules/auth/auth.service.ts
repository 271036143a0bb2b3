import { createHash, randomBytes } from 'node:crypto';
import type { DataScope, Permission } from '../../../../contracts/abilities';
import { DATA_SCOPES, PERMISSIONS } from '../../../../contracts/abilities';
import type { Me } from '../../../../contracts/schemas/auth';
import type { Actor } from '../../core/access/actor';
import { recordAudit } from '../../core/audit/audit';
import { nowDate, nowIso } from '../../core/clock';
import { AppError } from '../../core/errors';
import { newId } from '../../core/ids';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../core/passwords';
import type { Db } from '../../db/database';
import * as repo from './auth.repository';

export const MAX_FAILED_LOGINS = 5;
export const LOCKOUT_MINUTES = 15;

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

export type RequestInfo = { ip: string | null; userAgent: string | null };
type Deps = { db: Db; sessionTtlHours: number };

// A fixed dummy hash so an unknown username costs the same time as a wrong password.
let dummyHash: Promise<string> | null = null;

/** Builds the actor for a user id: permissions and scopes are the union over the user's roles. */
export async function buildActor(
  db: Db,
  userId: string,
  info: RequestInfo,
  viaToken = false,
): Promise<Actor | null> {
  const parts = await repo.loadActorParts(db, userId);
  if (!parts || parts.user.disabled) return null;
  const permissions = new Set<Permission>();
  const scopes = new Set<DataScope>();
  const resourceScopes: Record<string, DataScope[]> = {};
  for (const r of parts.roles) {
    if (!(DATA_SCOPES as readonly string[]).includes(r.data_scope)) continue;
    const scope = r.data_scope as DataScope;
    scopes.add(scope);
    for (const p of JSON.parse(r.permissions) as string[]) {
      if (!(PERMISSIONS as readonly string[]).includes(p)) continue;
      permissions.add(p as Permission);
      // A role's scope covers every resource it grants any permission on.
      const resource = p.split(':')[0]!;
      const list = (resourceScopes[resource] ??= []);
      if (!list.includes(scope)) list.push(scope);
    }
  }
  // A member of a task force always sees its task force's records; a user whose unit is a task force is a member.
  const taskForceIds = [...parts.taskForceIds];
  if (parts.user.unit_kind === 'task_force') taskForceIds.push(parts.user.unit_id);
  if (taskForceIds.length > 0) scopes.add('task_force');
  return {
    userId: parts.user.id,
    username: parts.user.username,
    displayName: parts.user.display_name,
    unitId: parts.user.unit_id,
    unitPath: parts.user.unit_path,
    regionCode: parts.user.region_code,
    permissions,
    scopes,
    resourceScopes,
    taskForceIds,
    locale: parts.user.locale === 'en' ? 'en' : 'zh-CN',
    ip: info.ip,
    userAgent: info.userAgent,
    viaToken,
  };
}

export async function login(
  deps: Deps,
  input: { username: string; password: string },
  info: RequestInfo,
): Promise<{ sessionToken: string; csrfToken: string; userId: string; expiresAt: string }> {
  const { db } = deps;
  const user = await repo.findUserByUsername(db, input.username);
  const now = nowDate();
  if (!user) {
    dummyHash ??= hashPassword('dummy-password-for-timing');
    await verifyPassword(await dummyHash, input.password);
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.locked_until && user.locked_until > now.toISOString()) {
    throw new AppError('ACCOUNT_LOCKED', { until: formatCst(user.locked_until) });
  }
  const ok = await verifyPassword(user.password_hash, input.password);
  const auditActor = { ...anonymousActor(user.username, user.display_name, user.id), ...info };
  if (!ok) {
    const failures = user.failed_logins + 1;
    const lockedUntil =
      failures >= MAX_FAILED_LOGINS ? new Date(now.getTime() + LOCKOUT_MINUTES * 60_000).toISOString() : null;
    await db.transaction().execute(async (trx) => {
      await repo.recordFailedLogin(trx, user.id, lockedUntil);
      await recordAudit(trx, auditActor, {
        entity: 'user',
        entityId: user.id,
        action: 'login_failed',
        payload: { failures, locked: Boolean(lockedUntil) },
      });
    });
    if (lockedUntil) throw new AppError('ACCOUNT_LOCKED', { until: formatCst(lockedUntil) });
    throw new AppError('INVALID_CREDENTIALS');
  }
  if (user.disabled) throw new AppError('ACCOUNT_DISABLED');

  const sessionToken = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(24).toString('base64url');
  const at = now.toISOString();
  const expiresAt = new Date(now.getTime() + deps.sessionTtlHours * 3600_000).toISOString();
  await db.transaction().execute(async (trx) => {
    await repo.insertSession(trx, {
      id: sha256(sessionToken),
      user_id: user.id,
      csrf_token: csrfToken,
      created_at: at,
      last_seen_at: at,
      expires_at: expiresAt,
      ip: info.ip,
      user_agent: info.userAgent?.slice(0, 300) ?? null,
    });
    await repo.recordSuccessfulLogin(trx, user.id, at);
    await recordAudit(trx, auditActor, { entity: 'user', entityId: user.id, action: 'login' });
  });
  return { sessionToken, csrfToken, userId: user.id, expiresAt };
}

function anonymousActor(username: string, displayName: string, userId: string): Actor {
  return {
    userId,
    username,
    displayName,
    unitId: null,
    unitPath: null,
    regionCode: null,
    permissions: new Set(),
    scopes: new Set(),
    resourceScopes: {},
    taskForceIds: [],
    locale: 'zh-CN',
  };
}

function formatCst(iso: string): string {
  return new Date(new Date(iso).getTime() + 8 * 3600_000).toISOString().slice(0, 16).replace('T', ' ');
}

export type AuthenticatedSession = {
  actor: Actor;
  sessionId: string;
  csrfToken: string;
  mustChangePassword: boolean;
};

/** Resolves a session cookie; slides its expiry at most once a minute to keep writes rare. */
export async function authenticateSession(
  deps: Deps,
  sessionToken: string,
  info: RequestInfo,
): Promise<AuthenticatedSession | null> {
  const id = sha256(sessionToken);
  const now = nowDate();
  const session = await repo.findLiveSession(deps.db, id, now.toISOString());
  if (!session) return null;
  const actor = await buildActor(deps.db, session.user_id, info);
  if (!actor) return null;
  if (now.getTime() - new Date(session.last_seen_at).getTime() > 60_000) {
    await repo.touchSession(
      deps.db,
      id,
      now.toISOString(),
      new Date(now.getTime() + deps.sessionTtlHours * 3600_000).toISOString(),
    );
  }
  const user = await repo.findUserById(deps.db, session.user_id);
  return {
    actor,
    sessionId: id,
    csrfToken: session.csrf_token,
    mustChangePassword: Boolean(user?.must_change_password),
  };
}

export async function authenticateToken(deps: Deps, token: string, info: RequestInfo): Promise<Actor | null> {
  const now = nowIso();
  const row = await repo.findLiveApiToken(deps.db, sha256(token), now);
  if (!row) return null;
  const actor = await buildActor(deps.db, row.user_id, info, true);
  if (!actor) return null;
  if (!row.last_used_at || Date.parse(now) - Date.parse(row.last_used_at) > 60_000)
    await repo.touchApiToken(deps.db, row.id, now);
  return actor;
}

export async function logout(deps: Deps, actor: Actor, sessionId: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    await repo.revokeSession(trx, sessionId, actor.userId!, nowIso());
    await recordAudit(trx, actor, { entity: 'user', entityId: actor.userId!, action: 'logout' });
  });
}

export async function getMe(deps: Deps, actor: Actor, csrfToken: string | null): Promise<Me> {
  const parts = await repo.loadActorParts(deps.db, actor.userId!);
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!parts || !user) throw new AppError('UNAUTHENTICATED');
  return {
    id: user.id,
    username: user.username,
    displayName: user.display_name,
    unitId: user.unit_id,
    unitName: parts.user.unit_name,
    regionCode: parts.user.region_code,
    locale: user.locale === 'en' ? 'en' : 'zh-CN',
    roles: parts.roles.map((r) => ({ id: r.id, code: r.code, name: r.name, nameEn: r.name_en })),
    permissions: PERMISSIONS.filter((p) => actor.permissions.has(p)),
    scopes: DATA_SCOPES.filter((s) => actor.scopes.has(s)),
    mustChangePassword: Boolean(user.must_change_password),
    csrfToken,
  };
}

export async function changePassword(
  deps: Deps,
  actor: Actor,
  input: { currentPassword: string; newPassword: string },
  keepSessionId: string | null,
): Promise<void> {
  const user = await repo.findUserById(deps.db, actor.userId!);
  if (!user) throw new AppError('UNAUTHENTICATED');
  if (!(await verifyPassword(user.password_hash, input.currentPassword)))
    throw new AppError('INVALID_CREDENTIALS');
  assertPasswordPolicy(input.newPassword, user.username);
  if (input.newPassword === input.currentPassword)
    throw new AppError('WEAK_PASSWORD', {
      detail: { zh: '新密码不能与当前密码相同', en: 'the new password must differ from the current one' },
    });
  const hash = await hashPassword(input.newPassword);
  const at = nowIso();
  await deps.db.transaction().execute(async (trx) => {
    await trx
      .updateTable('users')
      .set({ password_hash: hash, must_change_password: 0, password_changed_at: at, updated_at: at })
      .where('id', '=', user.id)
      .execute();
    // Other sessions of this user end: a changed password must lock out whoever knew the old one.
    await repo.revokeAllSessions(trx, user.id, at, keepSessionId ?? undefined);
    await recordAudit(trx, actor, { entity: 'user', entityId: user.id, action: 'password_change' });
  });
}

export function assertPasswordPolicy(password: string, username: string): void {
  const failures = checkPasswordPolicy(password, username);
  if (failures.length)
    throw new AppError('WEAK_PASSWORD', {
      detail: { zh: failures.map((f) => f.zh).join('；'), en: failures.map((f) => f.en).join('; ') },
    });
}

export async function listSessions(deps: Deps, actor: Actor, currentId: string | null) {
  const rows = await repo.listLiveSessions(deps.db, actor.userId!, nowIso());
  return rows.map((s) => ({
    id: s.id.slice(0, 16),
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    ip: s.ip,
    userAgent: s.user_agent,
    current: s.id === currentId,
  }));
}

/** Sessions are addressed by the first 16 hex characters of their id (the full id is a credential hash). */
export async function revokeOwnSession(deps: Deps, actor: Actor, shortId: string): Promise<void> {
  const rows = await repo.listLiveSessions(deps.db, actor.userId!, nowIso());
  const match = rows.find((s) => s.id.slice(0, 16) === shortId);
  if (!match) throw new AppError('NOT_FOUND');
  await deps.db.transaction().execute(async (trx) => {
    await repo.revokeSession(trx, match.id, actor.userId!, nowIso());
    await recordAudit(trx, actor, { entity: 'session', entityId: shortId, action: 'session_revoke' });
  });
}

export async function createApiToken(
  db: Db,
  actor: Actor,
  userId: string,
  input: { name: string; expiresInDays?: number },
) {
  const token = `gjt_${randomBytes(30).toString('base64url')}`;
  const now = nowDate();
  const row = {
    id: newId(),
    user_id: userId,
    name: input.name,
    token_hash: sha256(token),
    prefix: token.slice(0, 10),
    created_at: now.toISOString(),
    expires_at: input.expiresInDays
      ? new Date(now.getTime() + input.expiresInDays * 86400_000).toISOString()
      : null,
  };
  await db.transaction().execute(async (trx) => {
    await repo.insertApiToken(trx, row);
    await recordAudit(trx, actor, {
      entity: 'api_token',
      entityId: row.id,
      action: 'token_create',
      after: { name: row.name, userId, prefix: row.prefix, expiresAt: row.expires_at },
    });
  });
  return { token, data: presentToken({ ...row, last_used_at: null }) };
}

export function presentToken(t: {
  id: string;
  name: string;
  prefix: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
}) {
  return {
    id: t.id,
    name: t.name,
    prefix: t.prefix,
    createdAt: t.created_at,
    lastUsedAt: t.last_used_at,
    expiresAt: t.expires_at,
  };
}

export async function listApiTokens(deps: Deps, actor: Actor) {
  return (await repo.listApiTokens(deps.db, actor.userId!)).map(presentToken);
}

export async function revokeApiToken(deps: Deps, actor: Actor, id: string) {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await repo.revokeApiToken(trx, id, actor.userId!, nowIso()))) throw new AppError('NOT_FOUND');
    await recordAudit(trx, actor, { entity: 'api_token', entityId: id, action: 'token_revoke' });
  });
}

export { sha256 };
