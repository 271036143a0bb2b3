import { z } from 'zod';
import { DATA_SCOPES, PERMISSIONS } from '../abilities';

export const LoginInput = z.object({
  username: z.string().trim().min(1).max(64),
  password: z.string().min(1).max(128),
});
export type LoginInput = z.infer<typeof LoginInput>;

export const Me = z.object({
  id: z.string(),
  username: z.string(),
  displayName: z.string(),
  unitId: z.string(),
  unitName: z.string().nullable(),
  regionCode: z.string().nullable(),
  locale: z.enum(['zh-CN', 'en']),
  roles: z.array(z.object({ id: z.string(), code: z.string(), name: z.string(), nameEn: z.string() })),
  permissions: z.array(z.enum(PERMISSIONS)),
  scopes: z.array(z.enum(DATA_SCOPES)),
  mustChangePassword: z.boolean(),
  /** Send back as the X-CSRF-Token header on every cookie-authenticated write. */
  csrfToken: z.string().nullable(),
});
export type Me = z.infer<typeof Me>;

export const ChangePasswordInput = z.object({
  currentPassword: z.string().min(1).max(128),
  newPassword: z.string().min(1).max(128),
});

export const Session = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  expiresAt: z.string(),
  ip: z.string().nullable(),
  userAgent: z.string().nullable(),
  current: z.boolean(),
});

export const ApiToken = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string(),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  expiresAt: z.string().nullable(),
});
export const ApiTokenCreate = z.object({
  name: z.string().trim().min(1).max(100),
  expiresInDays: z.number().int().min(1).max(3650).optional(),
});
export const ApiTokenCreated = z.object({ data: ApiToken, token: z.string() });
