import type { ImportErrorItem, ImportRun, ImportRunSummary } from '../../../../contracts/schemas/imports';
import type { ImportRunRow } from './imports.table';

function parseErrors(json: string | null): ImportErrorItem[] {
  if (!json) return [];
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? (v as ImportErrorItem[]) : [];
  } catch {
    return [];
  }
}

export function presentRunSummary(r: ImportRunRow, hasAnnotated: boolean): ImportRunSummary {
  return {
    id: r.id,
    ledger: r.ledger,
    fileName: r.file_name,
    sha256: r.sha256,
    actorId: r.actor_id,
    dryRun: Boolean(r.dry_run),
    status: r.status,
    progress: Number(r.progress),
    rows: Number(r.rows),
    created: Number(r.created),
    updated: Number(r.updated),
    skipped: Number(r.skipped),
    errorCount: Number(r.error_count),
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    annotatedUrl: hasAnnotated ? `/api/v1/imports/${r.id}/annotated` : null,
  };
}

export function presentRun(r: ImportRunRow, hasAnnotated: boolean): ImportRun {
  return { ...presentRunSummary(r, hasAnnotated), errors: parseErrors(r.errors) };
}
