import { z } from 'zod';

/**
 * Excel imports. Flow: download the template (GET /imports/:ledger/template), upload the filled file as a
 * dry run (POST /imports/:ledger?dryRun=true) to preview counts and row-level errors, then upload it for
 * real (dryRun=false): all rows are written in one transaction, or none. A run answers at once (202) and
 * is polled at GET /imports/:id; `wait=true` answers when it has finished (200). When a run has errors,
 * GET /imports/:id/annotated returns the uploaded workbook with each error as a comment on its cell.
 */

/** A problem addressed as Excel shows it: `row` as in the margin (0 = the whole file), `column` as the header reads. */
export const ImportErrorItem = z.object({
  row: z.number().int(),
  column: z.string(),
  message: z.string(),
  /** The column's number in the sheet (1 = A), when known. */
  col: z.number().int().optional(),
});
export type ImportErrorItem = z.infer<typeof ImportErrorItem>;

export const ImportRunStatus = z.enum(['running', 'succeeded', 'failed', 'dry_run']);
export type ImportRunStatus = z.infer<typeof ImportRunStatus>;

export const ImportRun = z.object({
  id: z.string(),
  ledger: z.string(),
  fileName: z.string(),
  sha256: z.string(),
  actorId: z.string().nullable(),
  dryRun: z.boolean(),
  /** running → succeeded | failed (nothing written) | dry_run (nothing written; counts are what a real run would do). */
  status: ImportRunStatus,
  /** 0–100. */
  progress: z.number().int(),
  /** Data rows read (totals and blank rows excluded). */
  rows: z.number().int(),
  created: z.number().int(),
  updated: z.number().int(),
  /** Totals (合计/小计) and blank rows passed over. */
  skipped: z.number().int(),
  errorCount: z.number().int(),
  /** The first 1,000 errors. */
  errors: z.array(ImportErrorItem),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  /** Download of the annotated workbook, when the run had errors in a readable workbook. */
  annotatedUrl: z.string().nullable(),
});
export type ImportRun = z.infer<typeof ImportRun>;

/** A run in a list: without its errors. */
export const ImportRunSummary = ImportRun.omit({ errors: true });
export type ImportRunSummary = z.infer<typeof ImportRunSummary>;

export const LedgerParam = z.object({
  ledger: z
    .string()
    .min(1)
    .max(48)
    .regex(/^[a-z][a-z0-9_-]*$/),
});

export const ImportStartQuery = z.object({
  /** Preview only: parse and validate everything, write nothing (default false). */
  dryRun: z.enum(['true', 'false']).default('false'),
  /** Answer when the run has finished (200) instead of at once (202). */
  wait: z.enum(['true', 'false']).default('false'),
});

export const ImportListQuery = z.object({
  ledger: z.string().min(1).max(48).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
});
