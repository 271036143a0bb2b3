import { createRequire } from 'node:module';
import type { Kysely } from 'kysely';
import { nowIso } from '../../core/clock';
import { newId } from '../../core/ids';
import type { MilestoneKey } from './projects.milestones';

const require = createRequire(import.meta.url);

/**
 * Reference data of the ledger: GB/T 4754-2017 (data/gb4754-2017.json, see data/README.md), a default list of
 * industrial chains, and the default evidence rules. Migration 0003 loads all three into a new database, so a
 * deployment without the demo has them; `ensureProjectReference` tops them up idempotently (the demo seed calls it).
 */
export type IndustryRow = { code: string; name: string; section: string; level: number };

let industries: IndustryRow[] | null = null;
export function loadIndustryRows(): IndustryRow[] {
  industries ??= require('./data/gb4754-2017.json') as IndustryRow[];
  return industries;
}

/**
 * A default in the style of Zhenjiang's 四群八链 — a starting point each city edits (PUT /api/v1/chains); no code
 * depends on these codes.
 */
export const DEFAULT_CHAINS: Array<{ code: string; name: string }> = [
  { code: 'high_end_equipment', name: '高端装备' },
  { code: 'new_materials', name: '新材料' },
  { code: 'new_energy', name: '新能源' },
  { code: 'digital_economy', name: '数字经济' },
  { code: 'life_health', name: '生命健康' },
  { code: 'aerospace', name: '航空航天' },
  { code: 'nev_parts', name: '新能源汽车及零部件' },
  { code: 'photovoltaic', name: '光伏' },
];

/** Default evidence rules (any one group; every document type of the group). Configurable: PUT …/evidence-rules. */
export const DEFAULT_EVIDENCE_RULES: Array<{ milestone: MilestoneKey; requirements: string[][] }> = [
  { milestone: 'signed', requirements: [['investment_agreement']] },
  { milestone: 'filed', requirements: [['filing_certificate']] },
  { milestone: 'land_supplied', requirements: [['land_contract']] },
  { milestone: 'started', requirements: [['construction_permit'], ['start_report', 'site_photo']] },
  { milestone: 'completed', requirements: [['completion_acceptance']] },
  { milestone: 'in_operation', requirements: [['production_report', 'site_photo']] },
];
export const DEFAULT_CONFIRM_PERMISSION = 'project:confirm-milestone';

async function insertBatched(db: Kysely<any>, table: string, rows: Record<string, unknown>[]) {
  for (let i = 0; i < rows.length; i += 400)
    await db
      .insertInto(table)
      .values(rows.slice(i, i + 400))
      .execute();
}

/**
 * Inserts what is missing and refreshes changed industry names; never removes a chain or a rule a city has edited.
 * Returns how many rows it wrote. Takes Kysely<any> so migration 0003 can call it with its own handle.
 */
export async function ensureProjectReference(db: Kysely<any>): Promise<number> {
  let written = 0;
  const existing = new Map<string, string>(
    (
      (await db.selectFrom('industry_codes').select(['code', 'name']).execute()) as Array<{
        code: string;
        name: string;
      }>
    ).map((r) => [r.code, r.name]),
  );
  const rows = loadIndustryRows();
  const missing = rows.filter((r) => !existing.has(r.code));
  await insertBatched(db, 'industry_codes', missing);
  written += missing.length;
  for (const r of rows) {
    const name = existing.get(r.code);
    if (name !== undefined && name !== r.name) {
      await db.updateTable('industry_codes').set({ name: r.name }).where('code', '=', r.code).execute();
      written++;
    }
  }

  const chainCount = Number(
    (
      (await db
        .selectFrom('chains')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirst()) as { n: unknown } | undefined
    )?.n ?? 0,
  );
  if (chainCount === 0) {
    await insertBatched(
      db,
      'chains',
      DEFAULT_CHAINS.map((c, i) => ({ code: c.code, name: c.name, sort: i + 1, active: 1 })),
    );
    written += DEFAULT_CHAINS.length;
  }

  const ruled = new Set(
    (
      (await db.selectFrom('evidence_rules').select('milestone').execute()) as Array<{ milestone: string }>
    ).map((r) => r.milestone),
  );
  const at = nowIso();
  const rules = DEFAULT_EVIDENCE_RULES.filter((r) => !ruled.has(r.milestone)).map((r) => ({
    id: newId(),
    milestone: r.milestone,
    requirements: JSON.stringify(r.requirements),
    confirm_permission: DEFAULT_CONFIRM_PERMISSION,
    active: 1,
    version: 1,
    updated_at: at,
  }));
  await insertBatched(db, 'evidence_rules', rules);
  written += rules.length;
  return written;
}
