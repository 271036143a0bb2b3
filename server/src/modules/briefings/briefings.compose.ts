/**
 * The text of a briefing, pure: from figures the service gathered (each with the records behind it) to sections,
 * tables and the appendix that binds every printed number to its indicator code, period, region and records.
 * Nothing here reads the database or the clock; the same input always gives the same content.
 */
import type {
  BriefingContent,
  BriefingFigure,
  BriefingSection,
  BriefingTable,
  IndicatorChange,
  IndicatorKind,
} from '../../../../contracts/schemas/results';
import {
  chineseOrdinal,
  countText,
  dateZh,
  pctText,
  pointsText,
  valueText,
  yiText,
  yoyText,
  yuanText,
} from './briefings.numbers';

export type FigureInput = {
  code: string;
  name: string;
  kind: IndicatorKind;
  unit: string;
  period: string;
  periodLabel: string;
  regionCode: string | null;
  regionName: string | null;
  value: number | null;
  previous: number | null;
  yoy: number | null;
  change: number | null;
  benchmark?: number | null;
  records: Array<{ id: string; name: string }>;
};

/** Collects every number printed, so the appendix can list where each comes from. */
export class FigureBook {
  readonly figures: BriefingFigure[] = [];

  /** Registers a printed number and returns its text. */
  add(f: Omit<BriefingFigure, 'ref'>): string {
    this.figures.push({ ...f, ref: this.figures.length + 1 });
    return f.text;
  }

  value(f: FigureInput): string {
    return this.add({ ...base(f), text: valueText(f.kind, f.value, f.unit), value: f.value, unit: f.unit });
  }

  /** '同比增长40.0%' (or the rate's change in 个百分点); '' when there is no base. */
  yoy(f: FigureInput): string {
    const text = f.kind === 'rate' ? pointsText(f.change) : yoyText(f.yoy);
    if (!text || text === '与上年同期持平') return text;
    return this.add({
      ...base(f),
      code: f.code,
      text,
      value: f.kind === 'rate' ? f.change : f.yoy,
      unit: f.kind === 'rate' ? '个百分点' : '%',
    });
  }

  /** A count of listed records (e.g. red-light projects), traced to those records. */
  count(
    code: string,
    name: string,
    n: number,
    unit: string,
    ctx: Pick<FigureInput, 'period' | 'periodLabel' | 'regionCode' | 'regionName'>,
    records: Array<{ id: string; name: string }>,
  ): string {
    return this.add({
      code,
      name,
      period: ctx.period,
      periodLabel: ctx.periodLabel,
      regionCode: ctx.regionCode,
      regionName: ctx.regionName,
      text: countText(n, unit),
      value: n,
      unit,
      records,
    });
  }

  amount(
    code: string,
    name: string,
    yuan: number,
    ctx: Pick<FigureInput, 'period' | 'periodLabel' | 'regionCode' | 'regionName'>,
    records: Array<{ id: string; name: string }>,
  ): string {
    return this.add({
      code,
      name,
      period: ctx.period,
      periodLabel: ctx.periodLabel,
      regionCode: ctx.regionCode,
      regionName: ctx.regionName,
      text: yuanText(yuan),
      value: yuan,
      unit: '元',
      records,
    });
  }
}

const base = (f: FigureInput) => ({
  code: f.code,
  name: f.name,
  period: f.period,
  periodLabel: f.periodLabel,
  regionCode: f.regionCode,
  regionName: f.regionName,
  records: f.records,
});

const joinYoy = (value: string, yoy: string) => (yoy ? `${value}，${yoy}` : value);
const names = (list: Array<{ name: string }>, max = 10) =>
  list.length <= max
    ? list.map((x) => x.name).join('、')
    : `${list
        .slice(0, max)
        .map((x) => x.name)
        .join('、')}等`;

export type Meta = {
  regionCode: string;
  regionName: string;
  asOf: string;
  generatedAt: string;
  addressee: string;
  issuerName: string;
  dateText: string;
  lockedPeriods: string[];
};

export type RegionRow = {
  regionCode: string;
  name: string;
  cells: Record<string, { value: number | null; kind: IndicatorKind; records: string[] }>;
};

export type LightItem = {
  id: string;
  name: string;
  regionName: string | null;
  unitName: string | null;
  color: string;
  since: string | null;
  reason: string | null;
  stage: string;
};
export type OverdueItem = { id: string; title: string; unitName: string | null; dueOn: string; days: number };

export type MonthlyInput = {
  meta: Meta;
  month: { key: string; label: string };
  ytd: { key: string; label: string };
  /** Figures of 1–N月 and of the month alone, by indicator code (absent codes are left out of the text). */
  ytdFigures: Record<string, FigureInput>;
  monthFigures: Record<string, FigureInput>;
  regionRows: RegionRow[];
  lights: LightItem[];
  overdue: OverdueItem[];
  changes: IndicatorChange[];
  changesAgainst: string | null;
};

const REGION_COLUMNS: Array<{ code: string; title: string }> = [
  { code: 'signed_major_count', title: '新签约亿元以上项目（个）' },
  { code: 'signed_major_investment', title: '总投资（亿元）' },
  { code: 'projects_started', title: '新开工项目（个）' },
  { code: 'investment_completion_rate', title: '投资完成率（%）' },
  { code: 'problems_closed_on_time_rate', title: '问题按期办结率（%）' },
];

function cellText(c: { value: number | null; kind: IndicatorKind } | undefined): string {
  if (!c || c.value === null) return '—';
  if (c.kind === 'amount') return c.value.toFixed(1);
  if (c.kind === 'rate' || c.kind === 'mean') return c.value.toFixed(1);
  return String(c.value);
}

export function composeMonthly(input: MonthlyInput): BriefingContent {
  const book = new FigureBook();
  const { meta } = input;
  const y = input.ytdFigures;
  const m = input.monthFigures;
  const ctxYtd = {
    period: input.ytd.key,
    periodLabel: input.ytd.label,
    regionCode: meta.regionCode,
    regionName: meta.regionName,
  };
  const sections: BriefingSection[] = [];
  const tables: BriefingTable[] = [];
  let n = 0;
  const heading = (t: string) => `${chineseOrdinal(++n)}、${t}`;

  // 一、总体情况
  const overall: string[] = [];
  if (y.signed_major_count && y.signed_major_investment) {
    let s = `${input.ytd.label}，${meta.regionName}新签约亿元以上项目${joinYoy(book.value(y.signed_major_count), book.yoy(y.signed_major_count))}；总投资${joinYoy(book.value(y.signed_major_investment), book.yoy(y.signed_major_investment))}`;
    const monthName = input.month.label.replace(/^\d{4}年/, '');
    if (m.signed_major_count && m.signed_major_investment && input.month.key !== input.ytd.key)
      s += m.signed_major_count.value
        ? `。其中${monthName}新签约亿元以上项目${book.value(m.signed_major_count)}，总投资${book.value(m.signed_major_investment)}`
        : `。${monthName}无新签约亿元以上项目`;
    overall.push(`${s}。`);
  }
  const progress: string[] = [];
  if (y.projects_started)
    progress.push(`新开工项目${joinYoy(book.value(y.projects_started), book.yoy(y.projects_started))}`);
  if (y.signing_to_start_days && y.signing_to_start_days.value !== null)
    progress.push(`开工项目签约至开工平均用时${book.value(y.signing_to_start_days)}`);
  if (y.investment_completion_rate && y.investment_completion_rate.value !== null) {
    const f = y.investment_completion_rate;
    let s = `列入年度计划的项目投资完成率${book.value(f)}`;
    if (f.benchmark !== null && f.benchmark !== undefined)
      s += `（时序进度${book.add({ ...base(f), code: f.code, name: `${f.name}（时序进度）`, text: pctText(f.benchmark), value: f.benchmark, unit: '%' })}）`;
    progress.push(s);
  }
  if (progress.length) overall.push(`${progress.join('；')}。`);
  const coord: string[] = [];
  if (y.problems_closed_on_time_rate && y.problems_closed_on_time_rate.value !== null)
    coord.push(
      `问题按期办结率${joinYoy(book.value(y.problems_closed_on_time_rate), book.yoy(y.problems_closed_on_time_rate))}`,
    );
  if (y.reform_tasks_on_time_rate && y.reform_tasks_on_time_rate.value !== null)
    coord.push(`改革任务按期完成率${book.value(y.reform_tasks_on_time_rate)}`);
  if (y.reform_milestones_overdue) coord.push(`改革节点逾期${book.value(y.reform_milestones_overdue)}`);
  if (coord.length) overall.push(`${coord.join('；')}。`);
  const ent: string[] = [];
  if (y.new_hitech_enterprises) ent.push(`新认定国家高新技术企业${book.value(y.new_hitech_enterprises)}`);
  if (y.new_unicorns) ent.push(`新增独角兽企业${book.value(y.new_unicorns)}`);
  if (y.new_gazelles) ent.push(`新认定省级瞪羚企业${book.value(y.new_gazelles)}`);
  if (y.new_specialized_smes) ent.push(`新认定省级以上专精特新企业${book.value(y.new_specialized_smes)}`);
  if (ent.length) overall.push(`企业培育方面，${ent.join('，')}。`);
  if (!overall.length) overall.push(`${input.ytd.label}暂无可通报的指标数据。`);
  sections.push({ heading: heading('总体情况'), paragraphs: overall, tables: [] });

  // 二、各地区推进情况
  if (input.regionRows.length) {
    const id = 't-regions';
    tables.push({
      id,
      title: `表${tables.length + 1}  ${input.ytd.label}各地区主要指标完成情况`,
      columns: ['地区', ...REGION_COLUMNS.map((c) => c.title)],
      rows: input.regionRows.map((r) => [r.name, ...REGION_COLUMNS.map((c) => cellText(r.cells[c.code]))]),
      rowRecords: input.regionRows.map((r) => [
        ...new Set(REGION_COLUMNS.flatMap((c) => r.cells[c.code]?.records ?? [])),
      ]),
      source: `指标 ${REGION_COLUMNS.map((c) => c.code).join('、')}；统计期 ${input.ytd.key}；按地区（GB/T 2260）归集，每行的记录见附件与 Excel 附表`,
    });
    const top = [...input.regionRows]
      .filter((r) => (r.cells.signed_major_investment?.value ?? 0) > 0)
      .sort(
        (a, b) =>
          (b.cells.signed_major_investment?.value ?? 0) - (a.cells.signed_major_investment?.value ?? 0),
      )[0];
    const paras = [`各地区主要指标完成情况见表${tables.length}。`];
    if (top) {
      const c = top.cells.signed_major_investment!;
      paras.unshift(
        `从新签约亿元以上项目总投资看，${top.name}${book.add({
          code: 'signed_major_investment',
          name: '新签约亿元以上项目总投资',
          period: input.ytd.key,
          periodLabel: input.ytd.label,
          regionCode: top.regionCode,
          regionName: top.name,
          text: yiText(c.value!),
          value: c.value,
          unit: '亿元',
          records: c.records.map((rid) => ({
            id: rid,
            name: y.signed_major_investment?.records.find((x) => x.id === rid)?.name ?? rid,
          })),
        })}，居各地区首位。`,
      );
    }
    sections.push({ heading: heading('各地区推进情况'), paragraphs: paras, tables: [id] });
  }

  // 三、项目预警情况
  const red = input.lights.filter((l) => l.color === 'red');
  const yellow = input.lights.filter((l) => l.color === 'yellow');
  {
    const paras = [
      `截至${dateZh(meta.asOf)}，亮红灯项目${book.count('list:red_projects', '亮红灯项目', red.length, '个', ctxYtd, red)}，亮黄灯项目${book.count('list:yellow_projects', '亮黄灯项目', yellow.length, '个', ctxYtd, yellow)}。`,
    ];
    const ids: string[] = [];
    if (red.length || yellow.length) {
      const id = 't-lights';
      ids.push(id);
      const list = [...red, ...yellow];
      tables.push({
        id,
        title: `表${tables.length + 1}  红黄灯项目清单`,
        columns: ['序号', '项目名称', '所在地区', '责任单位', '灯色', '亮灯日期', '亮灯原因', '当前节点'],
        rows: list.map((l, i) => [
          i + 1,
          l.name,
          l.regionName ?? '',
          l.unitName ?? '',
          l.color === 'red' ? '红灯' : '黄灯',
          l.since ? dateZh(l.since) : '',
          l.reason ?? '',
          l.stage,
        ]),
        rowRecords: list.map((l) => [l.id]),
        source: `项目台账亮灯状态（截至 ${meta.asOf} 的最近一次亮灯记录）`,
      });
      paras.push(`红黄灯项目清单见表${tables.length}，请各责任单位对照亮灯原因逐项整改。`);
    }
    sections.push({ heading: heading('项目预警情况'), paragraphs: paras, tables: ids });
  }

  // 四、问题办理情况
  {
    const paras = [
      `截至${dateZh(meta.asOf)}，超过办结时限仍未办结的问题${book.count(
        'list:overdue_problems',
        '逾期未办结问题',
        input.overdue.length,
        '个',
        ctxYtd,
        input.overdue.map((o) => ({ id: o.id, name: o.title })),
      )}。`,
    ];
    const ids: string[] = [];
    if (input.overdue.length) {
      const id = 't-overdue';
      ids.push(id);
      const list = input.overdue.slice(0, 30);
      tables.push({
        id,
        title: `表${tables.length + 1}  逾期未办结问题清单`,
        columns: ['序号', '问题', '承办单位', '办结时限', '逾期天数'],
        rows: list.map((o, i) => [i + 1, o.title, o.unitName ?? '', dateZh(o.dueOn), o.days]),
        rowRecords: list.map((o) => [o.id]),
        source: `问题清单（截至 ${meta.asOf} 已过办结时限且未办结${input.overdue.length > list.length ? `，列出逾期最久的 ${list.length} 个` : ''}）`,
      });
      paras.push(`逾期问题清单见表${tables.length}。`);
    }
    sections.push({ heading: heading('问题办理情况'), paragraphs: paras, tables: ids });
  }

  // 五、本月变化情况
  {
    const paras: string[] = [];
    // count indicators first; a change listing the same records as one already printed is not repeated
    const order = (c: IndicatorChange) => (c.unit === '个' || c.unit === '家' ? 0 : 1);
    const printed = new Set<string>();
    for (const c of [...input.changes].sort((a, b) => order(a) - order(b))) {
      if (!c.entered.length && !c.left.length) continue;
      const signature = `${c.entered
        .map((x) => x.id)
        .sort()
        .join(',')}|${c.left
        .map((x) => x.id)
        .sort()
        .join(',')}`;
      if (printed.has(signature)) continue;
      printed.add(signature);
      const ctx = {
        period: input.ytd.key,
        periodLabel: input.ytd.label,
        regionCode: meta.regionCode,
        regionName: meta.regionName,
      };
      const unit = c.unit === '亿元' || c.unit === '%' || c.unit === '天' ? '条' : c.unit;
      let s = '';
      if (c.entered.length)
        s += `${c.name}本期新增计入${book.count(`change:${c.code}:entered`, `${c.name}（本期新增记录）`, c.entered.length, unit, ctx, c.entered)}：${names(c.entered)}`;
      if (c.left.length)
        s += `${s ? '；' : `${c.name}`}较${c.thenLocked ? '上期锁定数' : '上期'}调出${book.count(`change:${c.code}:left`, `${c.name}（本期调出记录）`, c.left.length, unit, ctx, c.left)}：${names(c.left)}`;
      paras.push(`${s}。`);
    }
    if (!paras.length)
      paras.push(
        input.changesAgainst ? '与上期相比，各项指标的计入记录无变化。' : '本期为年度首期，无上期可比。',
      );
    sections.push({ heading: heading('本月变化情况'), paragraphs: paras, tables: [] });
  }

  sections.push({
    heading: heading('下步工作要求'),
    paragraphs: [
      '各地各部门要对照目标任务，紧盯重大项目签约、开工、投资完成等关键节点，逐项压实责任、加快推进。',
      '对亮红灯、黄灯的项目和逾期未办结的问题，责任单位要逐项分析原因、明确整改措施和完成时限，按期销号。',
      '本通报所有数据均由平台依据台账记录自动生成，逐项依据见附件；各单位如对数据有异议，请及时通过平台提出更正。',
    ],
    tables: [],
  });

  return {
    kind: 'monthly',
    period: input.month.key,
    periodLabel: input.month.label,
    regionCode: meta.regionCode,
    regionName: meta.regionName,
    asOf: meta.asOf,
    generatedAt: meta.generatedAt,
    addressee: meta.addressee,
    issuerName: meta.issuerName,
    dateText: meta.dateText,
    sections,
    tables,
    figures: book.figures,
    lockedPeriods: meta.lockedPeriods,
  };
}

// ── 调度通报 ────────────────────────────────────────────────────────────────────────────────────

export type DispatchProject = {
  id: string;
  name: string;
  regionName: string | null;
  unitName: string | null;
  planYuan: number;
  ytdYuan: number;
  physical: string | null;
  stage: string;
  problems: Array<{ id: string; title: string; dueOn: string | null }>;
  nextSteps: string | null;
  color: string | null;
};

export type DispatchInput = {
  meta: Meta;
  week: { key: string; label: string; start: string; end: string };
  ytd: { key: string; label: string };
  weekSigned: FigureInput | null;
  weekSignedAmount: FigureInput | null;
  weekStarted: FigureInput | null;
  completion: FigureInput | null;
  projects: DispatchProject[];
  overdue: OverdueItem[];
};

const wan = (yuan: number) => String(Math.round(yuan / 1e4));

/** The weekly 调度通报: projects grouped 需协调 / 滞后预警 / 正常推进 with the standard columns (domain.md §1.5). */
export function composeDispatch(input: DispatchInput): BriefingContent {
  const book = new FigureBook();
  const { meta } = input;
  const sections: BriefingSection[] = [];
  const tables: BriefingTable[] = [];
  let n = 0;
  const heading = (t: string) => `${chineseOrdinal(++n)}、${t}`;
  const ctx = {
    period: input.ytd.key,
    periodLabel: input.ytd.label,
    regionCode: meta.regionCode,
    regionName: meta.regionName,
  };

  const coordinate = input.projects.filter((p) => p.problems.length > 0);
  const lagging = input.projects.filter(
    (p) => p.problems.length === 0 && (p.color === 'red' || p.color === 'yellow'),
  );
  const normal = input.projects.filter(
    (p) => p.problems.length === 0 && p.color !== 'red' && p.color !== 'yellow',
  );

  const overall: string[] = [];
  const week: string[] = [];
  if (input.weekSigned && input.weekSignedAmount)
    week.push(
      input.weekSigned.value
        ? `新签约亿元以上项目${book.value(input.weekSigned)}，总投资${book.value(input.weekSignedAmount)}`
        : '无新签约亿元以上项目',
    );
  if (input.weekStarted)
    week.push(input.weekStarted.value ? `新开工项目${book.value(input.weekStarted)}` : '无新开工项目');
  if (week.length)
    overall.push(
      `本周（${dateZh(input.week.start)}至${dateZh(input.week.end)}），${meta.regionName}${week.join('，')}。`,
    );
  const all = input.projects.map((p) => ({ id: p.id, name: p.name }));
  let s = `截至${dateZh(meta.asOf)}，列入年度计划的重点项目${book.count('list:planned_projects', '列入年度计划的项目', input.projects.length, '个', ctx, all)}，其中需协调${book.count('list:coordinate_projects', '需协调项目', coordinate.length, '个', ctx, coordinate)}、滞后预警${book.count('list:lagging_projects', '滞后预警项目', lagging.length, '个', ctx, lagging)}、正常推进${book.count('list:normal_projects', '正常推进项目', normal.length, '个', ctx, normal)}`;
  if (input.projects.length) {
    const ytd = input.projects.reduce((sum, p) => sum + p.ytdYuan, 0);
    s += `；${input.ytd.label}累计完成投资${book.amount('list:planned_projects_ytd', '列入年度计划项目累计完成投资', ytd, ctx, all)}`;
  }
  if (input.completion && input.completion.value !== null) {
    s += `，投资完成率${book.value(input.completion)}`;
    if (input.completion.benchmark !== null && input.completion.benchmark !== undefined)
      s += `（时序进度${book.add({ ...base(input.completion), name: `${input.completion.name}（时序进度）`, text: pctText(input.completion.benchmark), value: input.completion.benchmark, unit: '%' })}）`;
  }
  overall.push(`${s}。`);
  sections.push({ heading: heading('总体情况'), paragraphs: overall, tables: [] });

  const groups: Array<{ title: string; list: DispatchProject[] }> = [
    { title: '需协调项目', list: coordinate },
    { title: '滞后预警项目', list: lagging },
    { title: '正常推进项目', list: normal },
  ];
  const ids: string[] = [];
  for (const g of groups) {
    if (!g.list.length) continue;
    const id = `t-${ids.length + 1}`;
    ids.push(id);
    tables.push({
      id,
      title: `表${tables.length + 1}  ${g.title}`,
      columns: [
        '序号',
        '项目名称',
        '年度计划投资（万元）',
        '已完成投资（万元）/形象进度',
        '当前节点',
        '存在问题',
        '下一步及完成时限',
      ],
      rows: g.list.map((p, i) => [
        i + 1,
        p.name,
        wan(p.planYuan),
        `${wan(p.ytdYuan)}${p.physical ? `／${p.physical}` : ''}`,
        p.stage,
        p.problems.map((x) => `${x.title}${x.dueOn ? `（${dateZh(x.dueOn)}前）` : ''}`).join('；'),
        p.nextSteps ?? '',
      ]),
      rowRecords: g.list.map((p) => [p.id, ...p.problems.map((x) => x.id)]),
      source: `项目台账、${input.ytd.key} 月报、问题清单（截至 ${meta.asOf}）`,
    });
  }
  sections.push({
    heading: heading('重点项目推进情况'),
    paragraphs: ids.length
      ? [
          `重点项目按需协调、滞后预警、正常推进分类列示（见表1${ids.length > 1 ? `至表${ids.length}` : ''}）。`,
        ]
      : ['本周无列入年度计划的重点项目。'],
    tables: ids,
  });

  {
    const paras = [
      `截至${dateZh(meta.asOf)}，逾期未办结问题${book.count(
        'list:overdue_problems',
        '逾期未办结问题',
        input.overdue.length,
        '个',
        ctx,
        input.overdue.map((o) => ({ id: o.id, name: o.title })),
      )}。`,
    ];
    const tids: string[] = [];
    if (input.overdue.length) {
      const id = 't-overdue';
      tids.push(id);
      const list = input.overdue.slice(0, 30);
      tables.push({
        id,
        title: `表${tables.length + 1}  逾期未办结问题清单`,
        columns: ['序号', '问题', '承办单位', '办结时限', '逾期天数'],
        rows: list.map((o, i) => [i + 1, o.title, o.unitName ?? '', dateZh(o.dueOn), o.days]),
        rowRecords: list.map((o) => [o.id]),
        source: `问题清单（截至 ${meta.asOf}）`,
      });
      paras.push(`请承办单位于下次调度会前反馈办理进展（见表${tables.length}）。`);
    }
    sections.push({ heading: heading('问题协调情况'), paragraphs: paras, tables: tids });
  }

  sections.push({
    heading: heading('工作要求'),
    paragraphs: [
      '各责任单位要对照存在问题和下一步安排，倒排时间节点，确保按期完成；需协调事项请于本周内报送协调需求。',
    ],
    tables: [],
  });

  return {
    kind: 'dispatch',
    period: input.week.key,
    periodLabel: input.week.label,
    regionCode: meta.regionCode,
    regionName: meta.regionName,
    asOf: meta.asOf,
    generatedAt: meta.generatedAt,
    addressee: meta.addressee,
    issuerName: meta.issuerName,
    dateText: meta.dateText,
    sections,
    tables,
    figures: book.figures,
    lockedPeriods: meta.lockedPeriods,
  };
}
