import { z } from 'zod';
import { DATA_SCOPES, PERMISSIONS } from '../abilities';
import { AbilitiesSchema, ListQuery, VersionField } from './common';

export const REGION_KINDS = [
  'province',
  'prefecture',
  'district',
  'county',
  'county_city',
  'functional_zone',
] as const;
export const UNIT_KINDS = [
  'party_gov_office',
  'department',
  'district_gov',
  'zone_committee',
  'task_force',
  'soe',
] as const;

export const Region = z.object({
  code: z.string(),
  name: z.string(),
  kind: z.enum(REGION_KINDS),
  parentCode: z.string().nullable(),
});
export type Region = z.infer<typeof Region>;

export const RegionListQuery = z.object({
  parentCode: z.string().max(12).optional(),
  q: z.string().trim().max(50).optional(),
});

export const Unit = z.object({
  id: z.string(),
  code: z.string().nullable(),
  name: z.string(),
  shortName: z.string().nullable(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().nullable(),
  regionCode: z.string(),
  regionName: z.string().nullable(),
  sort: z.number().int(),
  active: z.boolean(),
  memberCount: z.number().int().optional(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Unit = z.infer<typeof Unit>;

export const UnitListQuery = ListQuery.extend({
  kind: z.enum(UNIT_KINDS).optional(),
  regionCode: z.string().max(12).optional(),
  parentId: z.string().max(64).optional(),
});

const unitFields = {
  code: z.string().trim().max(64).nullable().optional(),
  name: z.string().trim().min(1).max(100),
  shortName: z.string().trim().max(50).nullable().optional(),
  kind: z.enum(UNIT_KINDS),
  parentId: z.string().max(64).nullable().optional(),
  regionCode: z.string().regex(/^\d{6}$/),
  sort: z.number().int().min(0).max(100000).optional(),
  active: z.boolean().optional(),
};
export const UnitCreate = z.object(unitFields);
export type UnitCreate = z.infer<typeof UnitCreate>;
export const UnitUpdate = z
  .object({ ...unitFields, ...VersionField })
  .partial()
  .required({ version: true });
export type UnitUpdate = z.infer<typeof UnitUpdate>;

export const TaskForceMember = z.object({
  userId: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitName: z.string().nullable(),
  role: z.string().nullable(),
});
export const TaskForceMembersUpdate = z.object({
  members: z
    .array(z.object({ userId: z.string().max(64), role: z.string().max(32).nullable().optional() }))
    .max(500),
});

export const RoleRef = z.object({ id: z.string(), code: z.string(), name: z.string() });

export const User = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  regionCode: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  roles: z.array(RoleRef),
  disabled: z.boolean(),
  mustChangePassword: z.boolean(),
  lockedUntil: z.string().nullable(),
  lastLoginAt: z.string().nullable(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type User = z.infer<typeof User>;

export const UserListQuery = ListQuery.extend({
  unitId: z.string().max(64).optional(),
  roleId: z.string().max(64).optional(),
  disabled: z.enum(['true', 'false']).optional(),
});

const usernameField = z
  .string()
  .trim()
  .min(2)
  .max(64)
  .regex(/^[A-Za-z0-9_.-]+$/, 'errors.username');

export const UserCreate = z.object({
  username: usernameField,
  displayName: z.string().trim().min(1).max(50),
  unitId: z.string().max(64),
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  roleIds: z.array(z.string().max(64)).max(20).default([]),
  /** Absent: a password is generated and returned once. The user must change it at first sign-in. */
  password: z.string().max(128).optional(),
});
export type UserCreate = z.infer<typeof UserCreate>;

export const UserUpdate = z.object({
  displayName: z.string().trim().min(1).max(50).optional(),
  unitId: z.string().max(64).optional(),
  email: z.email().max(200).nullable().optional(),
  phone: z.string().trim().max(32).nullable().optional(),
  roleIds: z.array(z.string().max(64)).max(20).optional(),
  disabled: z.boolean().optional(),
  /** Clears a login lockout. */
  unlock: z.boolean().optional(),
  ...VersionField,
});
export type UserUpdate = z.infer<typeof UserUpdate>;

export const UserCreated = z.object({ data: User, initialPassword: z.string().optional() });
export const PasswordReset = z.object({ temporaryPassword: z.string() });

export const Role = z.object({
  id: z.string(),
  code: z.string(),
  name: z.string(),
  nameEn: z.string(),
  description: z.string().nullable(),
  permissions: z.array(z.enum(PERMISSIONS)),
  dataScope: z.enum(DATA_SCOPES),
  builtin: z.boolean(),
  userCount: z.number().int(),
  version: z.number().int(),
  createdAt: z.string(),
  updatedAt: z.string(),
  abilities: AbilitiesSchema,
});
export type Role = z.infer<typeof Role>;

const roleFields = {
  code: z
    .string()
    .trim()
    .min(2)
    .max(64)
    .regex(/^[a-z0-9_]+$/, 'errors.roleCode'),
  name: z.string().trim().min(1).max(50),
  nameEn: z.string().trim().min(1).max(80),
  description: z.string().trim().max(500).nullable().optional(),
  permissions: z.array(z.enum(PERMISSIONS)).max(PERMISSIONS.length),
  dataScope: z.enum(DATA_SCOPES),
};
export const RoleCreate = z.object(roleFields);
export type RoleCreate = z.infer<typeof RoleCreate>;
export const RoleUpdate = z
  .object({ ...roleFields, ...VersionField })
  .partial()
  .required({ version: true });
export type RoleUpdate = z.infer<typeof RoleUpdate>;
