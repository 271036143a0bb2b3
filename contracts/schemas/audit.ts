import { z } from 'zod';

export const AuditQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
  entity: z.string().max(48).optional(),
  entityId: z.string().max(64).optional(),
  actorId: z.string().max(64).optional(),
  action: z.string().max(48).optional(),
  from: z.string().max(30).optional(),
  to: z.string().max(30).optional(),
});

export const AuditEntry = z.object({
  seq: z.number().int(),
  at: z.string(),
  actorId: z.string().nullable(),
  actorName: z.string().nullable(),
  ip: z.string().nullable(),
  entity: z.string(),
  entityId: z.string(),
  action: z.string(),
  regionCode: z.string().nullable(),
  changes: z.object({
    before: z.record(z.string(), z.unknown()).nullable(),
    after: z.record(z.string(), z.unknown()).nullable(),
    payload: z.record(z.string(), z.unknown()).optional(),
  }),
});
export type AuditEntry = z.infer<typeof AuditEntry>;
