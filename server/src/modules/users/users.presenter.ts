import type { User } from '../../../../contracts/schemas/org';
import type { Actor } from '../../core/access/actor';
import { nowIso } from '../../core/clock';
import { userAbilities } from './users.policy';
import type { UserRow } from './users.table';

export function presentUser(
  actor: Actor,
  u: UserRow & { unit_name: string | null; region_code: string | null },
  roles: Array<{ id: string; code: string; name: string }>,
): User {
  return {
    id: u.id,
    username: u.username,
    displayName: u.display_name,
    unitId: u.unit_id,
    unitName: u.unit_name,
    regionCode: u.region_code,
    email: u.email,
    phone: u.phone,
    roles,
    disabled: Boolean(u.disabled),
    mustChangePassword: Boolean(u.must_change_password),
    lockedUntil: u.locked_until && u.locked_until > nowIso() ? u.locked_until : null,
    lastLoginAt: u.last_login_at,
    version: u.version,
    createdAt: u.created_at,
    updatedAt: u.updated_at,
    abilities: userAbilities(actor, u),
  };
}

/** The audit view of a user row: never the password hash. */
export const auditableUser = ({ password_hash: _p, ...rest }: UserRow & Record<string, unknown>) => rest;
