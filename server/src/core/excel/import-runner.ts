import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { renderErrorMessage, type Locale } from '../../../../contracts/errors';
import type { Db } from '../../db/database';
import type { Actor } from '../access/actor';
import { recordAudit } from '../audit/audit';
import { nowIso } from '../clock';
import { AppError } from '../errors';
import { newId } from '../ids';
import { annotateWorkbook, MAX_ERRORS, parseWorkbook } from './engine';
import type { LedgerImporter } from './ledger';
import { msg, pick } from './messages';
import { CellError, type ImportError, type ImportSummary, type LedgerMap, type ParseResult } from './types';

/**
 * Runs one import in the background: parse → (dry run | one all-or-nothing transaction) → the run's
 * record. The import_runs row shows progress while it runs (parsing 0–50 %, written every ~1000 rows or
 * second) and the outcome afterwards. A dry run calls the ledger's upsert too, inside a transaction that
 * is always rolled back, so it reports every error a real run would (semantic ones such as an unknown
 * unit included) and the counts it would create/update. Nothing is written unless the whole file is
 * clean; a successful import commits its rows, its run record and one audit entry together.
 */

export type StartImportOptions<R> = {
  db: Db;
  actor: Actor;
  ledgerId: string;
  ledger: LedgerImporter<R>;
  data: Buffer;
  fileName: string;
  dryRun: boolean;
  locale: Locale;
  dataDir: string;
  /** Unexpected failures (bugs, database errors) are reported here; the run itself just fails. */
  onInternalError?: (err: unknown) => void;
};

/** Errors kept on the run record. */
export const RUN_ERRORS_KEPT = 1000;
/** Imports parsing at the same time in this process; more wait their turn (each can take hundreds of MB). */
export const MAX_CONCURRENT_IMPORTS = 2;

export const annotatedPath = (dataDir: string, runId: string) =>
  path.join(dataDir, 'imports', `${runId}.xlsx`);

let active = 0;
const waiting: Array<() => void> = [];
async function acquire(): Promise<() => void> {
  if (active >= MAX_CONCURRENT_IMPORTS) await new Promise<void>((resolve) => waiting.push(resolve));
  active++;
  return () => {
    active--;
    waiting.shift()?.();
  };
}

class Rollback extends Error {}

function describe(err: unknown, locale: Locale): string {
  if (err instanceof AppError) {
    const params: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(err.params))
      params[k] =
        v && typeof v === 'object' && 'zh' in v && 'en' in v
          ? pick(v as { zh: string; en: string }, locale)
          : v;
    return renderErrorMessage(err.code, locale, params);
  }
  if (err instanceof CellError) return pick(err.msg, locale);
  return msg(locale, 'internal', { value: err instanceof Error ? err.name : 'error' });
}

/** Upsert errors may name the column by key or map header: point them at the file's header and column. */
export function placeLedgerErrors<R>(
  errors: ImportError[],
  map: LedgerMap<R>,
  parsed: ParseResult<R>,
): ImportError[] {
  return errors.map((raw) => {
    // defensive: the errors end up in an API response with a strict schema
    const e: ImportError = {
      row: Number.isInteger(raw.row) && raw.row >= 0 ? raw.row : 0,
      column: String(raw.column ?? ''),
      message: String(raw.message ?? ''),
      ...(Number.isInteger(raw.col) ? { col: raw.col } : {}),
    };
    if (e.col !== undefined) return e;
    const def = map.columns.find(
      (c) => c.key === e.column || c.header.zh === e.column || c.header.en === e.column,
    );
    const found = def && parsed.columns?.find((c) => c.key === def.key);
    return found ? { ...e, column: found.header, col: found.col } : e;
  });
}

export async function startImport<R>(
  opts: StartImportOptions<R>,
): Promise<{ runId: string; done: Promise<ImportSummary> }> {
  const { db, actor, ledgerId, data, fileName, dryRun } = opts;
  const runId = newId();
  const sha256 = createHash('sha256').update(data).digest('hex');
  await db
    .insertInto('import_runs')
    .values({
      id: runId,
      ledger: ledgerId,
      file_name: fileName,
      sha256,
      actor_id: actor.userId,
      region_code: actor.regionCode,
      dry_run: dryRun ? 1 : 0,
      status: 'running',
      progress: 0,
      rows: 0,
      created: 0,
      updated: 0,
      skipped: 0,
      error_count: 0,
      errors: null,
      started_at: nowIso(),
      finished_at: null,
    })
    .execute();
  const done = (async () => {
    const release = await acquire();
    try {
      return await runImport(opts, runId, sha256);
    } finally {
      release();
    }
  })();
  return { runId, done };
}

async function runImport<R>(
  opts: StartImportOptions<R>,
  runId: string,
  sha256: string,
): Promise<ImportSummary> {
  const { db, actor, ledger, data, locale, dryRun } = opts;
  const report = opts.onInternalError ?? ((err: unknown) => console.error('import failed', runId, err));
  let errors: ImportError[] = [];
  let errorCount = 0;
  let rows = 0;
  let skipped = 0;
  let created = 0;
  let updated = 0;
  let committed = false;
  let parsed: ParseResult<R> | null = null;

  // Progress: written through a serial chain, at most every 1000 rows or once a second.
  let chain: Promise<unknown> = Promise.resolve();
  let lastRows = 0;
  let lastAt = Date.now();
  let lastPct = -1;
  const setProgress = (pct: number) => {
    if (pct === lastPct) return;
    lastPct = pct;
    chain = chain
      .then(() => db.updateTable('import_runs').set({ progress: pct }).where('id', '=', runId).execute())
      .catch(() => undefined);
  };

  try {
    parsed = await parseWorkbook(ledger.map, data, locale, {
      onProgress: (done, total) => {
        const now = Date.now();
        if (done - lastRows < 1000 && now - lastAt < 1000) return;
        lastRows = done;
        lastAt = now;
        setProgress(Math.min(49, Math.floor((done / Math.max(total, 1)) * 50)));
      },
    });
    setProgress(50);
    await chain;
    errors = [...parsed.errors];
    errorCount = parsed.errorCount ?? errors.length;
    rows = parsed.rows.length;
    skipped = parsed.skipped;
    const valid = parsed.rows.filter((r) => !r.invalid);

    if (valid.length > 0) {
      const p = parsed;
      try {
        await db.transaction().execute(async (trx) => {
          const res = await ledger.upsert(trx, actor, valid);
          created = res.created;
          updated = res.updated;
          if (res.errors.length) {
            const placed = placeLedgerErrors(res.errors, ledger.map, p);
            errorCount += placed.length;
            errors = [...errors, ...placed]
              .sort((a, b) => a.row - b.row || (a.col ?? 0) - (b.col ?? 0))
              .slice(0, MAX_ERRORS);
          }
          if (errorCount > 0 || dryRun) throw new Rollback();
          await trx
            .updateTable('import_runs')
            .set({
              status: 'succeeded',
              progress: 100,
              rows,
              created,
              updated,
              skipped,
              error_count: 0,
              errors: '[]',
              finished_at: nowIso(),
            })
            .where('id', '=', runId)
            .execute();
          await recordAudit(trx, actor, {
            entity: 'import_run',
            entityId: runId,
            action: 'import',
            regionCode: actor.regionCode,
            payload: {
              ledger: opts.ledgerId,
              fileName: opts.fileName,
              sha256,
              rows,
              created,
              updated,
              skipped,
            },
          });
        });
        committed = true;
      } catch (err) {
        if (!(err instanceof Rollback)) {
          if (!(err instanceof AppError) && !(err instanceof CellError)) report(err);
          errors = [
            ...errors,
            { row: 0, column: '', message: msg(locale, 'upsertFailed', { value: describe(err, locale) }) },
          ];
          errorCount++;
          created = updated = 0;
        }
      }
    } else if (errorCount === 0 && !dryRun) {
      // Nothing but blank or totals rows: a successful, empty import.
      await db.transaction().execute(async (trx) => {
        await trx
          .updateTable('import_runs')
          .set({
            status: 'succeeded',
            progress: 100,
            rows,
            created: 0,
            updated: 0,
            skipped,
            error_count: 0,
            errors: '[]',
            finished_at: nowIso(),
          })
          .where('id', '=', runId)
          .execute();
        await recordAudit(trx, actor, {
          entity: 'import_run',
          entityId: runId,
          action: 'import',
          regionCode: actor.regionCode,
          payload: {
            ledger: opts.ledgerId,
            fileName: opts.fileName,
            sha256,
            rows,
            created: 0,
            updated: 0,
            skipped,
          },
        });
      });
      committed = true;
    }
  } catch (err) {
    report(err);
    errors = [...errors, { row: 0, column: '', message: describe(err, locale) }];
    errorCount++;
  }

  if (!committed && !dryRun) created = updated = 0;
  const summary: ImportSummary = { rows, created, updated, skipped, errors };
  if (committed) return summary;

  try {
    if (errors.length > 0 && parsed?.sheet) {
      const annotated = await annotateWorkbook(data, errors, locale, {
        sheet: parsed.sheet,
        headerRow: parsed.headerRow,
      });
      const file = annotatedPath(opts.dataDir, runId);
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, annotated, { mode: 0o600 });
    }
  } catch (err) {
    report(err);
  }
  try {
    await chain;
    await db
      .updateTable('import_runs')
      .set({
        status: dryRun ? 'dry_run' : 'failed',
        progress: 100,
        rows,
        created,
        updated,
        skipped,
        error_count: errorCount,
        errors: JSON.stringify(errors.slice(0, RUN_ERRORS_KEPT)),
        finished_at: nowIso(),
      })
      .where('id', '=', runId)
      .execute();
  } catch (err) {
    report(err);
  }
  return summary;
}
