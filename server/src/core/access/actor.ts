import type { DataScope, Permission } from '../../../../contracts/abilities';
import { PERMISSIONS } from '../../../../contracts/abilities';

/** Who is acting: resolved once per request from the session or API token, then passed down explicitly. */
export type Actor = {
  userId: string | null;
  username: string;
  displayName: string;
  unitId: string | null;
  /** The actor's unit path ('/a/b/'); unit_tree scope matches units whose path starts with it. */
  unitPath: string | null;
  /** Region of the actor's unit (GB/T 2260); district scope matches records located in it or below it. */
  regionCode: string | null;
  permissions: ReadonlySet<Permission>;
  /** Union of the data scopes of all roles (for display). */
  scopes: ReadonlySet<DataScope>;
  /**
   * Data scopes per resource: a role's scope applies to the resources it grants `:read` on, so one user can
   * see every enterprise (science bureau role) but only own-unit projects (department role).
   */
  resourceScopes: Readonly<Record<string, readonly DataScope[]>>;
  taskForceIds: readonly string[];
  locale: 'zh-CN' | 'en';
  ip?: string | null;
  userAgent?: string | null;
  /** Set when the request authenticated with an API token rather than a session cookie. */
  viaToken?: boolean;
};

/** The actor for CLI commands, the demo seed and scheduled jobs: every permission, every record. */
export function systemActor(name = 'system'): Actor {
  return {
    userId: null,
    username: name,
    displayName: name,
    unitId: null,
    unitPath: null,
    regionCode: null,
    permissions: new Set(PERMISSIONS),
    scopes: new Set<DataScope>(['all']),
    resourceScopes: new Proxy({}, { get: () => ['all'] }),
    taskForceIds: [],
    locale: 'zh-CN',
  };
}

export const can = (actor: Actor, permission: Permission) => actor.permissions.has(permission);

/**
 * The region-code prefix a code stands for: 321100 (a city) → '3211', 320000 → '32', 321102 → '321102'.
 * Records located anywhere under a region share its prefix.
 */
export function regionPrefix(code: string): string {
  if (/^\d{6}$/.test(code)) {
    if (code.endsWith('0000')) return code.slice(0, 2);
    if (code.endsWith('00')) return code.slice(0, 4);
  }
  return code;
}

/** The data scopes the actor has on one resource ('project', 'user', …); task-force membership always counts. */
export function scopesFor(actor: Actor, resource: string): ReadonlySet<DataScope> {
  const list = actor.resourceScopes[resource] ?? [];
  const set = new Set<DataScope>(list);
  if (actor.taskForceIds.length > 0 && set.size > 0) set.add('task_force');
  return set;
}
