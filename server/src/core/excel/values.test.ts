import { describe, expect, it } from 'vitest';
import {
  detectHeader,
  headerLookup,
  headerVariants,
  isTotalsText,
  matchHeader,
  sheetUnit,
  templateHeader,
  unitIn,
} from './header';
import { testMap } from '../../../test/fixtures/excel/test-ledger';
import {
  decimalOfNumber,
  moneyInUnit,
  optionIndex,
  toBoolean,
  toDateOrMonth,
  toDecimal,
  toEnum,
  toInteger,
  toMoney,
  toText,
} from './values';
import { serialToYmd, ymdToSerial, isDateFormatCode } from './xlsx-reader';

const value = (c: { value: unknown } | { error: unknown }) =>
  'value' in c ? c.value : { error: (c as { error: { zh: string } }).error.zh };

describe('money', () => {
  it('reads units from the cell, else from the column', () => {
    expect(value(toMoney('3.5亿', '万元'))).toBe(350_000_000);
    expect(value(toMoney('3.5亿元', '元'))).toBe(350_000_000);
    expect(value(toMoney('1,200万元', '亿元'))).toBe(12_000_000);
    expect(value(toMoney('1200万', '元'))).toBe(12_000_000);
    expect(value(toMoney('８００', '万元'))).toBe(8_000_000);
    expect(value(toMoney('８００元', '万元'))).toBe(800);
    expect(value(toMoney(' ¥1,234.5 ', '元'))).toBe(1235);
    expect(value(toMoney('１２，３４５．６７８９', '万元'))).toBe(123_456_789);
    expect(value(toMoney(0.1234, '万元'))).toBe(1234);
    expect(value(toMoney(12.5, '亿元'))).toBe(1_250_000_000);
    expect(value(toMoney(-3, '万元'))).toBe(-30_000);
    expect(value(toMoney('—', '万元'))).toBeNull();
    expect(value(toMoney('  ', '万元'))).toBeNull();
  });
  it('rejects what is not an amount, and foreign currency', () => {
    expect(value(toMoney('约3亿', '万元'))).toEqual({
      error: '“约3亿”不是有效的金额（示例：1200、3.5亿、1,200万元）',
    });
    expect(value(toMoney('1000万美元', '万元'))).toEqual({
      error: '“1000万美元”：此列为人民币金额，不能填写外币',
    });
    expect(value(toMoney('1e30', '万元'))).toHaveProperty('error');
    expect(value(toMoney(1e20, '亿元'))).toHaveProperty('error');
    expect(value(toMoney(true, '万元'))).toHaveProperty('error');
  });
  it('writes amounts back in a unit exactly', () => {
    for (const yuan of [0, 1, 9999, 12_345_678, 350_000_000, 123_456_789_012, -50_000, 7])
      for (const unit of ['元', '万元', '亿元'] as const)
        expect(value(toMoney(moneyInUnit(yuan, unit), unit))).toBe(yuan);
  });
  it('keeps the shortest decimal of a float', () => {
    expect(decimalOfNumber(1234.5678)).toEqual({ neg: false, int: '1234', frac: '5678' });
    expect(decimalOfNumber(1e-7)).toEqual({ neg: false, int: '0', frac: '0000001' });
    expect(decimalOfNumber(1.5e21)).toEqual({ neg: false, int: '1500000000000000000000', frac: '' });
  });
});

describe('numbers', () => {
  it('integers tolerate full-width digits and separators', () => {
    expect(value(toInteger('１,２００'))).toBe(1200);
    expect(value(toInteger(12))).toBe(12);
    expect(value(toInteger('12.0'))).toBe(12);
    expect(value(toInteger('12.5'))).toEqual({ error: '“12.5”不是整数' });
    expect(value(toInteger('十二'))).toEqual({ error: '“十二”不是整数' });
  });
  it('decimals read percentages as fractions', () => {
    expect(value(toDecimal('12.5%'))).toBe(0.125);
    expect(value(toDecimal('35.5'))).toBe(35.5);
    expect(value(toDecimal(0.125))).toBe(0.125);
    expect(value(toDecimal('abc'))).toEqual({ error: '“abc”不是有效的数字' });
  });
});

describe('dates and months', () => {
  it('accepts the formats ledgers use', () => {
    for (const s of [
      '2024.3.5',
      '2024年3月5日',
      '2024-03-05',
      '2024/3/5',
      '2024-3-5 10:30',
      '2024-03-05T00:00:00Z',
      '20240305',
      '２０２４．３．５',
      '45356',
    ])
      expect(value(toDateOrMonth(s, 'date')), s).toBe('2024-03-05');
    expect(value(toDateOrMonth(45356, 'date'))).toBe('2024-03-05');
    expect(value(toDateOrMonth(45356.75, 'date'))).toBe('2024-03-05');
    expect(value(toDateOrMonth(20240305, 'date'))).toBe('2024-03-05');
    expect(value(toDateOrMonth({ kind: 'date', serial: 45356, ymd: '2024-03-05' }, 'date'))).toBe(
      '2024-03-05',
    );
    for (const s of ['2024-03', '2024.3', '2024年3月', '2024/03', '202403', '2024年3月份', '2024-03-31'])
      expect(value(toDateOrMonth(s, 'month')), s).toBe('2024-03');
    expect(value(toDateOrMonth({ kind: 'date', serial: 45352, ymd: '2024-03-01' }, 'month'))).toBe('2024-03');
  });
  it('explains a month where a full date is needed, and rejects the rest', () => {
    expect(value(toDateOrMonth('2024-03', 'date'))).toEqual({
      error: '“2024-03”只有年月，此列需要完整日期（年月日），例如 2024-03-05',
    });
    expect(value(toDateOrMonth('2024-02-30', 'date'))).toHaveProperty('error');
    expect(value(toDateOrMonth('2024年底', 'date'))).toHaveProperty('error');
    expect(value(toDateOrMonth(2024, 'date'))).toHaveProperty('error');
    expect(value(toDateOrMonth(2024.1, 'month'))).toEqual({
      error: '“2024.1”有歧义（2024.1 可能是 1 月或 10 月），请写成 2024-01 或 2024-10',
    });
    expect(value(toDateOrMonth('2024-13', 'month'))).toHaveProperty('error');
    expect(value(toDateOrMonth({ kind: 'formula', formula: 'TODAY()' }, 'date'))).toHaveProperty('error');
  });
  it('converts Excel serials in both date systems', () => {
    expect(serialToYmd(1)).toBe('1900-01-01');
    expect(serialToYmd(59)).toBe('1900-02-28');
    expect(serialToYmd(61)).toBe('1900-03-01');
    expect(serialToYmd(45356)).toBe('2024-03-05');
    expect(serialToYmd(43894, true)).toBe('2024-03-05');
    expect(serialToYmd(0.5)).toBeNull();
    expect(ymdToSerial('2024-03-05')).toBe(45356);
  });
  it('recognises date number formats', () => {
    expect(isDateFormatCode('yyyy"年"m"月"d"日"')).toBe(true);
    expect(isDateFormatCode('[$-F800]dddd, mmmm dd, yyyy')).toBe(true);
    expect(isDateFormatCode('#,##0.00_);[Red](#,##0.00)')).toBe(false);
    expect(isDateFormatCode('0.00"万元"')).toBe(false);
    expect(isDateFormatCode('General')).toBe(false);
  });
});

describe('options, booleans, text', () => {
  const level = testMap.columns.find((c) => c.key === 'level')!;
  const idx = optionIndex(level.options!);
  it('matches options by label in either language, alias or value', () => {
    for (const s of ['省重大', 'Provincial', 'provincial', ' 省 重大 '])
      expect(value(toEnum(s, level.options!, idx))).toBe('provincial');
    expect(value(toEnum('县（区）重点', level.options!, idx))).toBe('county');
    expect(toEnum('国家级', level.options!, idx)).toEqual({
      error: {
        zh: '“国家级”不是有效选项，可选：省重大、市重大、县区重点',
        en: '“国家级” is not one of the options: Provincial, City, County',
      },
    });
  });
  it('reads yes/no in their usual spellings', () => {
    for (const s of ['是', 'Y', 'yes', 'TRUE', '1', '√', '✓']) expect(value(toBoolean(s))).toBe(true);
    for (const s of ['否', 'N', 'no', 'false', '0', '×']) expect(value(toBoolean(s))).toBe(false);
    expect(value(toBoolean(true))).toBe(true);
    expect(value(toBoolean(0))).toBe(false);
    expect(value(toBoolean('也许'))).toHaveProperty('error');
  });
  it('trims text and turns full-width letters and digits into ASCII, keeping Chinese punctuation', () => {
    expect(value(toText('  镇江（句容）ＡＢＣ１２３产业园 '))).toBe('镇江（句容）ABC123产业园');
    expect(value(toText('第一行\r\n第二行'))).toBe('第一行\n第二行');
    expect(value(toText(91320000))).toBe('91320000');
    expect(value(toText(1.5))).toBe('1.5');
    expect(value(toText({ kind: 'date', serial: 45356, ymd: '2024-03-05' }))).toBe('2024-03-05');
    expect(value(toText({ kind: 'error', code: '#REF!' }))).toEqual({ error: '单元格为错误值 #REF!' });
    expect(value(toText('   '))).toBeNull();
  });
});

describe('headers', () => {
  const lookup = headerLookup(testMap);
  it('normalises spaces, full-width forms, marks and bracketed units', () => {
    expect(headerVariants('*总投资（亿元）')).toEqual(expect.arrayContaining(['总投资']));
    expect(headerVariants(' 项目 名称 ：')).toContain('项目名称');
    expect(headerVariants('总投资/万元')).toContain('总投资');
    expect(unitIn('总投资（亿元）')).toBe('亿元');
    expect(unitIn('总投资(单位：万元)')).toBe('万元');
    expect(unitIn('Total investment (CNY 10k)')).toBe('万元');
    expect(unitIn('Total investment (CNY 100m)')).toBe('亿元');
    expect(unitIn('协议投资（万美元）')).toBeNull();
    expect(sheetUnit(['填报单位：市发改委', '金额单位：亿元'])).toBe('亿元');
    const money = { key: 'x', kind: 'money', moneyUnit: '亿元' } as const;
    expect(templateHeader({ ...money, header: { zh: '总投资', en: 'Total' }, required: true }, 'zh-CN')).toBe(
      '*总投资（亿元）',
    );
    expect(templateHeader({ ...money, header: { zh: '总投资', en: 'Total' } }, 'en')).toBe(
      'Total (CNY 100m)',
    );
    expect(
      templateHeader({ ...money, header: { zh: '总投资（亿元）', en: 'Total (CNY 100m)' } }, 'zh-CN'),
    ).toBe('总投资（亿元）');
    expect(templateHeader({ ...money, header: { zh: '总投资（亿元）', en: 'Total (CNY 100m)' } }, 'en')).toBe(
      'Total (CNY 100m)',
    );
  });
  it('matches aliases and two-level headers, each column once', () => {
    const m = matchHeader(
      lookup,
      ['投资情况', '投资情况', '计划开工'],
      ['总投资（万元）', '年度计划投资', '时间'],
    );
    expect(m.map((x) => [testMap.columns[x.index]!.key, x.col, x.header, x.unit])).toEqual([
      ['investment', 1, '总投资（万元）', '万元'],
      ['annualPlan', 2, '年度计划投资', null],
      ['startDate', 3, '计划开工 时间', null],
    ]);
    expect(matchHeader(lookup, null, ['项目名', '项目名称']).map((x) => x.col)).toEqual([1]);
  });
  it('finds the header below title rows', () => {
    const h = detectHeader(lookup, [
      { r: 1, texts: ['2024年重大项目表'] },
      { r: 2, texts: ['单位：万元'] },
      { r: 3, texts: ['序号', '项目名称', '所在地区', '总投资'] },
      { r: 4, texts: ['1', '甲', '京口区', '100'] },
    ]);
    expect(h?.headerRow).toBe(3);
    expect(h?.matches.length).toBe(3);
    expect(detectHeader(lookup, [{ r: 1, texts: ['nothing', 'here'] }])).toBeNull();
  });
  it('recognises totals rows but not names that merely contain the words', () => {
    for (const s of ['合计', '合 计', '小计：', '总计(12个)', '京口区小计', '全市合计'])
      expect(isTotalsText(s), s).toBe(true);
    for (const s of ['总计算中心项目', '合计划', '镇江项目']) expect(isTotalsText(s), s).toBe(false);
  });
});
