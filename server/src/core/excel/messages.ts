import type { Locale } from '../../../../contracts/errors';
import type { Bilingual } from './types';

/** Every message the Excel engine produces, in both languages; `{name}` placeholders are filled from params. */
export const EXCEL_MESSAGES = {
  required: { zh: '必填项不能为空', en: 'This field is required' },
  missingColumn: { zh: '缺少必填列“{column}”', en: 'The required column “{column}” is missing' },
  noHeader: {
    zh: '未找到表头：前 15 行中没有与模板列名相符的行（应包含如：{columns}）',
    en: 'No header row found in the first 15 rows (expected columns such as: {columns})',
  },
  noSheet: { zh: '工作簿中没有可导入的工作表', en: 'The workbook has no sheet to import' },
  tooManyRows: {
    zh: '数据行数超过上限 {max} 行，请拆分后分批导入',
    en: 'More than {max} data rows; split the file and import it in parts',
  },
  tooLong: {
    zh: '单元格内容过长（{length} 个字符，上限 32767）',
    en: 'The cell is too long ({length} characters; the limit is 32,767)',
  },
  notNumber: { zh: '“{value}”不是有效的数字', en: '“{value}” is not a number' },
  notInteger: { zh: '“{value}”不是整数', en: '“{value}” is not a whole number' },
  tooBig: { zh: '“{value}”超出可处理的范围', en: '“{value}” is out of range' },
  notMoney: {
    zh: '“{value}”不是有效的金额（示例：1200、3.5亿、1,200万元）',
    en: '“{value}” is not a valid amount (e.g. 1200, 3.5亿, 1,200万元)',
  },
  foreignMoney: {
    zh: '“{value}”：此列为人民币金额，不能填写外币',
    en: '“{value}”: this column takes amounts in CNY, not foreign currency',
  },
  notDate: {
    zh: '“{value}”不是有效的日期（示例：2024-03-05、2024.3.5、2024年3月5日）',
    en: '“{value}” is not a valid date (e.g. 2024-03-05, 2024.3.5, 2024年3月5日)',
  },
  monthOnly: {
    zh: '“{value}”只有年月，此列需要完整日期（年月日），例如 2024-03-05',
    en: '“{value}” gives only a month; this column needs a full date (year, month and day), e.g. 2024-03-05',
  },
  notMonth: {
    zh: '“{value}”不是有效的年月（示例：2024-03、2024.3、2024年3月）',
    en: '“{value}” is not a valid month (e.g. 2024-03, 2024.3, 2024年3月)',
  },
  ambiguousMonth: {
    zh: '“{value}”有歧义（2024.1 可能是 1 月或 10 月），请写成 2024-01 或 2024-10',
    en: '“{value}” is ambiguous (2024.1 may be January or October); write 2024-01 or 2024-10',
  },
  notOption: {
    zh: '“{value}”不是有效选项，可选：{options}',
    en: '“{value}” is not one of the options: {options}',
  },
  notBoolean: {
    zh: '“{value}”无法识别，请填写“是”或“否”',
    en: '“{value}” is not understood; enter Yes or No',
  },
  cellError: { zh: '单元格为错误值 {value}', en: 'The cell holds the error value {value}' },
  formulaNoResult: {
    zh: '公式“={value}”没有计算结果，请在 Excel 中打开、重新计算并保存后再导入',
    en: 'The formula “={value}” has no computed result; open the file in Excel, recalculate and save it, then import again',
  },
  invalidValue: { zh: '无法识别的值：{value}', en: 'Value not understood: {value}' },
  duplicateKey: {
    zh: '与第 {row} 行重复（同一条记录出现两次）',
    en: 'Duplicates row {row} (the same record appears twice)',
  },
  notZip: {
    zh: '文件不是有效的 Excel 工作簿（.xlsx），请用 Excel 另存为 .xlsx 后再导入',
    en: 'The file is not an Excel workbook (.xlsx); save it as .xlsx in Excel and import again',
  },
  oldXls: {
    zh: '这是旧版 .xls 文件或加密的工作簿，请用 Excel 另存为不加密的 .xlsx 后再导入',
    en: 'This is an old .xls file or an encrypted workbook; save it as an unencrypted .xlsx in Excel and import again',
  },
  truncated: {
    zh: '文件不完整（可能上传中断或文件已损坏）',
    en: 'The file is incomplete (the upload was cut off or the file is damaged)',
  },
  corrupt: { zh: '文件已损坏，无法读取', en: 'The file is damaged and cannot be read' },
  encrypted: {
    zh: '工作簿已加密，请取消密码后再导入',
    en: 'The workbook is encrypted; remove the password and import again',
  },
  zipTooLarge: {
    zh: '文件解压后超过 {max} MB，拒绝处理（请删除无关的工作表、图片后再导入）',
    en: 'The file would expand to more than {max} MB; refused (remove unrelated sheets and pictures, then import again)',
  },
  zipRatio: {
    zh: '文件中“{entry}”的压缩比异常（{ratio}:1，上限 {max}:1），疑似压缩炸弹，拒绝处理',
    en: 'The part “{entry}” is compressed suspiciously well ({ratio}:1, limit {max}:1); refused as a possible zip bomb',
  },
  zipEntries: {
    zh: '文件包含的部件过多（{count} 个，上限 {max}）',
    en: 'The file has too many parts ({count}; the limit is {max})',
  },
  zip64: { zh: '不支持 ZIP64 格式的超大文件', en: 'ZIP64 files are not supported' },
  unsupportedMethod: {
    zh: '文件使用了不支持的压缩方式',
    en: 'The file uses an unsupported compression method',
  },
  internal: {
    zh: '导入时发生内部错误：{value}',
    en: 'An internal error occurred during the import: {value}',
  },
  upsertFailed: { zh: '写入失败：{value}', en: 'Writing failed: {value}' },
} as const satisfies Record<string, Bilingual>;

export type ExcelMessageKey = keyof typeof EXCEL_MESSAGES;

export function fill(template: string, params: Record<string, unknown> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => (params[k] === undefined ? '' : String(params[k])));
}

/** The message in both languages. */
export function bi(key: ExcelMessageKey, params: Record<string, unknown> = {}): Bilingual {
  const m = EXCEL_MESSAGES[key];
  return { zh: fill(m.zh, params), en: fill(m.en, params) };
}

export const pick = (b: Bilingual, locale: Locale) => (locale === 'en' ? b.en : b.zh);

export function msg(locale: Locale, key: ExcelMessageKey, params: Record<string, unknown> = {}): string {
  return pick(bi(key, params), locale);
}
