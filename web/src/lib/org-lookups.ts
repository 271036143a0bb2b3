import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import type { Region, Role, Unit, User } from '@contracts/schemas/org';
import { api, type One, type Page } from './api-client';

/**
 * Reference data several features pick from (units, roles, regions, users). Each feature keeps its own
 * writes in features/<x>/api; these reads live here so no feature imports another.
 */

// ── units ──

export const unitTreeQueryOptions = () =>
  queryOptions({
    queryKey: ['units', 'tree'],
    queryFn: ({ signal }) => api.get<{ data: Unit[] }>('/units/tree', undefined, signal).then((r) => r.data),
  });

export const useUnitTree = (enabled = true) => useQuery({ ...unitTreeQueryOptions(), enabled });

export type UnitNode = Unit & { children?: UnitNode[] };

/** Builds the tree from the flat list (parentId), siblings ordered by sort then name. */
export function buildUnitTree(units: Unit[]): UnitNode[] {
  const byId = new Map<string, UnitNode>();
  for (const u of units) byId.set(u.id, { ...u });
  const roots: UnitNode[] = [];
  for (const node of byId.values()) {
    const parent = node.parentId ? byId.get(node.parentId) : undefined;
    if (parent) (parent.children ??= []).push(node);
    else roots.push(node);
  }
  const order = (list: UnitNode[]) => {
    list.sort((a, b) => a.sort - b.sort || a.name.localeCompare(b.name, 'zh-CN'));
    for (const n of list) if (n.children) order(n.children);
  };
  order(roots);
  return roots;
}

/** Ids of a unit and everything below it (a unit cannot be moved under itself). */
export function descendantIds(units: Unit[], rootId: string): Set<string> {
  const children = new Map<string, string[]>();
  for (const u of units)
    if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const out = new Set<string>([rootId]);
  const stack = [rootId];
  while (stack.length) {
    const id = stack.pop()!;
    for (const c of children.get(id) ?? []) {
      if (out.has(c)) continue;
      out.add(c);
      stack.push(c);
    }
  }
  return out;
}

// ── roles ──

export const rolesQueryOptions = () =>
  queryOptions({
    queryKey: ['roles', 'list'],
    queryFn: ({ signal }) => api.get<{ data: Role[] }>('/roles', undefined, signal).then((r) => r.data),
  });

export const useRoles = (enabled = true) => useQuery({ ...rolesQueryOptions(), enabled });

// ── regions ──

export const regionsQueryOptions = (params: { parentCode?: string; q?: string }) =>
  queryOptions({
    queryKey: ['regions', params],
    queryFn: ({ signal }) => api.get<{ data: Region[] }>('/regions', params, signal).then((r) => r.data),
    staleTime: 60 * 60_000,
  });

export const useRegions = (params: { parentCode?: string; q?: string }, enabled = true) =>
  useQuery({ ...regionsQueryOptions(params), enabled, placeholderData: keepPreviousData });

// ── users (for pickers) ──

export const userSearchQueryOptions = (q: string) =>
  queryOptions({
    queryKey: ['users', 'search', q],
    queryFn: ({ signal }) =>
      api.get<Page<User>>('/users', { q: q || undefined, pageSize: 20, page: 1 }, signal).then((r) => r.data),
  });

export const useUserSearch = (q: string, enabled = true) =>
  useQuery({ ...userSearchQueryOptions(q), enabled, placeholderData: keepPreviousData });

export const getUser = (id: string) =>
  api.get<One<User>>(`/users/${encodeURIComponent(id)}`).then((r) => r.data);
