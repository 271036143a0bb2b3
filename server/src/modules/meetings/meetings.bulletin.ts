import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IRunOptions,
} from 'docx';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import {
  BULLETIN_GROUP_LABELS,
  BULLETIN_GROUPS,
  type Bulletin,
  type BulletinGroup,
  type BulletinRow,
} from '../../../../contracts/schemas/meetings';
import { formatDateZh, formatYuanZh, pct, toWan } from '../lights/lights.format';

/**
 * The 调度通报 (dispatch bulletin), domain.md §1.5: per project 项目名称—年度计划投资—已完成投资/形象进度—当前节点—
 * 存在问题—下一步及完成时限, grouped 正常推进 / 滞后预警 / 需协调. The grouping is pure; the Word file follows the
 * 公文 layout (GB/T 9704: A4, 37/35/28/26 mm margins, title in 2号 bold, body in 3号 仿宋, page numbers "— n —").
 */

/** Which group a project belongs in: anything needing coordination first, then lagging (red/yellow), else on track. */
export function bulletinGroup(f: { light: string | null; needsCoordination: boolean }): BulletinGroup {
  if (f.needsCoordination) return 'coordination';
  if (f.light === 'red' || f.light === 'yellow') return 'lagging';
  return 'normal';
}

/** '已完成投资/形象进度' as printed: 8400万元（占年度计划70%）；主体结构封顶（65%）. */
export function progressText(
  r: Pick<
    BulletinRow,
    'ytdInvestment' | 'completionPct' | 'physicalProgressPct' | 'physicalProgressText' | 'month'
  >,
): string {
  const parts: string[] = [];
  if (r.ytdInvestment !== null) {
    const period = r.month ? `1—${Number(r.month.slice(5, 7))}月` : '';
    parts.push(
      `${period}完成${formatYuanZh(r.ytdInvestment)}${r.completionPct !== null ? `（占年度计划${pct(r.completionPct)}%）` : ''}`,
    );
  }
  const physical = [
    r.physicalProgressText,
    r.physicalProgressPct !== null ? `形象进度${pct(r.physicalProgressPct)}%` : null,
  ]
    .filter(Boolean)
    .join('，');
  if (physical) parts.push(physical);
  return parts.join('；') || '—';
}

export const BULLETIN_COLUMNS = [
  '序号',
  '项目名称',
  '年度计划投资（万元）',
  '已完成投资/形象进度',
  '当前节点',
  '存在问题',
  '下一步及完成时限',
] as const;

// --------------------------------------------------------------------------------------------- Word

/** The body font of 公文: 仿宋 (FangSong); the font table tells Word which faces stand in where it is missing. */
const FANGSONG = 'FangSong';
const TITLE_FONT = '方正小标宋简体';
const HEITI = 'SimHei';
const font = (name: string) => ({ ascii: name, eastAsia: name, hAnsi: name, cs: name });
const run = (text: string, o: Partial<IRunOptions> = {}) =>
  new TextRun({ text, font: font(FANGSONG), size: 32, ...o });

function para(
  children: TextRun[],
  o: {
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    indent?: boolean;
    spacingAfter?: number;
  } = {},
) {
  return new Paragraph({
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    indent: o.indent ? { firstLine: 640 } : undefined,
    spacing: { line: 560, lineRule: 'exact', after: o.spacingAfter ?? 0 },
    children,
  });
}

const cellText = (
  text: string,
  o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {},
) =>
  new Paragraph({
    alignment: o.align ?? AlignmentType.LEFT,
    spacing: { line: 300, lineRule: 'auto' },
    children: [new TextRun({ text, font: font(FANGSONG), size: 21, bold: o.bold })],
  });

/** Column widths in fiftieths of a percent, summing to 5000 (the text width). */
const WIDTHS = [300, 850, 600, 850, 500, 950, 950];

function cell(
  lines: string[],
  idx: number,
  o: { bold?: boolean; center?: boolean; span?: number; shade?: string } = {},
) {
  return new TableCell({
    width: { size: o.span ? 5000 : WIDTHS[idx]!, type: WidthType.PERCENTAGE },
    columnSpan: o.span,
    verticalAlign: VerticalAlign.CENTER,
    shading: o.shade ? { fill: o.shade, color: 'auto', type: 'clear' } : undefined,
    margins: { top: 40, bottom: 40, left: 60, right: 60 },
    children: (lines.length ? lines : ['—']).map((l) =>
      cellText(l, { bold: o.bold, align: o.center ? AlignmentType.CENTER : AlignmentType.LEFT }),
    ),
  });
}

function bulletinTable(b: Bulletin) {
  const rows: TableRow[] = [
    new TableRow({
      tableHeader: true,
      children: BULLETIN_COLUMNS.map((h, i) => cell([h], i, { bold: true, center: true, shade: 'E7E6E6' })),
    }),
  ];
  let n = 0;
  for (const g of BULLETIN_GROUPS) {
    const group = b.groups.find((x) => x.key === g);
    const list = group?.rows ?? [];
    rows.push(
      new TableRow({
        children: [
          cell([`${BULLETIN_GROUP_LABELS[g].zh}（${list.length}个）`], 0, {
            bold: true,
            span: 7,
            shade: 'F2F2F2',
          }),
        ],
      }),
    );
    for (const r of list) {
      n++;
      rows.push(
        new TableRow({
          cantSplit: true,
          children: [
            cell([String(n)], 0, { center: true }),
            cell([r.name, ...(r.regionName ? [`（${r.regionName}）`] : [])], 1),
            cell([r.planInvestment === null ? '—' : String(toWan(r.planInvestment))], 2, { center: true }),
            cell([progressText(r)], 3),
            cell([r.stageLabel], 4, { center: true }),
            cell(r.problems.length ? r.problems.map((p, i) => `${i + 1}. ${p}`) : ['无'], 5),
            cell(
              r.nextSteps.map((s, i) => (r.nextSteps.length > 1 ? `${i + 1}. ${s}` : s)),
              6,
            ),
          ],
        }),
      );
    }
  }
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: 5000, type: WidthType.PERCENTAGE },
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows,
  });
}

/** Millimetres to twips, rounded (A4 is 11906 × 16838). */
const mm = (v: number) => Math.round((v * 1440) / 25.4);

const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cnIndex = (i: number) => (i < 10 ? CN_NUM[i]! : String(i + 1));

export async function bulletinDocx(b: Bulletin): Promise<Buffer> {
  const counts = Object.fromEntries(b.groups.map((g) => [g.key, g.rows.length])) as Record<
    BulletinGroup,
    number
  >;
  const intro = `${formatDateZh(b.heldOn)}，${b.chair ? `${b.chair}主持召开` : '召开'}${b.meetingTitle}，调度重大项目建设推进情况，研究协调存在问题。现将有关情况通报如下：`;
  const summary =
    `本次调度项目${b.totals.projects}个，年度计划投资${formatYuanZh(b.totals.planInvestment)}，已完成投资${formatYuanZh(b.totals.ytdInvestment)}。` +
    `其中${BULLETIN_GROUPS.map((g) => `${BULLETIN_GROUP_LABELS[g].zh}${counts[g] ?? 0}个`).join('、')}；会议议定事项${b.decisions.length}项。`;
  const children: Array<Paragraph | Table> = [
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { before: 200, after: 200, line: 700, lineRule: 'exact' },
      children: [new TextRun({ text: b.title, font: font(TITLE_FONT), size: 44, bold: true })],
    }),
    para([run(b.docNo ?? '')], { align: AlignmentType.CENTER }),
    new Paragraph({
      alignment: AlignmentType.CENTER,
      spacing: { after: 240, line: 560, lineRule: 'exact' },
      border: { bottom: { style: BorderStyle.SINGLE, size: 12, color: 'C00000', space: 6 } },
      children: [run(`${b.issuer ?? ''}${b.issuer ? '　　' : ''}${formatDateZh(b.heldOn)}`)],
    }),
    para([run(intro)], { indent: true }),
    para([run(summary)], { indent: true }),
    para([new TextRun({ text: '一、项目推进情况', font: font(HEITI), size: 32 })], { indent: true }),
    bulletinTable(b),
    para([new TextRun({ text: '二、会议议定事项', font: font(HEITI), size: 32 })], { indent: true }),
  ];
  if (!b.decisions.length) children.push(para([run('本次会议无议定事项。')], { indent: true }));
  b.decisions.forEach((d, i) =>
    children.push(
      para(
        [
          run(`（${cnIndex(i)}）${d.projectName ? `${d.projectName}：` : ''}${d.title}。`),
          run(
            `责任单位：${d.ownerUnitName ?? '待定'}；完成时限：${d.dueOn ? formatDateZh(d.dueOn) : '待定'}。`,
          ),
        ],
        { indent: true },
      ),
    ),
  );
  const doc = new Document({
    creator: 'Gongjian',
    title: b.title,
    styles: { default: { document: { run: { font: font(FANGSONG), size: 32 } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: mm(210), height: mm(297) },
            margin: { top: mm(37), bottom: mm(35), left: mm(28), right: mm(26) },
          },
        },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [
                  new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font('SimSun'), size: 28 }),
                ],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return withFontFallbacks(await Packer.toBuffer(doc));
}

/**
 * Declares the fonts in word/fontTable.xml with their classification (GB2312 charset, panose), and 仿宋's
 * other names, so Word substitutes 仿宋_GB2312 or STFangsong where FangSong is not installed.
 */
async function withFontFallbacks(docx: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(docx);
  const file = zip.file('word/fontTable.xml');
  if (!file) return docx;
  const xml = await file.async('string');
  const decl = (name: string, alt: string | null, panose: string, family: string, pitch: string) =>
    `<w:font w:name="${name}">${alt ? `<w:altName w:val="${alt}"/>` : ''}<w:panose1 w:val="${panose}"/><w:charset w:val="86"/><w:family w:val="${family}"/><w:pitch w:val="${pitch}"/></w:font>`;
  const fonts =
    decl(FANGSONG, '仿宋', '02010609060101010101', 'modern', 'fixed') +
    decl('仿宋_GB2312', 'FangSong_GB2312', '02010609030101010101', 'modern', 'fixed') +
    decl('STFangsong', '华文仿宋', '02010600040101010101', 'auto', 'variable') +
    decl(TITLE_FONT, 'FZXiaoBiaoSong-B05S', '02000000000000000000', 'auto', 'variable') +
    decl(HEITI, '黑体', '02010609060101010101', 'modern', 'fixed') +
    decl('SimSun', '宋体', '02010600030101010101', 'auto', 'variable');
  const patched =
    xml.endsWith('/>') && !xml.includes('</w:fonts>')
      ? `${xml.slice(0, -2)}>${fonts}</w:fonts>`
      : xml.replace('</w:fonts>', `${fonts}</w:fonts>`);
  zip.file('word/fontTable.xml', patched);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE' });
}

// -------------------------------------------------------------------------------------------- Excel

export async function bulletinXlsx(b: Bulletin): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Gongjian';
  const ws = wb.addWorksheet('调度通报', {
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  ws.columns = [
    { width: 6 },
    { width: 30 },
    { width: 14 },
    { width: 40 },
    { width: 12 },
    { width: 45 },
    { width: 45 },
  ];
  ws.addRow([b.title]);
  ws.mergeCells(1, 1, 1, 7);
  ws.getCell(1, 1).font = { name: TITLE_FONT, size: 18, bold: true };
  ws.getCell(1, 1).alignment = { horizontal: 'center' };
  ws.addRow([[b.docNo, b.issuer, formatDateZh(b.heldOn)].filter(Boolean).join('　')]);
  ws.mergeCells(2, 1, 2, 7);
  ws.getCell(2, 1).alignment = { horizontal: 'center' };
  const header = ws.addRow([...BULLETIN_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
  let n = 0;
  for (const g of BULLETIN_GROUPS) {
    const list = b.groups.find((x) => x.key === g)?.rows ?? [];
    const gr = ws.addRow([`${BULLETIN_GROUP_LABELS[g].zh}（${list.length}个）`]);
    ws.mergeCells(gr.number, 1, gr.number, 7);
    gr.font = { bold: true };
    for (const r of list) {
      n++;
      const row = ws.addRow([
        n,
        r.regionName ? `${r.name}（${r.regionName}）` : r.name,
        r.planInvestment === null ? null : toWan(r.planInvestment),
        progressText(r),
        r.stageLabel,
        r.problems.length ? r.problems.map((p, i) => `${i + 1}. ${p}`).join('\n') : '无',
        r.nextSteps.join('\n') || '—',
      ]);
      row.alignment = { vertical: 'top', wrapText: true };
      row.getCell(3).numFmt = '#,##0.00';
    }
  }
  ws.eachRow((row, i) => {
    if (i < 3) return;
    row.eachCell({ includeEmpty: true }, (c) => {
      c.border = {
        top: { style: 'thin' },
        left: { style: 'thin' },
        bottom: { style: 'thin' },
        right: { style: 'thin' },
      };
    });
  });
  ws.views = [{ state: 'frozen', ySplit: 3 }];

  const ds = wb.addWorksheet('议定事项');
  ds.columns = [{ width: 6 }, { width: 30 }, { width: 50 }, { width: 24 }, { width: 14 }];
  ds.addRow(['序号', '项目', '议定事项', '责任单位', '完成时限']).font = { bold: true };
  b.decisions.forEach((d, i) =>
    ds.addRow([i + 1, d.projectName ?? '—', d.title, d.ownerUnitName ?? '待定', d.dueOn ?? '待定']),
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
