import { queryOptions, useMutation, useQuery } from '@tanstack/react-query';
import type { ImportRun } from '@contracts/schemas/imports';
import { api, downloadFile } from './api-client';

/**
 * The ledger Excel round trip, for any ledger id the server registers (projects, enterprises, reform-tasks):
 * template, dry run / commit with progress, the annotated workbook of a run's errors.
 */

export type { ImportErrorItem as ImportError, ImportRun } from '@contracts/schemas/imports';

/** The run's progress, 0–100. */
export function progressPercent(run: Pick<ImportRun, 'progress' | 'status'>): number {
  if (run.status !== 'running') return 100;
  return Math.max(0, Math.min(100, Math.round(Number(run.progress) || 0)));
}

/** running → succeeded | failed | dry_run (a finished preview). */
export const isFinished = (run: ImportRun | undefined) => Boolean(run && run.status !== 'running');

export const downloadTemplate = (ledger: string) =>
  downloadFile(`/imports/${encodeURIComponent(ledger)}/template`, undefined, `${ledger}-template.xlsx`);

export const downloadAnnotated = (runId: string, fileName = 'annotated.xlsx') =>
  downloadFile(`/imports/${encodeURIComponent(runId)}/annotated`, undefined, fileName);

export function startImport({ ledger, file, dryRun }: { ledger: string; file: File; dryRun: boolean }) {
  const form = new FormData();
  form.append('file', file, file.name);
  return api
    .upload<{ data: ImportRun }>(`/imports/${encodeURIComponent(ledger)}`, form, {
      dryRun: dryRun ? 'true' : 'false',
    })
    .then((r) => r.data);
}

export const getImportRun = (id: string, signal?: AbortSignal) =>
  api.get<{ data: ImportRun }>(`/imports/${encodeURIComponent(id)}`, undefined, signal).then((r) => r.data);

export const importRunQueryOptions = (id: string) =>
  queryOptions({ queryKey: ['imports', 'run', id], queryFn: ({ signal }) => getImportRun(id, signal) });

/** Polls a run every 600 ms until it is done or failed. */
export const useImportRun = (id: string | null) =>
  useQuery({
    ...importRunQueryOptions(id ?? ''),
    enabled: Boolean(id),
    refetchInterval: (q) => (isFinished(q.state.data) ? false : 600),
    staleTime: 0,
  });

export const useStartImport = () => useMutation({ mutationFn: startImport, meta: { silent: true } });
