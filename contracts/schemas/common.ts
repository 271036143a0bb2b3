import { z } from 'zod';

/**
 * The list convention, the same on every endpoint:
 * - `page` (1-based, default 1) and `pageSize` (default 20, at most 200);
 * - `sort`: a field name, descending with a leading '-' (e.g. `sort=-updatedAt`); each endpoint lists its fields;
 * - `q`: keyword search; other filters are plain query parameters named after the field
 *   (`regionCode=321102`), ranges as `<field>From` / `<field>To`.
 * The answer is `{ data, total, page, pageSize }`.
 */
export const ListQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(20),
  sort: z
    .string()
    .regex(/^-?[A-Za-z][A-Za-z0-9]*$/)
    .optional(),
  q: z.string().trim().max(100).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const pageOf = <T extends z.ZodTypeAny>(item: T) =>
  z.object({
    data: z.array(item),
    total: z.number().int(),
    page: z.number().int(),
    pageSize: z.number().int(),
  });

export const dataOf = <T extends z.ZodTypeAny>(item: T) => z.object({ data: item });

export const IdParam = z.object({ id: z.string().regex(/^[A-Za-z0-9._:-]{1,64}$/) });

export const AbilitiesSchema = z.record(z.string(), z.boolean());

export const ErrorResponse = z.object({
  error: z.object({ code: z.string(), message: z.string(), details: z.unknown().optional() }),
});

/** Optimistic concurrency: every update names the version it was based on. */
export const VersionField = { version: z.number().int().min(1) };

export const Ok = z.object({ ok: z.literal(true) });
