/**
 * A briefing as a .docx in 公文 layout (GB/T 9704-2012), from its content alone (deterministic):
 *
 * - A4 (210 × 297 mm); margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (版心 156 × 225 mm);
 * - optional red 版头 (the issuer's name + 文件 in red 小标宋, sized to fit the 版心) with the 发文字号 under it and
 *   a red rule; without it the 发文字号 stands right-aligned above the title;
 * - title in 小标宋 ('方正小标宋简体', falling back to 宋体 / SimSun) 22 pt, centred;
 * - body in 仿宋 ('仿宋_GB2312', falling back to 仿宋 / FangSong) 16 pt (三号), exact 28 pt line spacing, first
 *   line indented two characters; level-1 headings in 黑体, tables in 仿宋 12 pt;
 * - page numbers '— 1 —' in 宋体 14 pt (四号) at the bottom: odd pages right, even pages left, one character in;
 * - signature and date, then 附件：数据来源 — each printed number with its indicator code, period, region and
 *   the records behind it.
 *
 * The font fallbacks are written into word/fontTable.xml (w:altName), which `docx` leaves empty.
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageBreak,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import JSZip from 'jszip';
import type { BriefingContent, BriefingTable } from '../../../../contracts/schemas/results';

/** Millimetres → twips, rounded (37 mm = 2097.6 → 2098). */
const mm = (v: number) => Math.round((v / 25.4) * 1440);

export const PAGE = {
  width: 11906, // 210 mm
  height: 16838, // 297 mm
  top: mm(37), // 2098
  bottom: mm(35), // 1984
  left: mm(28), // 1587
  right: mm(26), // 1474
};

const FONTS = {
  title: { eastAsia: '方正小标宋简体', ascii: 'SimSun', hAnsi: 'SimSun' },
  body: { eastAsia: '仿宋_GB2312', ascii: 'FangSong', hAnsi: 'FangSong' },
  heading: { eastAsia: '黑体', ascii: 'SimHei', hAnsi: 'SimHei' },
  kai: { eastAsia: '楷体_GB2312', ascii: 'KaiTi', hAnsi: 'KaiTi' },
  song: { eastAsia: '宋体', ascii: 'SimSun', hAnsi: 'SimSun' },
};

/** w:font entries with their fallbacks (altName) and the GB2312 charset. */
const FONT_TABLE: Array<{ name: string; alt: string; family: string }> = [
  { name: '方正小标宋简体', alt: '宋体', family: 'script' },
  { name: '仿宋_GB2312', alt: '仿宋', family: 'modern' },
  { name: 'FangSong', alt: '仿宋', family: 'modern' },
  { name: '黑体', alt: 'SimHei', family: 'modern' },
  { name: 'SimHei', alt: '黑体', family: 'modern' },
  { name: '楷体_GB2312', alt: '楷体', family: 'modern' },
  { name: 'KaiTi', alt: '楷体', family: 'modern' },
  { name: '宋体', alt: 'SimSun', family: 'auto' },
  { name: 'SimSun', alt: '宋体', family: 'auto' },
];

const PT = (pt: number) => pt * 2; // half-points
const LINE = { line: 560, lineRule: LineRuleType.EXACT }; // 28 pt
const INDENT_2 = 640; // two characters of 16 pt
const RED = 'FF0000';
const CONTENT_WIDTH = PAGE.width - PAGE.left - PAGE.right;

export type DocMeta = { title: string; docNo: string | null; redHeader: boolean; issuerName: string };

const run = (
  text: string,
  opts: { font?: keyof typeof FONTS; size?: number; bold?: boolean; color?: string } = {},
) =>
  new TextRun({
    text,
    font: FONTS[opts.font ?? 'body'],
    size: PT(opts.size ?? 16),
    bold: opts.bold,
    color: opts.color,
  });

const body = (
  text: string,
  opts: {
    indent?: boolean;
    align?: (typeof AlignmentType)[keyof typeof AlignmentType];
    font?: keyof typeof FONTS;
  } = {},
) =>
  new Paragraph({
    spacing: LINE,
    alignment: opts.align ?? AlignmentType.JUSTIFIED,
    indent: opts.indent === false ? undefined : { firstLine: INDENT_2 },
    children: [run(text, { font: opts.font })],
  });

function redHeader(meta: DocMeta): Paragraph[] {
  const text = `${meta.issuerName}文件`;
  // sized to fit the 版心 width on one line, at most 小初 (36 pt)
  const size = Math.max(16, Math.min(36, Math.floor(CONTENT_WIDTH / 20 / text.length)));
  return [
    new Paragraph({
      spacing: { before: 0, after: 240 },
      alignment: AlignmentType.CENTER,
      children: [run(text, { font: 'title', size, color: RED })],
    }),
    new Paragraph({
      spacing: { before: 240, after: 480 },
      alignment: AlignmentType.CENTER,
      border: { bottom: { style: BorderStyle.SINGLE, size: 18, color: RED, space: 8 } },
      children: [run(meta.docNo ?? '', { size: 16 })],
    }),
  ];
}

function cell(text: string, opts: { header?: boolean; width: number }) {
  return new TableCell({
    width: { size: opts.width, type: WidthType.DXA },
    verticalAlign: VerticalAlign.CENTER,
    children: [
      new Paragraph({
        alignment: opts.header ? AlignmentType.CENTER : AlignmentType.LEFT,
        children: [run(text, { font: opts.header ? 'heading' : 'body', size: 12 })],
      }),
    ],
  });
}

function table(t: BriefingTable): Array<Paragraph | Table> {
  const widths = columnWidths(t);
  return [
    new Paragraph({
      spacing: { before: 240, after: 120 },
      alignment: AlignmentType.CENTER,
      children: [run(t.title, { font: 'heading', size: 14 })],
    }),
    new Table({
      width: { size: CONTENT_WIDTH, type: WidthType.DXA },
      columnWidths: widths,
      rows: [
        new TableRow({
          tableHeader: true,
          children: t.columns.map((c, i) => cell(c, { header: true, width: widths[i]! })),
        }),
        ...t.rows.map(
          (r) =>
            new TableRow({
              children: r.map((v, i) => cell(v === null ? '' : String(v), { width: widths[i]! })),
            }),
        ),
      ],
    }),
    new Paragraph({
      spacing: { before: 60, after: 120 },
      children: [run(`数据来源：${t.source}`, { size: 10.5 })],
    }),
  ];
}

/** Column widths from the longest text of each column (bounded), summing to the 版心 width. */
function columnWidths(t: BriefingTable): number[] {
  const len = (v: unknown) => [...String(v ?? '')].reduce((s, ch) => s + (ch.charCodeAt(0) > 255 ? 2 : 1), 0);
  const raw = t.columns.map((c, i) => Math.min(40, Math.max(4, len(c), ...t.rows.map((r) => len(r[i])))));
  const total = raw.reduce((s, x) => s + x, 0);
  const widths = raw.map((x) => Math.floor((x / total) * CONTENT_WIDTH));
  widths[widths.length - 1]! += CONTENT_WIDTH - widths.reduce((s, x) => s + x, 0);
  return widths;
}

const pageNumber = (align: 'right' | 'left') =>
  new Footer({
    children: [
      new Paragraph({
        alignment: align === 'right' ? AlignmentType.RIGHT : AlignmentType.LEFT,
        indent: align === 'right' ? { right: 280 } : { left: 280 },
        children: [
          new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: FONTS.song, size: PT(14) }),
        ],
      }),
    ],
  });

/** The appendix rows: every printed figure, its source and its records (names with the last 8 characters of the id). */
export function appendixRows(content: BriefingContent, maxRecords = 50): string[][] {
  const rows = content.figures.map((f) => {
    const shown = f.records.slice(0, maxRecords).map((r) => `${r.name}（${r.id.slice(-8)}）`);
    const more = f.records.length > maxRecords ? `等${f.records.length}条（完整清单见 Excel 附表）` : '';
    return [
      String(f.ref),
      f.text,
      `${f.name}（${f.code}）`,
      `${f.periodLabel}（${f.period}）`,
      f.regionName ? `${f.regionName}（${f.regionCode}）` : (f.regionCode ?? '全部'),
      f.records.length ? `${shown.join('；')}${more}` : '无记录',
    ];
  });
  for (const t of content.tables)
    rows.push([
      '',
      t.title.replace(/\s+/g, ' '),
      '表格',
      content.periodLabel,
      content.regionName,
      `${t.source}；共${t.rows.length}行，依据记录${new Set(t.rowRecords.flat()).size}条`,
    ]);
  return rows;
}

export async function renderDocx(content: BriefingContent, meta: DocMeta): Promise<Buffer> {
  const children: Array<Paragraph | Table> = [];
  if (meta.redHeader) children.push(...redHeader(meta));
  else if (meta.docNo)
    children.push(
      new Paragraph({ spacing: { after: 240 }, alignment: AlignmentType.RIGHT, children: [run(meta.docNo)] }),
    );
  children.push(
    new Paragraph({
      spacing: { before: 240, after: 480, line: 700, lineRule: LineRuleType.EXACT },
      alignment: AlignmentType.CENTER,
      children: [run(meta.title, { font: 'title', size: 22 })],
    }),
  );
  if (content.addressee) children.push(body(content.addressee, { indent: false }));
  const tablesById = new Map(content.tables.map((t) => [t.id, t]));
  for (const s of content.sections) {
    children.push(
      new Paragraph({
        spacing: LINE,
        indent: { firstLine: INDENT_2 },
        children: [run(s.heading, { font: 'heading' })],
      }),
    );
    for (const p of s.paragraphs) children.push(body(p));
    for (const id of s.tables) {
      const t = tablesById.get(id);
      if (t) children.push(...table(t));
    }
  }
  children.push(body('附件：数据来源', { indent: true }));
  children.push(
    new Paragraph({
      spacing: { before: 480, ...LINE },
      alignment: AlignmentType.RIGHT,
      indent: { right: INDENT_2 * 2 },
      children: [run(meta.issuerName)],
    }),
  );
  children.push(
    new Paragraph({
      spacing: LINE,
      alignment: AlignmentType.RIGHT,
      indent: { right: INDENT_2 * 2 },
      children: [run(content.dateText)],
    }),
  );

  // 附件
  children.push(new Paragraph({ children: [new PageBreak()] }));
  children.push(new Paragraph({ spacing: LINE, children: [run('附件', { font: 'heading' })] }));
  children.push(
    new Paragraph({
      spacing: { before: 240, after: 240 },
      alignment: AlignmentType.CENTER,
      children: [run('数据来源', { font: 'title', size: 22 })],
    }),
  );
  children.push(
    body(
      `本通报中的每个数字均由平台依据台账记录计算生成（数据截至${content.asOf}${content.lockedPeriods.length ? `，其中 ${content.lockedPeriods.join('、')} 为锁定期数据` : ''}）。下表逐项列出数字所依据的指标代码、统计期、地区和记录（记录名称后括号内为记录编号末8位）。`,
    ),
  );
  children.push(
    ...table({
      id: 'appendix',
      title: '数据来源明细',
      columns: ['序号', '正文数字', '指标（代码）', '统计期', '地区', '依据记录'],
      rows: appendixRows(content),
      rowRecords: [],
      source: '平台台账记录（完整编号见 Excel 附表“数据来源”）',
    }),
  );

  const doc = new Document({
    creator: 'Gongjian',
    title: meta.title,
    evenAndOddHeaderAndFooters: true,
    styles: { default: { document: { run: { font: FONTS.body, size: PT(16) } } } },
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE.width, height: PAGE.height },
            margin: {
              top: PAGE.top,
              bottom: PAGE.bottom,
              left: PAGE.left,
              right: PAGE.right,
              header: 851,
              footer: 992,
            },
          },
        },
        footers: { default: pageNumber('right'), even: pageNumber('left') },
        children,
      },
    ],
  });
  const buf = await Packer.toBuffer(doc);
  return withFontFallbacks(buf);
}

async function withFontFallbacks(buf: Buffer): Promise<Buffer> {
  const zip = await JSZip.loadAsync(buf);
  const file = zip.file('word/fontTable.xml');
  if (!file) return buf;
  const xml = await file.async('string');
  const fonts = FONT_TABLE.map(
    (f) =>
      `<w:font w:name="${f.name}"><w:altName w:val="${f.alt}"/><w:charset w:val="86"/><w:family w:val="${f.family}"/><w:pitch w:val="variable"/></w:font>`,
  ).join('');
  const next =
    xml.endsWith('/>') && !xml.includes('</w:fonts>')
      ? xml.replace(/\/>$/, `>${fonts}</w:fonts>`)
      : xml.replace('</w:fonts>', `${fonts}</w:fonts>`);
  zip.file('word/fontTable.xml', next);
  // a fixed timestamp keeps the archive deterministic for the same content
  return zip.generateAsync({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    date: new Date('2000-01-01T00:00:00Z'),
  } as JSZip.JSZipGeneratorOptions<'nodebuffer'>);
}
