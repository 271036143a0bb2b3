import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildMessyLedger,
  buildOddProducer,
  MESSY_EXPECTED_ERRORS,
  MESSY_EXPECTED_ROWS,
  minimalXlsx,
  sheetXml,
} from '../../../test/fixtures/excel/build';
import { CHAINS, testMap, type TestItem } from '../../../test/fixtures/excel/test-ledger';
import { annotateWorkbook, exportWorkbook, generateTemplate, parseWorkbook } from './engine';
import type { ImportError } from './types';
import { halfWidthAlnum } from './values';

async function load(buf: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buf as unknown as ExcelJS.Buffer);
  return wb;
}

async function xlsxOf(rows: unknown[][], sheet = '项目台账'): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet(sheet);
  rows.forEach((r) => ws.addRow(r));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const noteOf = (c: ExcelJS.Cell) =>
  typeof c.note === 'string' ? c.note : (c.note?.texts ?? []).map((t) => t.text).join('');

describe('parseWorkbook on a real-world ledger', () => {
  it('reads title rows, two-level merged headers, merged districts, totals, units and date formats', async () => {
    const res = await parseWorkbook(testMap, await buildMessyLedger(), 'zh-CN');
    expect(res.sheet).toBe('2024年重大项目');
    expect(res.headerRow).toBe(4);
    expect(res.skipped).toBe(3); // 小计 (row 8), a numbered empty row (12), 合计 (13)
    expect(res.rows.map((r) => r.row)).toEqual([5, 6, 7, 9, 10, 11]);
    for (const expected of MESSY_EXPECTED_ROWS) {
      const got = res.rows.find((r) => r.row === expected.row)!;
      expect(got.invalid).toBeUndefined();
      expect(got.values).toEqual(expected.values);
    }
    expect(res.rows.find((r) => r.row === 11)!.values).toMatchObject({
      name: '丹阳眼镜产业园', // rich text flattened
      startDate: '2024-05-20', // a real date cell
      reportMonth: '2024-05',
      jobs: 121, // a formula's cached result
      foreign: null,
    });
    expect(res.rows.filter((r) => r.invalid).map((r) => r.row)).toEqual([9, 10]);
    expect(res.errors).toEqual(MESSY_EXPECTED_ERRORS['zh-CN']);
    expect(res.errorCount).toBe(3);
    // the chain column is absent from the file: absent from the values (not null)
    expect('chain' in res.rows[0]!.values).toBe(false);
  });

  it('reports the same errors in English', async () => {
    const res = await parseWorkbook(testMap, await buildMessyLedger(), 'en');
    expect(res.errors).toEqual(MESSY_EXPECTED_ERRORS.en);
  });

  it('reports progress', async () => {
    const rows: unknown[][] = [['项目名称', '所在地区']];
    for (let i = 0; i < 1200; i++) rows.push([`项目${i}`, '京口区']);
    const calls: Array<[number, number]> = [];
    const res = await parseWorkbook(testMap, await xlsxOf(rows), 'zh-CN', {
      onProgress: (d, t) => calls.push([d, t]),
    });
    expect(res.rows).toHaveLength(1200);
    expect(calls.length).toBeGreaterThanOrEqual(2);
    expect(calls.at(-1)).toEqual([1201, 1201]);
  });

  it('reads files from other producers: prefixes, rich and phonetic shared strings, 1904 dates, hidden sheets', async () => {
    const res = await parseWorkbook(testMap, buildOddProducer(), 'zh-CN');
    expect(res.sheet).toBe('项目台账');
    expect(res.rows).toHaveLength(1);
    expect(res.rows[0]!.values).toEqual({
      name: '第一行\n第二行',
      district: '润州区',
      startDate: '2024-03-05',
      foreign: true,
    });
    expect(res.errors).toEqual([{ row: 2, column: '就业人数', message: '单元格为错误值 #N/A', col: 5 }]);
  });

  it('chooses the sheet whose header matches, after an instructions sheet', async () => {
    const buf = minimalXlsx([
      { name: '填表说明', xml: sheetXml([['请按模板填写'], ['项目名称必填']]) },
      {
        name: '数据',
        xml: sheetXml([
          ['项目名称', '所在地区', '总投资'],
          ['甲', '京口区', 10],
        ]),
      },
    ]);
    const res = await parseWorkbook(testMap, buf, 'zh-CN');
    expect(res.sheet).toBe('数据');
    expect(res.rows[0]!.values).toEqual({ name: '甲', district: '京口区', investment: 100_000 });
  });

  it('applies a unit stated above the table, and skips a units row and a column-numbering row', async () => {
    const withUnits = await xlsxOf([
      ['重大项目表', null, null, '单位：万元'],
      ['项目名称', '所在地区', '年度计划投资', '用地面积'],
      [null, null, '万元', '亩'],
      ['甲', '京口区', 12, 3],
    ]);
    const a = await parseWorkbook(testMap, withUnits, 'zh-CN');
    expect(a.rows.map((r) => r.values)).toEqual([
      { name: '甲', district: '京口区', annualPlan: 120_000, landArea: 3 },
    ]);
    expect(a.skipped).toBe(1);
    const numbered = await xlsxOf([
      ['项目名称', '所在地区', '就业人数', '用地面积'],
      [1, 2, 3, 4],
      ['乙', '润州区', 5, 6],
    ]);
    const b = await parseWorkbook(testMap, numbered, 'zh-CN');
    expect(b.rows.map((r) => r.values)).toEqual([{ name: '乙', district: '润州区', jobs: 5, landArea: 6 }]);
  });

  it('reports a missing required column once, on the header row', async () => {
    const res = await parseWorkbook(
      testMap,
      await xlsxOf([['标题'], ['项目名称', '总投资'], ['甲', 1]]),
      'zh-CN',
    );
    expect(res.errors).toEqual([{ row: 2, column: '所在地区', message: '缺少必填列“所在地区”' }]);
    expect(res.rows).toEqual([{ row: 3, values: { name: '甲', investment: 10_000 }, invalid: true }]);
  });

  it('reports a file without a recognisable header', async () => {
    const res = await parseWorkbook(
      testMap,
      await xlsxOf([
        ['a', 'b'],
        [1, 2],
      ]),
      'en',
    );
    expect(res.rows).toEqual([]);
    expect(res.errors).toEqual([
      {
        row: 0,
        column: '',
        message:
          'No header row found in the first 15 rows (expected columns such as: Project name, Project code, District, Level, Total investment, Annual plan)',
      },
    ]);
  });

  it('runs parse hooks and flags duplicate records', async () => {
    const res = await parseWorkbook(
      testMap,
      await xlsxOf([
        ['项目名称', '项目代码', '所在地区'],
        ['甲', '2401-321102-04-01-123456', '京口区'],
        ['乙', 'bad-code', '京口区'],
        ['甲', null, '京口区'],
        ['丙', '2401-321102-04-01-123456', '润州区'],
        ['甲', null, '京口区'],
      ]),
      'zh-CN',
    );
    expect(res.errors).toEqual([
      { row: 3, column: '项目代码', message: '项目代码“BAD-CODE”格式不正确', col: 2 },
      { row: 5, column: '', message: '与第 2 行重复（同一条记录出现两次）' },
      { row: 6, column: '', message: '与第 4 行重复（同一条记录出现两次）' },
    ]);
  });

  it('refuses more rows than allowed', async () => {
    const rows: unknown[][] = [['项目名称', '所在地区']];
    for (let i = 0; i < 30; i++) rows.push([`项目${i}`, '京口区']);
    const buf = await xlsxOf(rows);
    const res = await parseWorkbook(testMap, buf, 'zh-CN', { maxRows: 10 });
    expect(res.rows).toEqual([]);
    expect(res.errors).toEqual([{ row: 0, column: '', message: '数据行数超过上限 10 行，请拆分后分批导入' }]);
    expect((await parseWorkbook(testMap, buf, 'zh-CN', { maxRows: 30 })).rows).toHaveLength(30);
  });
});

describe('generateTemplate', () => {
  it('has a title, marked headers with notes, drop-downs, a frozen header and the long lists on a hidden sheet', async () => {
    const wb = await load(await generateTemplate(testMap, 'zh-CN'));
    const ws = wb.getWorksheet('项目台账')!;
    expect(ws.getCell('A1').value).toBe('测试项目台账');
    expect(ws.getRow(2).values).toEqual([
      undefined,
      '*项目名称',
      '项目代码',
      '*所在地区',
      '项目级别',
      '总投资（万元）',
      '年度计划投资（元）',
      '用地面积',
      '就业人数',
      '计划开工日期',
      '填报月份',
      '是否外资',
      '产业链',
    ]);
    expect(ws.getCell('A2').font?.color?.argb).toBe('FFC00000');
    for (let c = 1; c <= testMap.columns.length; c++) expect(noteOf(ws.getCell(2, c))).not.toBe('');
    expect(noteOf(ws.getCell('A2'))).toBe('【必填】文本。');
    expect(noteOf(ws.getCell('B2'))).toBe('【选填】投资项目代码，如 2401-321102-04-01-123456');
    expect(noteOf(ws.getCell('E2'))).toContain('3.5亿');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 2 });
    const dv = (ws as unknown as { dataValidations: { model: Record<string, ExcelJS.DataValidation> } })
      .dataValidations.model;
    expect(dv['D3']?.formulae).toEqual(['"省重大,市重大,县区重点"']);
    expect(dv['K3']?.formulae).toEqual(['"是,否"']);
    expect(dv['L3']?.formulae).toEqual([`'_lists'!$A$1:$A$${CHAINS.length}`]);
    const lists = wb.getWorksheet('_lists')!;
    expect(lists.state).toBe('hidden');
    expect(lists.getCell(`A${CHAINS.length}`).value).toBe(CHAINS.at(-1)!.zh);
  });

  it('round trips: template → filled in Excel → import', async () => {
    for (const locale of ['zh-CN', 'en'] as const) {
      const wb = await load(await generateTemplate(testMap, locale));
      const ws = wb.worksheets[0]!;
      const zh = locale === 'zh-CN';
      ws.getRow(3).values = [
        '滨江项目',
        null,
        '京口区',
        zh ? '省重大' : 'Provincial',
        1200.5,
        300,
        12.5,
        30,
        new Date(Date.UTC(2024, 2, 5)),
        '2024-03',
        zh ? '是' : 'Yes',
        CHAINS[3]![zh ? 'zh' : 'en'],
      ];
      ws.getRow(4).values = [
        '句容项目',
        '2401-321183-04-01-654321',
        '句容市',
        null,
        '2亿',
        '1,000万元',
        null,
        null,
        '2024年5月1日',
        '2024年6月',
        zh ? '否' : 'No',
      ];
      const res = await parseWorkbook(testMap, Buffer.from(await wb.xlsx.writeBuffer()), locale);
      expect(res.errors).toEqual([]);
      expect(res.rows.map((r) => r.values)).toEqual([
        {
          name: '滨江项目',
          code: null,
          district: '京口区',
          level: 'provincial',
          investment: 12_005_000,
          annualPlan: 300,
          landArea: 12.5,
          jobs: 30,
          startDate: '2024-03-05',
          reportMonth: '2024-03',
          foreign: true,
          chain: 'chain4',
        },
        {
          name: '句容项目',
          code: '2401-321183-04-01-654321',
          district: '句容市',
          level: null,
          investment: 200_000_000,
          annualPlan: 10_000_000,
          landArea: null,
          jobs: null,
          startDate: '2024-05-01',
          reportMonth: '2024-06',
          foreign: false,
          chain: null,
        },
      ]);
    }
  });
});

const recordArb: fc.Arbitrary<TestItem> = fc.record({
  // any text, as the engine normalises it (full-width letters/digits → ASCII; no control characters)
  name: fc
    .string({ minLength: 1, maxLength: 30, unit: 'grapheme' })
    .map((s) => `项目${halfWidthAlnum(s.replace(/[\s\p{Cc}\p{Cs}]/gu, 'x'))}`),
  code: fc.option(
    fc.integer({ min: 0, max: 999_999 }).map((n) => `2401-321102-04-01-${String(n).padStart(6, '0')}`),
    { nil: null },
  ),
  district: fc.constantFrom('京口区', '润州区', '丹徒区', '丹阳市'),
  level: fc.option(fc.constantFrom('provincial', 'city', 'county'), { nil: null }),
  investment: fc.option(fc.integer({ min: 0, max: 9_000_000_000_000 }), { nil: null }),
  annualPlan: fc.option(fc.integer({ min: -1_000_000, max: 1_000_000_000 }), { nil: null }),
  landArea: fc.option(
    fc
      .double({ min: 0, max: 100_000, noNaN: true, noDefaultInfinity: true })
      .map((x) => Math.round(x * 1000) / 1000),
    { nil: null },
  ),
  jobs: fc.option(fc.integer({ min: 0, max: 100_000 }), { nil: null }),
  startDate: fc.option(
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 10)),
    { nil: null },
  ),
  reportMonth: fc.option(
    fc
      .date({ min: new Date('1990-01-01'), max: new Date('2090-12-31'), noInvalidDate: true })
      .map((d) => d.toISOString().slice(0, 7)),
    { nil: null },
  ),
  foreign: fc.option(fc.boolean(), { nil: null }),
  chain: fc.option(fc.constantFrom(...CHAINS.map((c) => c.value)), { nil: null }),
});

describe('exportWorkbook', () => {
  it('exports in the template layout, and the export imports back unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(recordArb, { minLength: 1, maxLength: 12, selector: (r) => testMap.businessKey(r) }),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        async (records, locale) => {
          const buf = await exportWorkbook(testMap, records, locale);
          const res = await parseWorkbook(testMap, buf, locale);
          expect(res.errors).toEqual([]);
          expect(res.headerRow).toBe(2);
          expect(res.rows.map((r) => r.values)).toEqual(records);
        },
      ),
      { numRuns: 15 },
    );
  });

  it('writes money in the column unit with the unit in the header, options as labels, dates as date cells', async () => {
    async function* gen() {
      yield {
        name: '甲',
        code: null,
        district: '京口区',
        level: 'city',
        investment: 123_456_789,
        annualPlan: 5,
        landArea: null,
        jobs: null,
        startDate: '2024-03-05',
        reportMonth: '2024-03',
        foreign: true,
        chain: null,
      } as TestItem;
    }
    const wb = await load(await exportWorkbook(testMap, gen(), 'zh-CN'));
    const ws = wb.getWorksheet('项目台账')!;
    expect(ws.getCell('E2').value).toBe('总投资（万元）');
    expect(ws.getCell('E3').value).toBe(12345.6789);
    expect(ws.getCell('D3').value).toBe('市重大');
    expect(ws.getCell('K3').value).toBe('是');
    expect(ws.getCell('I3').value).toEqual(new Date('2024-03-05T00:00:00Z'));
    expect(ws.getCell('J3').value).toBe('2024-03');
  });
});

describe('annotateWorkbook', () => {
  it('writes each error as a note with a highlight and adds an errors sheet, keeping the workbook', async () => {
    const original = await buildMessyLedger();
    const parsed = await parseWorkbook(testMap, original, 'zh-CN');
    const extra: ImportError = { row: 11, column: '所在地区', message: '未知的地区“丹阳市”' };
    const errors = [...parsed.errors, extra, { row: 0, column: '', message: '整个文件的问题' }];
    const out = await annotateWorkbook(original, errors, 'zh-CN', {
      sheet: parsed.sheet,
      headerRow: parsed.headerRow,
    });
    const wb = await load(out);
    const ws = wb.getWorksheet('2024年重大项目')!;
    expect(noteOf(ws.getCell('E9'))).toBe('【导入错误】“国家级”不是有效选项，可选：省重大、市重大、县区重点');
    expect(noteOf(ws.getCell('H9'))).toContain('只有年月');
    expect(noteOf(ws.getCell('C10'))).toBe('【导入错误】必填项不能为空');
    expect(noteOf(ws.getCell('B11'))).toBe('【导入错误】未知的地区“丹阳市”'); // placed by its header text
    expect(ws.getCell('E9').fill).toMatchObject({
      type: 'pattern',
      pattern: 'solid',
      fgColor: { argb: 'FFFFC7CE' },
    });
    expect(
      ws.getCell('D9').fill?.type === 'pattern' &&
        (ws.getCell('D9').fill as ExcelJS.FillPattern).fgColor?.argb === 'FFFFC7CE',
    ).toBe(false);
    // the rest is intact
    expect(ws.getCell('A1').value).toBe('2024年镇江市重大项目推进情况表');
    expect(ws.getCell('F5').value).toBe('3.5亿');
    expect(ws.model.merges).toEqual(expect.arrayContaining(['B5:B7', 'A13:C13', 'F3:G3']));
    const es = wb.getWorksheet('导入错误')!;
    expect(es.getRow(1).values).toEqual([undefined, '行号', '列', '问题']);
    expect(es.rowCount).toBe(1 + errors.length);
    expect(es.getCell('C6').value).toBe('整个文件的问题');
    expect(es.getCell('B2').value).toBe('项目级别');

    // annotating the annotated file again replaces, never duplicates
    const again = await load(
      await annotateWorkbook(out, parsed.errors, 'en', { sheet: parsed.sheet, headerRow: parsed.headerRow }),
    );
    expect(noteOf(again.getWorksheet('2024年重大项目')!.getCell('E9'))).toBe(
      '[Import error] “国家级”不是有效选项，可选：省重大、市重大、县区重点',
    );
    expect(again.worksheets.map((w) => w.name)).toEqual(['2024年重大项目', 'Import errors']);
    // and the engine never imports its own errors sheet
    expect((await parseWorkbook(testMap, out, 'zh-CN')).errors).toEqual(parsed.errors);
  });

  it('rebuilds a copy with the same notes when the workbook cannot be annotated in place', async () => {
    const original = await buildMessyLedger();
    const parsed = await parseWorkbook(testMap, original, 'zh-CN');
    const wb = await load(
      await annotateWorkbook(original, parsed.errors, 'zh-CN', {
        sheet: parsed.sheet,
        headerRow: parsed.headerRow,
        mode: 'rebuild',
      }),
    );
    const ws = wb.getWorksheet('2024年重大项目')!;
    expect(noteOf(ws.getCell('E9'))).toContain('国家级');
    expect(ws.getCell('F5').value).toBe('3.5亿');
    expect(wb.getWorksheet('导入错误')!.rowCount).toBe(4);
  });
});
