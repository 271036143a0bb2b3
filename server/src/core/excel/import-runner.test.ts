import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildMessyLedger, buildZipBomb } from '../../../test/fixtures/excel/build';
import {
  countTestItems,
  createTestItemsTable,
  readTestItems,
  testLedger,
  type TestItem,
} from '../../../test/fixtures/excel/test-ledger';
import { createTestDatabase, ENGINES, type TestDatabase } from '../../../test/dialects';
import { systemActor } from '../access/actor';
import { verifyAuditChain } from '../audit/audit';
import { exportWorkbook } from './engine';
import { annotatedPath, startImport } from './import-runner';
import type { LedgerImporter } from './ledger';

const records: TestItem[] = [
  {
    name: '甲项目',
    code: null,
    district: '京口区',
    level: 'city',
    investment: 100_000_000,
    annualPlan: 5_000,
    landArea: 10.5,
    jobs: 20,
    startDate: '2024-03-05',
    reportMonth: '2024-03',
    foreign: false,
    chain: 'chain1',
  },
  {
    name: '乙项目',
    code: '2401-321102-04-01-000001',
    district: '润州区',
    level: null,
    investment: null,
    annualPlan: null,
    landArea: null,
    jobs: null,
    startDate: null,
    reportMonth: null,
    foreign: null,
    chain: null,
  },
  {
    name: '丙项目',
    code: null,
    district: '丹阳市',
    level: 'provincial',
    investment: 1,
    annualPlan: 0,
    landArea: 0,
    jobs: 0,
    startDate: '2025-12-31',
    reportMonth: '2025-12',
    foreign: true,
    chain: 'chain30',
  },
];

for (const engine of ENGINES) {
  describe(`${engine}: import runner`, () => {
    let database: TestDatabase;
    let dataDir: string;
    const actor = systemActor('importer');

    beforeAll(async () => {
      database = await createTestDatabase(engine);
      await createTestItemsTable(database.db);
      dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'gj-import-'));
    });
    afterAll(async () => {
      await database?.drop();
      fs.rmSync(dataDir, { recursive: true, force: true });
    });

    const run = async (
      data: Buffer,
      opts: { dryRun?: boolean; ledger?: LedgerImporter<TestItem>; locale?: 'zh-CN' | 'en' } = {},
    ) => {
      const { runId, done } = await startImport({
        db: database.db,
        actor,
        ledgerId: 'test_items',
        ledger: opts.ledger ?? testLedger,
        data,
        fileName: '台账.xlsx',
        dryRun: opts.dryRun ?? false,
        locale: opts.locale ?? 'zh-CN',
        dataDir,
        onInternalError: () => undefined,
      });
      const summary = await done;
      const row = await database.db
        .selectFrom('import_runs')
        .selectAll()
        .where('id', '=', runId)
        .executeTakeFirstOrThrow();
      return { runId, summary, row };
    };
    const importAudits = () =>
      database.db.selectFrom('audit_log').selectAll().where('entity', '=', 'import_run').execute();

    it('a dry run previews counts and writes nothing', async () => {
      const { summary, row, runId } = await run(await exportWorkbook(testLedger.map, records, 'zh-CN'), {
        dryRun: true,
      });
      expect(summary).toEqual({ rows: 3, created: 3, updated: 0, skipped: 0, errors: [] });
      expect(row).toMatchObject({
        status: 'dry_run',
        dry_run: 1,
        progress: 100,
        rows: 3,
        created: 3,
        updated: 0,
        error_count: 0,
        errors: '[]',
      });
      expect(row.finished_at).not.toBeNull();
      expect(await countTestItems(database.db)).toBe(0);
      expect(await importAudits()).toHaveLength(0);
      expect(fs.existsSync(annotatedPath(dataDir, runId))).toBe(false);
    });

    it('a clean file is written in one transaction with one audit record; importing it again updates', async () => {
      const file = await exportWorkbook(testLedger.map, records, 'zh-CN');
      const first = await run(file);
      expect(first.summary).toEqual({ rows: 3, created: 3, updated: 0, skipped: 0, errors: [] });
      expect(first.row).toMatchObject({
        status: 'succeeded',
        progress: 100,
        rows: 3,
        created: 3,
        updated: 0,
        error_count: 0,
      });
      expect(await readTestItems(database.db)).toEqual(expect.arrayContaining(records));
      expect(await countTestItems(database.db)).toBe(3);
      const audits = await importAudits();
      expect(audits).toHaveLength(1);
      expect(audits[0]).toMatchObject({ entity_id: first.runId, action: 'import' });
      expect(JSON.parse(audits[0]!.changes).payload).toEqual({
        ledger: 'test_items',
        fileName: '台账.xlsx',
        sha256: first.row.sha256,
        rows: 3,
        created: 3,
        updated: 0,
        skipped: 0,
      });

      const changed = records.map((r) => ({ ...r, jobs: (r.jobs ?? 0) + 1 }));
      const second = await run(await exportWorkbook(testLedger.map, changed, 'en'), { locale: 'en' });
      expect(second.summary).toMatchObject({ rows: 3, created: 0, updated: 3, errors: [] });
      expect(await countTestItems(database.db)).toBe(3);
      expect((await readTestItems(database.db)).map((r) => r.jobs).sort()).toEqual([1, 1, 21]);
      expect(await importAudits()).toHaveLength(2);
      expect((await verifyAuditChain(database.db)).ok).toBe(true);
    });

    it('is all or nothing: one semantic error in the upsert rolls back every row', async () => {
      const before = await countTestItems(database.db);
      const bad = [
        ...records.map((r) => ({ ...r, name: `${r.name}二期` })),
        { ...records[0]!, name: '外地项目', district: '浦东新区' },
      ];
      const dry = await run(await exportWorkbook(testLedger.map, bad, 'zh-CN'), { dryRun: true });
      const real = await run(await exportWorkbook(testLedger.map, bad, 'zh-CN'));
      const expected = [{ row: 6, column: '*所在地区', col: 3, message: '未知的地区“浦东新区”' }];
      expect(real.summary).toEqual({ rows: 4, created: 0, updated: 0, skipped: 0, errors: expected });
      expect(real.row).toMatchObject({ status: 'failed', error_count: 1, created: 0, updated: 0 });
      expect(JSON.parse(real.row.errors!)).toEqual(expected);
      expect(await countTestItems(database.db)).toBe(before);
      // the dry run reported exactly what the real run met
      expect(dry.summary.errors).toEqual(expected);
      expect(dry.row).toMatchObject({ status: 'dry_run', error_count: 1 });
      // the annotated workbook carries the error on the district cell
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(annotatedPath(dataDir, real.runId));
      const note = wb.getWorksheet('项目台账')!.getCell('C6').note;
      expect(typeof note === 'string' ? note : note?.texts?.map((t) => t.text).join('')).toBe(
        '【导入错误】未知的地区“浦东新区”',
      );
      expect(wb.getWorksheet('导入错误')!.getCell('C2').value).toBe('未知的地区“浦东新区”');
    });

    it('parse errors fail the run; the rows that parsed are still checked by the upsert', async () => {
      const before = await countTestItems(database.db);
      const { summary, row, runId } = await run(await buildMessyLedger());
      expect(row.status).toBe('failed');
      expect(summary.rows).toBe(6);
      expect(summary.skipped).toBe(3);
      expect(summary.errors.map((e) => [e.row, e.column])).toEqual([
        [9, '项目级别'],
        [9, '计划开工 时间'],
        [10, '*项目名称'],
      ]);
      expect(await countTestItems(database.db)).toBe(before);
      expect(fs.existsSync(annotatedPath(dataDir, runId))).toBe(true);
    });

    it('a hostile file fails cleanly, without an annotated copy', async () => {
      const { summary, row, runId } = await run(buildZipBomb(200));
      expect(row.status).toBe('failed');
      expect(summary.errors).toEqual([
        {
          row: 0,
          column: '',
          message: '文件解压后超过 100 MB，拒绝处理（请删除无关的工作表、图片后再导入）',
        },
      ]);
      expect(fs.existsSync(annotatedPath(dataDir, runId))).toBe(false);
    });

    it('an upsert that throws fails the run and writes nothing', async () => {
      const before = await countTestItems(database.db);
      const exploding: LedgerImporter<TestItem> = {
        ...testLedger,
        upsert: async (trx, a, rows) => {
          await testLedger.upsert(trx, a, rows);
          throw new Error('boom');
        },
      };
      const { summary, row } = await run(
        await exportWorkbook(testLedger.map, [{ ...records[0]!, name: '新项目' }], 'zh-CN'),
        { ledger: exploding },
      );
      expect(row.status).toBe('failed');
      expect(summary.errors).toEqual([
        { row: 0, column: '', message: '写入失败：导入时发生内部错误：Error' },
      ]);
      expect(await countTestItems(database.db)).toBe(before);
    });

    it('an empty ledger (only totals and blank rows) succeeds with nothing to write', async () => {
      const wb = new ExcelJS.Workbook();
      const ws = wb.addWorksheet('项目台账');
      ws.addRow(['项目名称', '所在地区', '总投资']);
      ws.addRow(['合计', null, 100]);
      const { summary, row } = await run(Buffer.from(await wb.xlsx.writeBuffer()));
      expect(summary).toEqual({ rows: 0, created: 0, updated: 0, skipped: 1, errors: [] });
      expect(row.status).toBe('succeeded');
    });
  });
}
