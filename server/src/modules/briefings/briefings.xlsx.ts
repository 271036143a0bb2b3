/**
 * A briefing as an .xlsx (the same figures and tables as the .docx): sheet 指标 (every printed figure), one sheet per
 * table, and 数据来源 (each figure's records with their full ids). Built from the content alone.
 */
import ExcelJS from 'exceljs';
import type { BriefingContent } from '../../../../contracts/schemas/results';

const safeSheetName = (s: string, used: Set<string>) => {
  let name =
    s
      .replace(/[\\/?*[\]:]/g, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 28) || 'Sheet';
  let i = 2;
  while (used.has(name)) name = `${name.slice(0, 26)}${i++}`;
  used.add(name);
  return name;
};

export async function renderXlsx(
  content: BriefingContent,
  meta: { title: string; docNo: string | null },
): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongjian';
  wb.created = new Date(content.generatedAt);
  const used = new Set<string>();
  const header = (ws: ExcelJS.Worksheet) => {
    ws.getRow(ws.rowCount).font = { bold: true };
  };

  const summary = wb.addWorksheet(safeSheetName('指标', used));
  summary.addRow([meta.title]);
  summary.getRow(1).font = { bold: true, size: 14 };
  summary.addRow([
    `发文字号：${meta.docNo ?? ''}`,
    `统计期：${content.periodLabel}`,
    `地区：${content.regionName}（${content.regionCode}）`,
    `数据截至：${content.asOf}`,
  ]);
  summary.addRow([]);
  summary.addRow(['序号', '正文数字', '数值', '单位', '指标', '指标代码', '统计期', '地区代码', '记录数']);
  header(summary);
  for (const f of content.figures)
    summary.addRow([
      f.ref,
      f.text,
      f.value,
      f.unit,
      f.name,
      f.code,
      f.period,
      f.regionCode,
      f.records.length,
    ]);
  summary.columns.forEach((c, i) => (c.width = [6, 18, 16, 10, 28, 30, 14, 10, 8][i] ?? 12));

  for (const t of content.tables) {
    const ws = wb.addWorksheet(safeSheetName(t.title.replace(/^表\d+\s*/, ''), used));
    ws.addRow([t.title]);
    ws.getRow(1).font = { bold: true };
    ws.addRow([...t.columns, '依据记录编号']);
    header(ws);
    t.rows.forEach((r, i) => ws.addRow([...r, (t.rowRecords[i] ?? []).join(', ')]));
    ws.addRow([]);
    ws.addRow([`数据来源：${t.source}`]);
    ws.columns.forEach((c) => (c.width = 18));
  }

  const src = wb.addWorksheet(safeSheetName('数据来源', used));
  src.addRow(['序号', '正文数字', '指标代码', '统计期', '地区代码', '记录编号', '记录名称']);
  header(src);
  for (const f of content.figures) {
    if (!f.records.length) src.addRow([f.ref, f.text, f.code, f.period, f.regionCode, '', '']);
    for (const r of f.records) src.addRow([f.ref, f.text, f.code, f.period, f.regionCode, r.id, r.name]);
  }
  src.columns.forEach((c, i) => (c.width = [6, 18, 30, 14, 10, 38, 40][i] ?? 12));

  return Buffer.from(await wb.xlsx.writeBuffer());
}
