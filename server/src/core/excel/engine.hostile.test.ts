import zlib from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildFormulaWithoutResult,
  buildLongCell,
  buildLyingZipBomb,
  buildManyColumns,
  buildManyEntriesZip,
  buildMessyLedger,
  buildTooLargeZip,
  buildZipBomb,
  makeZip,
  minimalXlsx,
  sheetXml,
  type RawCell,
} from '../../../test/fixtures/excel/build';
import { testMap } from '../../../test/fixtures/excel/test-ledger';
import { AppError } from '../errors';
import { annotateWorkbook, parseWorkbook } from './engine';
import type { ParseResult } from './types';
import { readZipDirectory, ZipError } from './zip';

const fileError = (res: ParseResult<unknown>) => {
  expect(res.rows).toEqual([]);
  expect(res.errors).toHaveLength(1);
  expect(res.errors[0]!.row).toBe(0);
  return res.errors[0]!.message;
};

describe('hostile files give a clean error, never an exception', () => {
  it('not a zip, empty, an old .xls', async () => {
    expect(
      fileError(await parseWorkbook(testMap, Buffer.from('项目名称,所在地区\n甲,京口区'), 'zh-CN')),
    ).toBe('文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再导入');
    expect(fileError(await parseWorkbook(testMap, Buffer.alloc(0), 'en'))).toBe(
      'The file is not an Excel workbook (.xlsx); save it as .xlsx in Excel and import again',
    );
    const ole = Buffer.concat([Buffer.from('d0cf11e0a1b11ae1', 'hex'), Buffer.alloc(600)]);
    expect(fileError(await parseWorkbook(testMap, ole, 'zh-CN'))).toBe(
      '这是旧版 .xls 文件或加密的工作簿，请用 Excel 另存为不加密的 .xlsx 后再导入',
    );
  });

  it('a truncated upload and a damaged part', async () => {
    const good = await buildMessyLedger();
    for (const cut of [0.3, 0.6, 0.95])
      expect(
        fileError(await parseWorkbook(testMap, good.subarray(0, Math.floor(good.length * cut)), 'zh-CN')),
      ).toBe('文件不完整（可能上传中断或文件已损坏）');
    // flip bytes inside the sheet's compressed data: inflate fails or the CRC does not match
    const entry = readZipDirectory(good).get('xl/worksheets/sheet1.xml')!;
    const damaged = Buffer.from(good);
    for (let i = 0; i < 40; i++) {
      const at = entry.dataOffset + 20 + i * 7;
      damaged[at] = damaged[at]! ^ 0x5a;
    }
    expect(fileError(await parseWorkbook(testMap, damaged, 'zh-CN'))).toBe('文件已损坏，无法读取');
  });

  it('zip bombs: too much declared, too well compressed, lying sizes, too many parts', async () => {
    expect(fileError(await parseWorkbook(testMap, buildZipBomb(200), 'zh-CN'))).toBe(
      '文件解压后超过 100 MB，拒绝处理（请删除无关的工作表、图片后再导入）',
    );
    expect(fileError(await parseWorkbook(testMap, buildZipBomb(5), 'en'))).toMatch(
      /^The part “xl\/worksheets\/sheet1.xml” is compressed suspiciously well \(\d+:1, limit 200:1\)/,
    );
    expect(fileError(await parseWorkbook(testMap, buildLyingZipBomb(), 'zh-CN'))).toBe(
      '文件已损坏，无法读取',
    );
    expect(fileError(await parseWorkbook(testMap, buildTooLargeZip(), 'zh-CN'))).toContain('超过 100 MB');
    expect(fileError(await parseWorkbook(testMap, buildManyEntriesZip(), 'zh-CN'))).toBe(
      '文件包含的部件过多（10001 个，上限 10000）',
    );
    expect(() => readZipDirectory(buildZipBomb(5))).toThrow(ZipError);
  });

  it('a zip that is no workbook, and a workbook without sheets', async () => {
    expect(
      fileError(await parseWorkbook(testMap, makeZip([{ name: 'hello.txt', data: 'hi' }]), 'zh-CN')),
    ).toContain('不是有效的 Excel 工作簿');
    expect(fileError(await parseWorkbook(testMap, minimalXlsx([]), 'zh-CN'))).toBe(
      '工作簿中没有可导入的工作表',
    );
  });

  it('5,000 columns: only the first 200 are read', async () => {
    const res = await parseWorkbook(testMap, buildManyColumns(5000), 'zh-CN');
    expect(res.errors).toEqual([]);
    expect(res.rows.map((r) => r.values)).toEqual([
      { name: '宽表项目', district: '京口区', investment: 1_000_000 },
    ]);
  });

  it('a 40,000-character cell is an error on that cell', async () => {
    const res = await parseWorkbook(testMap, buildLongCell(), 'zh-CN');
    expect(res.errors).toEqual([
      { row: 2, column: '项目名称', message: '单元格内容过长（40000 个字符，上限 32767）', col: 1 },
    ]);
    expect(res.rows.map((r) => [r.row, r.invalid ?? false])).toEqual([
      [2, true],
      [3, false],
    ]);
  });

  it('a formula without a cached value is an error; one with a value is read', async () => {
    const res = await parseWorkbook(testMap, buildFormulaWithoutResult(), 'zh-CN');
    expect(res.errors).toEqual([
      {
        row: 2,
        column: '总投资（万元）',
        message: '公式“=100*2”没有计算结果，请在 Excel 中打开、重新计算并保存后再导入',
        col: 3,
      },
    ]);
    expect(res.rows[0]!.values).toMatchObject({ jobs: 2 });
  });

  it('annotating a hostile file is refused with BAD_REQUEST', async () => {
    await expect(annotateWorkbook(Buffer.from('nope'), [], 'zh-CN')).rejects.toBeInstanceOf(AppError);
    await expect(annotateWorkbook(buildZipBomb(200), [], 'zh-CN')).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });
});

describe('property: arbitrary input never crashes the parser', () => {
  const cellArb: fc.Arbitrary<RawCell> = fc.oneof(
    fc.constant(null),
    fc.string({ maxLength: 20, unit: 'grapheme' }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.constantFrom(
      '3.5亿',
      '1,200万元',
      '８００',
      '2024.3.5',
      '2024年3月5日',
      '2024-03',
      '合计',
      '小计',
      '是',
      '省重大',
      '#N/A',
      '—',
      '   ',
      '京口区',
    ),
    fc.record({
      xml: fc.oneof(
        fc.constant('<f>A1+1</f>'),
        fc.constant('<v>#DIV/0!</v>'),
        fc.integer({ min: -5, max: 50 }).map((i) => `<v>${i}</v>`),
        fc.string({ maxLength: 10 }).map((s) => `<v>${s.replace(/[<&]/g, '')}</v>`),
        fc.constant('<is><r><t>富</t></r><r><t>文本</t></r></is>'),
      ),
      t: fc.constantFrom(undefined, 's', 'b', 'e', 'str', 'inlineStr', 'd', 'n', 'zzz'),
      s: fc.constantFrom(undefined, 0, 1, 99),
    }),
  );
  const headerArb = fc.array(
    fc.constantFrom(
      '项目名称',
      '所在地区',
      '总投资（亿元）',
      '计划开工日期',
      '填报月份',
      '是否外资',
      '项目级别',
      '就业人数',
      '产业链',
      '备注',
      '',
      '序号',
    ),
    {
      minLength: 1,
      maxLength: 12,
    },
  );

  it('random cells under random headers', async () => {
    await fc.assert(
      fc.asyncProperty(
        headerArb,
        fc.array(fc.array(cellArb, { maxLength: 12 }), { maxLength: 15 }),
        fc.constantFrom('zh-CN' as const, 'en' as const),
        async (header, rows, locale) => {
          const buf = minimalXlsx([{ name: 'S', xml: sheetXml([header, ...rows]) }], {
            styles:
              '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><cellXfs count="2"><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>',
          });
          const res = await parseWorkbook(testMap, buf, locale);
          for (const e of res.errors) {
            expect(e.row).toBeGreaterThanOrEqual(0);
            expect(e.message.length).toBeGreaterThan(0);
            expect(e.message).not.toMatch(/内部错误|internal error/);
          }
          for (const r of res.rows) expect(r.row).toBeGreaterThan(0);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('random bytes, and random damage to a real workbook', async () => {
    const good = await buildMessyLedger();
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((a) => Buffer.from(a)),
          fc
            .array(fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })), {
              minLength: 1,
              maxLength: 8,
            })
            .map((flips) => {
              const b = Buffer.from(good);
              for (const [at, x] of flips) b[at] = b[at]! ^ x;
              return b;
            }),
          fc.nat(good.length).map((n) => good.subarray(0, n)),
        ),
        async (buf) => {
          const res = await parseWorkbook(testMap, buf, 'zh-CN');
          expect(Array.isArray(res.errors)).toBe(true);
          for (const e of res.errors) expect(e.message).not.toMatch(/内部错误/);
        },
      ),
      { numRuns: 120 },
    );
  });

  it('a stored (uncompressed) workbook reads the same as a deflated one', async () => {
    const xml = sheetXml([
      ['项目名称', '所在地区'],
      ['甲', '京口区'],
    ]);
    const stored = makeZip([
      { name: '[Content_Types].xml', data: '<Types/>', method: 0 },
      {
        name: '_rels/.rels',
        method: 0,
        data: '<Relationships><Relationship Id="r" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/xl/workbook.xml"/></Relationships>',
      },
      {
        name: 'xl/workbook.xml',
        method: 0,
        data: '<workbook xmlns:r="r"><sheets><sheet name="A" sheetId="1" r:id="x1"/></sheets></workbook>',
      },
      {
        name: 'xl/_rels/workbook.xml.rels',
        method: 0,
        data: '<Relationships><Relationship Id="x1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/../worksheets/one.xml"/></Relationships>',
      },
      { name: 'xl/worksheets/one.xml', method: 0, data: xml },
    ]);
    const res = await parseWorkbook(testMap, stored, 'zh-CN');
    expect(res.rows.map((r) => r.values)).toEqual([{ name: '甲', district: '京口区' }]);
    expect(zlib.crc32('')).toBe(0);
  });
});
