import type { Selectable } from 'kysely';

export type ImportRunStatus = 'running' | 'succeeded' | 'failed' | 'dry_run';

export type ImportRunTable = {
  id: string;
  /** The ledger id in the LEDGERS registry ('projects', 'enterprises', …). */
  ledger: string;
  file_name: string;
  /** sha256 of the uploaded bytes (also in the audit record of a successful import). */
  sha256: string;
  actor_id: string | null;
  region_code: string | null;
  dry_run: number;
  status: ImportRunStatus;
  progress: number;
  rows: number;
  created: number;
  updated: number;
  skipped: number;
  error_count: number;
  /** JSON array of the first 1,000 ImportError. */
  errors: string | null;
  started_at: string;
  finished_at: string | null;
};
export type ImportRunRow = Selectable<ImportRunTable>;

/** Tables of this capability; db/schema.ts merges them into the database type. */
export type ImportsTables = { import_runs: ImportRunTable };
