import { z } from 'zod';

export const Attachment = z.object({
  id: z.string(),
  name: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  entity: z.string(),
  entityId: z.string(),
  docType: z.string(),
  note: z.string().nullable(),
  uploadedBy: z.string().nullable(),
  uploadedAt: z.string(),
  /** Download through the access check. */
  url: z.string(),
});
export type Attachment = z.infer<typeof Attachment>;

export const AttachmentListQuery = z.object({
  entity: z.string().min(1).max(48),
  entityId: z.string().min(1).max(64),
});

/**
 * Upload: multipart/form-data with fields `entity`, `entityId`, `docType`, optional `note`, then the `file`
 * part (fields before the file). Limit: UPLOAD_MAX_MB; type sniffed from content.
 */
export const AttachmentUploadFields = z.object({
  entity: z.string().min(1).max(48),
  entityId: z.string().min(1).max(64),
  docType: z
    .string()
    .min(1)
    .max(48)
    .regex(/^[a-z0-9_]+$/),
  note: z.string().max(500).optional(),
});
