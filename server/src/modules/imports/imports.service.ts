import fs from 'node:fs';
import type { Locale } from '../../../../contracts/errors';
import type { ImportRun, ImportRunSummary } from '../../../../contracts/schemas/imports';
import { can, scopesFor, type Actor } from '../../core/access/actor';
import { requirePermission } from '../../core/access/scope';
import { safeFileName } from '../../core/attachments/attachments';
import { generateTemplate } from '../../core/excel/engine';
import { annotatedPath, startImport } from '../../core/excel/import-runner';
import type { LedgerImporter } from '../../core/excel/ledger';
import { notFound } from '../../core/errors';
import type { Db } from '../../db/database';
import { LEDGERS } from './ledgers';
import { presentRun, presentRunSummary } from './imports.presenter';
import * as repo from './imports.repository';
import type { ImportRunRow } from './imports.table';

/** Ledger id → lazy importer. The routes use LEDGERS; tests pass their own registry. */
export type LedgerRegistry = Record<string, () => Promise<LedgerImporter<any>>>;

type Deps = { db: Db; config: { dataDir: string } };

async function loadLedger(registry: LedgerRegistry, id: string): Promise<LedgerImporter<unknown>> {
  const load = Object.prototype.hasOwnProperty.call(registry, id) ? registry[id] : undefined;
  if (!load) throw notFound();
  return load();
}

const resourceOf = (permission: string) => permission.split(':')[0] ?? permission;

/** The actor who started a run sees it; so does anyone holding the ledger's import permission with data scope 'all'. */
function canSeeRun(actor: Actor, run: ImportRunRow, ledger: LedgerImporter<unknown> | null): boolean {
  if (actor.userId && run.actor_id === actor.userId) return true;
  if (!ledger) return false;
  return (
    can(actor, ledger.importPermission) && scopesFor(actor, resourceOf(ledger.importPermission)).has('all')
  );
}

const hasAnnotated = (deps: Deps, id: string) => fs.existsSync(annotatedPath(deps.config.dataDir, id));

/** The ledger's import template, named after the ledger in the caller's language. */
export async function importTemplate(
  deps: Deps,
  actor: Actor,
  ledgerId: string,
  locale: Locale,
  registry: LedgerRegistry = LEDGERS,
): Promise<{ fileName: string; data: Buffer }> {
  const ledger = await loadLedger(registry, ledgerId);
  requirePermission(actor, ledger.importPermission);
  const title = (locale === 'en' ? ledger.map.title.en : ledger.map.title.zh) || ledgerId;
  return {
    fileName: locale === 'en' ? `${title} import template.xlsx` : `${title}导入模板.xlsx`,
    data: await generateTemplate(ledger.map, locale),
  };
}

export type ImportInput = {
  ledgerId: string;
  dryRun: boolean;
  wait: boolean;
  locale: Locale;
  /** Reads the uploaded file; called only after the permission check. */
  readFile: () => Promise<{ data: Buffer; fileName: string }>;
};

/** Starts an import run; with `wait` answers once it has finished. */
export async function startLedgerImport(
  deps: Deps,
  actor: Actor,
  input: ImportInput,
  registry: LedgerRegistry = LEDGERS,
): Promise<{ run: ImportRun; finished: boolean }> {
  const ledger = await loadLedger(registry, input.ledgerId);
  requirePermission(actor, ledger.importPermission);
  const file = await input.readFile();
  const { runId, done } = await startImport({
    db: deps.db,
    actor,
    ledgerId: input.ledgerId,
    ledger,
    data: file.data,
    fileName: safeFileName(file.fileName),
    dryRun: input.dryRun,
    locale: input.locale,
    dataDir: deps.config.dataDir,
  });
  if (input.wait) await done;
  const row = await repo.findRun(deps.db, runId);
  if (!row) throw notFound();
  return { run: presentRun(row, hasAnnotated(deps, runId)), finished: row.status !== 'running' };
}

async function visibleRun(
  deps: Deps,
  actor: Actor,
  id: string,
  registry: LedgerRegistry,
): Promise<ImportRunRow> {
  const row = await repo.findRun(deps.db, id);
  if (!row) throw notFound();
  const ledger = Object.prototype.hasOwnProperty.call(registry, row.ledger)
    ? await loadLedger(registry, row.ledger)
    : null;
  if (!canSeeRun(actor, row, ledger)) throw notFound();
  return row;
}

export async function getImportRun(
  deps: Deps,
  actor: Actor,
  id: string,
  registry: LedgerRegistry = LEDGERS,
): Promise<ImportRun> {
  const row = await visibleRun(deps, actor, id, registry);
  return presentRun(row, hasAnnotated(deps, row.id));
}

/** The annotated workbook of a run (its file path and a download name). */
export async function annotatedWorkbookOf(
  deps: Deps,
  actor: Actor,
  id: string,
  locale: Locale,
  registry: LedgerRegistry = LEDGERS,
): Promise<{ path: string; fileName: string }> {
  const row = await visibleRun(deps, actor, id, registry);
  const file = annotatedPath(deps.config.dataDir, row.id);
  if (!fs.existsSync(file)) throw notFound();
  const base = row.file_name.replace(/\.xlsx$/i, '');
  return { path: file, fileName: locale === 'en' ? `${base} (errors).xlsx` : `${base}（错误标注）.xlsx` };
}

/** The caller's own recent runs. */
export async function listImportRuns(
  deps: Deps,
  actor: Actor,
  q: { ledger?: string; limit: number },
): Promise<ImportRunSummary[]> {
  if (!actor.userId) return [];
  const rows = await repo.listRunsOf(deps.db, actor.userId, q);
  return rows.map((r) => presentRunSummary(r, hasAnnotated(deps, r.id)));
}
