import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { creditCodeCheckChar } from '../../../../contracts/validators/credit-code';
import { systemActor, type Actor } from '../../core/access/actor';
import { blobPath } from '../../core/attachments/attachments';
import { recordAudit } from '../../core/audit/audit';
import { todayCst } from '../../core/clock';
import type { AttachmentTable } from '../../core/attachments/attachments.table';
import type { Db } from '../../db/database';
import type { DemoContext } from '../demo/demo.seed';
import { lockPeriod } from './reform.assessment.service';
import { addDays, expectedPeriods, type PeriodInfo } from './reform.cadence';
import { raiseBlockerProblem } from './reform.problems';
import * as repo from './reform.repository';
import { DEFAULT_SCORING_PARAMS } from './reform.scoring';
import type {
  ReformAreaTable,
  ReformContributionTable,
  ReformEventTable,
  ReformExtensionTable,
  ReformFindingTable,
  ReformItemTable,
  ReformMilestoneTable,
  ReformReportTable,
  ReformTargetTable,
  ReformTaskTable,
} from './reform.table';

/**
 * The demo city's reform ledger (改革攻坚台账 2025): 5 areas, 17 key items, 60 tasks across 开发园区 (一区多园,
 * 三张清单/权责清单, 土地整理), 营商环境 (高效办成一件事, 拿地即开工), 国资国企 (with 一利五率 targets of the two SOE
 * groups), 科技创新 and 招商体制机制 — with a year of reports (monthly; weekly for 攻坚 items; quarterly for some),
 * evidence (small real PDFs, written to DATA_DIR/attachments when the server starts), co-unit contributions,
 * blockers (problems of the shared problem list), verifications and closures, returns, extensions and an
 * adjustment, 督察 findings, a scoring rule set, and November 2025 locked. Deterministic: a seeded PRNG, fixed
 * dates and fixed ids; the demo "now" is 2025-12-31.
 */
export const DEMO_NOW = '2025-12-31';
const ID_PREFIX = '01940000-5ef0-7';

let counter = 0;
const fid = () => {
  counter++;
  return `${ID_PREFIX}${(counter >> 16).toString(16).padStart(3, '0')}-8${((counter >> 4) & 0xfff).toString(16).padStart(3, '0')}-${(counter & 0xf).toString(16)}${counter.toString(16).padStart(11, '0')}`;
};

function mulberry32(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A CST calendar date at a CST hour as an ISO UTC timestamp. */
const at = (date: string, hour = 10, minute = 0) =>
  new Date(Date.parse(`${date}T00:00:00Z`) + (hour - 8) * 3600_000 + minute * 60_000).toISOString();
const min = (a: string, b: string) => (a < b ? a : b);
const max = (a: string, b: string) => (a > b ? a : b);

// ── the catalogue ───────────────────────────────────────────────────────────────────────────────

type Fate =
  'closed' | 'pending_verification' | 'on_track' | 'delayed' | 'extended' | 'adjusted' | 'not_started';
type Outcome = 'policy_document' | 'institution' | 'platform' | 'pilot' | 'experience' | 'indicator';
type T = {
  item: number;
  title: string;
  measures: string;
  lead: string;
  co?: string[];
  outcome: Outcome;
  due: string;
  start?: string;
  fate: Fate;
  key?: boolean;
  quarterly?: boolean;
  first?: boolean;
  replicated?: boolean;
  soe?: 'soe-urban' | 'soe-transport';
  targets?: Array<
    Omit<ReformTargetTable, 'id' | 'task_id' | 'seq' | 'region_code' | 'indicator_params'> & {
      indicator_params?: string | null;
    }
  >;
  leader?: string;
  project?: string;
};

const AREAS = [
  { code: 'KF', name: '开发园区改革' },
  { code: 'YS', name: '营商环境改革' },
  { code: 'GQ', name: '国资国企改革' },
  { code: 'KJ', name: '科技创新体制改革' },
  { code: 'ZS', name: '招商体制机制改革' },
];

const ITEMS: Array<{ area: number; title: string }> = [
  { area: 0, title: '深化“一区多园”管理体制改革' },
  { area: 0, title: '编制实施开发园区“三张清单”' },
  { area: 0, title: '推进产业用地提质增效和土地整理' },
  { area: 0, title: '完善开发园区考核评价与去行政化' },
  { area: 1, title: '深化“高效办成一件事”改革' },
  { area: 1, title: '推行工业项目“拿地即开工”' },
  { area: 1, title: '创新涉企服务与包容审慎监管' },
  { area: 2, title: '实施国有企业改革深化提升行动' },
  { area: 2, title: '提升市属国企“一利五率”经营质效' },
  { area: 2, title: '推进市属国企战略性重组和专业化整合' },
  { area: 3, title: '健全科技型企业梯度培育机制' },
  { area: 3, title: '深化科技成果转化和产学研协同' },
  { area: 3, title: '发展科技金融' },
  { area: 4, title: '完善产业链招引专班运行机制' },
  { area: 4, title: '建立项目信息流转机制' },
  { area: 4, title: '建立项目后评价机制' },
  { area: 4, title: '改革招商考核激励办法' },
];

const L1 = '市委常委、常务副市长';
const L2 = '副市长（分管发展改革）';
const L3 = '副市长（分管科技、工业）';
const L4 = '副市长（分管商务）';
const L5 = '市委常委、副市长（分管国资）';

const tgt = (
  metric: string,
  baseline: number | null,
  target: number,
  unit: string,
  actual: number | null,
  direction: 'increase' | 'decrease' = 'increase',
  extra: Partial<ReformTargetTable> = {},
) => ({
  metric,
  baseline,
  target,
  unit,
  actual,
  direction,
  indicator_code: null,
  soe_kpi: null,
  ...extra,
});

const TASKS: T[] = [
  // 开发园区: 一区多园
  {
    item: 0,
    title: '出台“一区多园”管理体制职能职责分工指导意见',
    measures:
      '明确主体开发区与功能园区、所在镇（街道）的职能边界，建立统一领导、统一规划、统一政策、统一招商的管理体制',
    lead: 'zj-drc',
    co: ['zj-etdz', 'zj-hitech', 'danyang'],
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    first: true,
    leader: L2,
  },
  {
    item: 0,
    title: '组建“一区多园”大党工委并运行议事规则',
    measures: '由主体开发区党工委牵头、功能园区和镇（街道）党组织参与，建立联席会议和重大事项会商机制',
    lead: 'zj-etdz',
    co: ['dantu'],
    outcome: 'institution',
    due: '2025-09-30',
    fate: 'closed',
    leader: L2,
  },
  {
    item: 0,
    title: '完成主体开发区核心区、辐射区四至范围划定',
    measures: '对照三条控制线，完成 10 个主体开发区、16 个功能园区四至核定和矢量落图',
    lead: 'zj-drc',
    co: ['jurong', 'yangzhong'],
    outcome: 'indicator',
    due: '2025-10-31',
    fate: 'extended',
    leader: L2,
    targets: [tgt('完成四至核定的园区数', 0, 26, '个', 21)],
  },
  {
    item: 0,
    title: '推动功能园区统一招商、统一考核',
    measures: '功能园区招商项目纳入主体开发区统一研判、统一准入，园区考核结果与干部考核挂钩',
    lead: 'zj-hitech',
    co: ['runzhou'],
    outcome: 'institution',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L2,
  },
  // 三张清单
  {
    item: 1,
    title: '编制省级主体开发区与所在镇（街道）职责分工清单',
    measures: '梳理社会事务职责，剥离开发区社会管理职能，实现“去行政化”',
    lead: 'zj-etdz',
    co: ['zj-reform'],
    outcome: 'policy_document',
    due: '2025-05-31',
    fate: 'closed',
    replicated: true,
    leader: L2,
  },
  {
    item: 1,
    title: '编制省级主体开发区与功能园区职能分工清单',
    measures: '按“管委会统筹、园区主建”原则明确招商、建设、运营等职能分工',
    lead: 'zj-hitech',
    co: ['zj-reform'],
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    leader: L2,
  },
  {
    item: 1,
    title: '编制省级主体开发区全口径权责事项清单',
    measures: '按行政许可、行政处罚等十类梳理权责事项，明确设定依据、责任事项与追责情形，动态调整',
    lead: 'zj-reform',
    co: ['zj-approval', 'zj-etdz', 'zj-hitech'],
    outcome: 'policy_document',
    due: '2025-08-31',
    fate: 'closed',
    first: true,
    leader: L1,
    targets: [tgt('纳入清单的权责事项数', 0, 300, '项', 326)],
  },
  {
    item: 1,
    title: '建立权责清单动态调整和公开机制',
    measures: '权责事项随法律法规立改废释及时调整，在政府网站统一公开',
    lead: 'zj-approval',
    co: ['zj-reform'],
    outcome: 'institution',
    due: '2025-12-31',
    fate: 'pending_verification',
    leader: L1,
  },
  // 土地整理
  {
    item: 2,
    title: '盘活低效工业用地',
    measures: '通过协商收回、兼并重组、增资扩建等方式盘活低效用地，推动“变项目等地为地等项目”',
    lead: 'zj-drc',
    co: ['dantu', 'jurong', 'danyang'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'delayed',
    key: true,
    leader: L1,
    targets: [tgt('盘活低效工业用地面积', 0, 5000, '亩', 3620)],
  },
  {
    item: 2,
    title: '推进新上工业项目容积率不低于 1.3',
    measures: '新供工业用地规划条件明确容积率下限，推广高标准厂房和“工业上楼”',
    lead: 'zj-etdz',
    co: ['zj-hitech'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L1,
    targets: [tgt('新上工业项目平均容积率', 1.1, 1.3, '', 1.34)],
  },
  {
    item: 2,
    title: '开展批而未供和闲置土地专项处置',
    measures: '建立批而未供和闲置土地清单，逐宗明确处置方式和时限',
    lead: 'danyang',
    co: ['zj-drc'],
    outcome: 'indicator',
    due: '2025-11-30',
    fate: 'delayed',
    leader: L1,
    targets: [tgt('批而未供土地处置率', 40, 70, '%', 58)],
  },
  {
    item: 2,
    title: '建立工业用地亩均效益评价机制',
    measures: '按亩均税收、亩均产出对工业企业分类评价，差别化配置资源要素',
    lead: 'zj-miit',
    co: ['zj-drc', 'jingkou'],
    outcome: 'institution',
    due: '2025-09-30',
    fate: 'closed',
    replicated: true,
    leader: L3,
  },
  // 园区考核
  {
    item: 3,
    title: '制定开发园区高质量发展综合考核办法',
    measures: '设置经济发展、科技创新、集约用地、开放合作等指标，结果用于资源配置',
    lead: 'zj-drc',
    co: ['zj-commerce', 'zj-sci'],
    outcome: 'policy_document',
    due: '2025-07-31',
    fate: 'closed',
    leader: L2,
  },
  {
    item: 3,
    title: '推进开发区社会事务移交属地',
    measures: '教育、卫生、民政等社会事务按清单移交镇（街道），开发区聚焦招商引资和项目建设',
    lead: 'yangzhong',
    co: ['zj-reform'],
    outcome: 'institution',
    due: '2025-12-31',
    fate: 'adjusted',
    leader: L2,
  },

  // 营商环境: 高效办成一件事
  {
    item: 4,
    title: '推出第二批“高效办成一件事”重点事项清单',
    measures: '围绕企业和个人全生命周期，新增企业信息变更、开办餐饮店、员工录用等“一件事”',
    lead: 'zj-approval',
    co: ['zj-drc', 'zj-reform'],
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    key: true,
    leader: L1,
    targets: [tgt('集成办理“一件事”数量', 13, 21, '项', 22)],
  },
  {
    item: 4,
    title: '“一件事”平均办理时限压减 50% 以上',
    measures: '实行一次告知、一表申请、一套材料、一窗受理、一网办理，并联审批',
    lead: 'zj-approval',
    co: ['jingkou', 'runzhou'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L1,
    targets: [tgt('“一件事”平均办理时限', 10, 5, '个工作日', 4.5, 'decrease')],
  },
  {
    item: 4,
    title: '建设“一件事”线上专区并接入省政务服务网',
    measures: '依托政务服务平台建设线上专区，实现申请、审批、送达全程网办',
    lead: 'zj-approval',
    outcome: 'platform',
    due: '2025-09-30',
    fate: 'closed',
    leader: L1,
  },
  {
    item: 4,
    title: '推行企业注销“一件事”一网通办',
    measures: '整合税务、社保、市场监管等注销环节，实现一网申请、同步办理',
    lead: 'runzhou',
    co: ['zj-approval'],
    outcome: 'pilot',
    due: '2025-10-31',
    fate: 'extended',
    leader: L1,
  },
  {
    item: 4,
    title: '建立“一件事”办理评价和差评整改机制',
    measures: '推行“好差评”，差评实名回访、限期整改',
    lead: 'jingkou',
    co: ['zj-approval'],
    outcome: 'institution',
    due: '2025-08-31',
    fate: 'closed',
    leader: L1,
  },
  // 拿地即开工
  {
    item: 5,
    title: '全面推行工业项目“拿地即开工”',
    measures: '用地规划许可、工程规划许可、施工许可“四证同发”，签约到开工全流程提速',
    lead: 'zj-approval',
    co: ['zj-etdz', 'zj-drc', 'zj-hitech'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    key: true,
    first: true,
    leader: L1,
    project: '哈电',
    targets: [
      // measured from the project ledger (the results module's indicator), not typed
      tgt('签约到开工平均天数', null, 90, '天', null, 'decrease', {
        indicator_code: 'signing_to_start_days',
      }),
    ],
  },
  {
    item: 5,
    title: '推行“标准地”出让',
    measures: '工业用地出让前明确投资强度、亩均税收、能耗等控制性指标',
    lead: 'zj-etdz',
    co: ['zj-drc'],
    outcome: 'institution',
    due: '2025-06-30',
    fate: 'closed',
    replicated: true,
    leader: L1,
    targets: [tgt('“标准地”出让宗数占比', 30, 80, '%', 85)],
  },
  {
    item: 5,
    title: '实行施工图审查告知承诺制',
    measures: '对低风险工业项目实行告知承诺，事中事后加强抽查',
    lead: 'zj-approval',
    outcome: 'pilot',
    due: '2025-09-30',
    fate: 'delayed',
    leader: L1,
  },
  {
    item: 5,
    title: '建立重大项目审批全程代办帮办机制',
    measures: '组建代办员队伍，重大项目“一对一”帮办，审批节点全程跟踪',
    lead: 'dantu',
    co: ['zj-approval'],
    outcome: 'institution',
    due: '2025-07-31',
    fate: 'closed',
    leader: L1,
  },
  // 涉企服务
  {
    item: 6,
    title: '推行涉企行政检查“综合查一次”',
    measures: '统筹同一企业多部门检查事项，实行联合检查、“无事不扰”',
    lead: 'zj-approval',
    co: ['jingkou', 'danyang'],
    outcome: 'institution',
    due: '2025-10-31',
    fate: 'on_track',
    leader: L1,
  },
  {
    item: 6,
    title: '建立企业诉求“一站式”受理平台',
    measures: '整合热线、网站、园区服务站，企业诉求统一受理、分办督办',
    lead: 'zj-commerce',
    outcome: 'platform',
    due: '2025-11-30',
    fate: 'delayed',
    leader: L4,
  },
  {
    item: 6,
    title: '推行轻微违法行为免罚清单',
    measures: '在市场监管、生态环境等领域推行首违不罚、轻微免罚',
    lead: 'jurong',
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    leader: L1,
  },

  // 国资国企
  {
    item: 7,
    title: '城建集团完善中国特色现代企业制度',
    measures: '落实党委前置研究清单，规范董事会建设，外部董事占多数',
    lead: 'soe-urban',
    co: ['zj-sasac'],
    outcome: 'institution',
    due: '2025-09-30',
    fate: 'closed',
    soe: 'soe-urban',
    leader: L5,
  },
  {
    item: 7,
    title: '交通集团推行经理层成员任期制和契约化管理',
    measures: '全面签订岗位聘任协议和经营业绩责任书，刚性兑现考核结果',
    lead: 'soe-transport',
    co: ['zj-sasac'],
    outcome: 'institution',
    due: '2025-08-31',
    fate: 'closed',
    soe: 'soe-transport',
    leader: L5,
  },
  {
    item: 7,
    title: '市属国企“三重一大”决策制度全覆盖',
    measures: '重大决策、重要人事任免、重大项目安排、大额资金运作集体决策，建立决策事项清单',
    lead: 'zj-sasac',
    co: ['soe-urban', 'soe-transport'],
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    leader: L5,
  },
  {
    item: 7,
    title: '推进市属国企市场化选人用人和收入分配改革',
    measures: '推行管理人员竞争上岗、末等调整和不胜任退出，工资总额与效益联动',
    lead: 'zj-sasac',
    co: ['soe-urban', 'soe-transport'],
    outcome: 'institution',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L5,
  },
  {
    item: 7,
    title: '健全国资监管数字化平台',
    measures: '建设国资国企在线监管系统，实现财务、投资、产权实时监测',
    lead: 'zj-sasac',
    outcome: 'platform',
    due: '2025-12-31',
    fate: 'delayed',
    leader: L5,
  },
  // 一利五率
  {
    item: 8,
    title: '城建集团降低资产负债率',
    measures: '压降带息负债，盘活存量资产，控制新增债务规模',
    lead: 'soe-urban',
    co: ['zj-sasac'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    soe: 'soe-urban',
    quarterly: true,
    leader: L5,
    targets: [
      tgt('资产负债率', 68.5, 65, '%', 66.2, 'decrease', { soe_kpi: 'debtRatio' }),
      tgt('利润总额', 12000, 15000, '万元', 13600, 'increase', { soe_kpi: 'profit' }),
    ],
  },
  {
    item: 8,
    title: '交通集团提升净资产收益率和营业现金比率',
    measures: '优化业务结构，加强应收账款管理，提升经营性现金流',
    lead: 'soe-transport',
    co: ['zj-sasac'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    soe: 'soe-transport',
    quarterly: true,
    leader: L5,
    targets: [
      tgt('净资产收益率', 2.1, 3, '%', 2.6, 'increase', { soe_kpi: 'roe' }),
      tgt('营业现金比率', 8, 12, '%', 11.5, 'increase', { soe_kpi: 'operatingCashRatio' }),
    ],
  },
  {
    item: 8,
    title: '市属国企研发经费投入强度提升',
    measures: '将研发投入视同利润加回考核，设立科技创新专项资金',
    lead: 'zj-sasac',
    co: ['soe-urban', 'soe-transport', 'zj-sci'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'delayed',
    leader: L5,
    targets: [tgt('研发经费投入强度', 0.8, 1.5, '%', 1.1)],
  },
  // 重组整合
  {
    item: 9,
    title: '推进市属国企经营性资产集中统一监管',
    measures: '将市直部门所属经营性资产划入市属企业，实现集中统一监管',
    lead: 'zj-sasac',
    outcome: 'indicator',
    due: '2025-10-31',
    fate: 'extended',
    leader: L5,
    targets: [tgt('纳入集中统一监管的经营性资产比例', 85, 100, '%', 96)],
  },
  {
    item: 9,
    title: '完成城建集团与交通集团专业化整合方案',
    measures: '按主责主业开展专业化整合，压减管理层级和法人户数',
    lead: 'zj-sasac',
    co: ['soe-urban', 'soe-transport'],
    outcome: 'policy_document',
    due: '2025-12-31',
    fate: 'pending_verification',
    leader: L5,
  },

  // 科技创新
  {
    item: 10,
    title: '完善高新技术企业培育库和认定辅导机制',
    measures: '建立入库、培育、认定、壮大全链条服务，分类精准辅导',
    lead: 'zj-sci',
    co: ['jingkou', 'runzhou', 'dantu', 'danyang', 'yangzhong', 'jurong'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    key: true,
    leader: L3,
    targets: [tgt('新认定国家高新技术企业', 0, 550, '家', 560)],
  },
  {
    item: 10,
    title: '建立专精特新企业梯度培育体系',
    measures: '实施创新型中小企业—专精特新—小巨人梯度培育，配套奖补政策',
    lead: 'zj-miit',
    co: ['zj-sci'],
    outcome: 'institution',
    due: '2025-09-30',
    fate: 'closed',
    leader: L3,
    targets: [tgt('省级以上专精特新企业新增', 0, 180, '家', 197)],
  },
  {
    item: 10,
    title: '出台瞪羚、独角兽企业培育专项政策',
    measures: '遴选高成长企业入库，给予研发、融资、人才等定制化支持',
    lead: 'zj-sci',
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    leader: L3,
  },
  {
    item: 10,
    title: '推行科技型中小企业评价入库“免申即享”',
    measures: '依托数据共享自动识别符合条件企业，政策兑现免申即享',
    lead: 'zj-hitech',
    co: ['zj-sci'],
    outcome: 'pilot',
    due: '2025-11-30',
    fate: 'delayed',
    first: true,
    leader: L3,
  },
  // 成果转化
  {
    item: 11,
    title: '建立高校院所科技成果转化“先使用后付费”机制',
    measures: '推动江苏大学等高校专利向中小企业先行许可使用',
    lead: 'zj-sci',
    co: ['zj-miit'],
    outcome: 'pilot',
    due: '2025-10-31',
    fate: 'closed',
    replicated: true,
    leader: L3,
    targets: [tgt('“先使用后付费”许可专利数', 0, 100, '件', 128)],
  },
  {
    item: 11,
    title: '建设产业技术研究院和概念验证中心',
    measures: '围绕重点产业链建设新型研发机构，提供概念验证、中试熟化服务',
    lead: 'zj-hitech',
    co: ['zj-sci'],
    outcome: 'platform',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L3,
  },
  {
    item: 11,
    title: '推行科技计划项目“揭榜挂帅”',
    measures: '由企业出题、政府立题、人才解题，按绩效兑付',
    lead: 'zj-sci',
    outcome: 'institution',
    due: '2025-08-31',
    fate: 'closed',
    leader: L3,
  },
  // 科技金融
  {
    item: 12,
    title: '设立市级科技创新母基金',
    measures: '市级财政出资引导，撬动社会资本投早投小投科技',
    lead: 'zj-sci',
    co: ['zj-sasac'],
    outcome: 'institution',
    due: '2025-09-30',
    fate: 'extended',
    leader: L3,
    targets: [tgt('母基金认缴规模', 0, 20, '亿元', 15)],
  },
  {
    item: 12,
    title: '推广“苏科贷”和知识产权质押融资',
    measures: '扩大风险补偿资金池，提高科技型中小企业首贷率',
    lead: 'zj-sci',
    co: ['danyang', 'jurong'],
    outcome: 'indicator',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L3,
    targets: [tgt('知识产权质押融资金额', 20, 30, '亿元', 27.5)],
  },

  // 招商体制机制
  {
    item: 13,
    title: '组建产业链招引专班并建立运行规则',
    measures: '按产业链组建招引专班，明确链长、链主企业和专班成员职责',
    lead: 'zj-commerce',
    co: ['zj-miit', 'zj-drc'],
    outcome: 'institution',
    due: '2025-03-31',
    fate: 'closed',
    first: true,
    leader: L4,
  },
  {
    item: 13,
    title: '编制重点产业链招商图谱和目标企业清单',
    measures: '围绕高端装备、新材料、数字经济等产业链绘制招商图谱，锁定目标企业',
    lead: 'zj-commerce',
    co: ['zj-miit', 'zj-sci'],
    outcome: 'policy_document',
    due: '2025-06-30',
    fate: 'closed',
    leader: L4,
    targets: [tgt('目标企业清单数', 0, 300, '家', 342)],
  },
  {
    item: 13,
    title: '组建科技型龙头企业赋能专班',
    measures: '围绕龙头企业上下游开展以商招商、以链招商',
    lead: 'zj-sci',
    co: ['zj-commerce'],
    outcome: 'institution',
    due: '2025-09-30',
    fate: 'closed',
    leader: L3,
  },
  // 信息流转
  {
    item: 14,
    title: '建立招商项目信息流转和首谈报备制度',
    measures: '项目信息统一登记、按产业和选址流转，首谈单位报备，限时签收',
    lead: 'zj-commerce',
    co: ['zj-etdz', 'zj-hitech'],
    outcome: 'institution',
    due: '2025-06-30',
    fate: 'closed',
    key: true,
    first: true,
    leader: L4,
  },
  {
    item: 14,
    title: '上线招商项目信息流转平台',
    measures: '建设全市统一的项目信息流转系统，信息流转全程留痕',
    lead: 'zj-commerce',
    outcome: 'platform',
    due: '2025-10-31',
    fate: 'delayed',
    leader: L4,
    targets: [tgt('通过平台流转的项目信息', 0, 200, '条', 148)],
  },
  {
    item: 14,
    title: '建立跨县区项目利益共享机制',
    measures: '对跨区流转落地项目按约定分享统计和税收',
    lead: 'zj-drc',
    co: ['zj-commerce', 'jingkou', 'danyang'],
    outcome: 'policy_document',
    due: '2025-12-31',
    fate: 'adjusted',
    leader: L4,
  },
  // 后评价
  {
    item: 15,
    title: '制定重大项目后评价办法',
    measures: '对投产项目开展投资、产出、税收、就业等履约评价，实行 A/B/C/D 分级',
    lead: 'zj-drc',
    co: ['zj-commerce', 'zj-miit'],
    outcome: 'policy_document',
    due: '2025-09-30',
    fate: 'closed',
    first: true,
    leader: L2,
  },
  {
    item: 15,
    title: '开展首批投产项目后评价试点',
    measures: '选取 2022 年前投产的亿元以上项目开展后评价，结果运用于招商考核',
    lead: 'zj-drc',
    co: ['zj-etdz', 'dantu'],
    outcome: 'pilot',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L2,
    targets: [tgt('完成后评价项目数', 0, 30, '个', 24)],
  },
  // 考核激励
  {
    item: 16,
    title: '修订招商引资考核办法',
    measures: '突出签约项目质量和落地转化，实行“签约—开工—投产”全链条考核',
    lead: 'zj-commerce',
    co: ['zj-drc'],
    outcome: 'policy_document',
    due: '2025-04-30',
    fate: 'closed',
    leader: L4,
  },
  {
    item: 16,
    title: '建立招商人员激励和容错纠错机制',
    measures: '对招商一线人员实行绩效激励，明确容错情形',
    lead: 'zj-commerce',
    co: ['zj-reform'],
    outcome: 'institution',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L4,
  },
  {
    item: 16,
    title: '丹阳市推行“链长+链主”协同招商',
    measures: '眼镜、汽车零部件产业链实行链长、链主企业协同招商',
    lead: 'danyang',
    co: ['zj-commerce'],
    outcome: 'experience',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L4,
  },
  {
    item: 16,
    title: '京口区建立楼宇招商服务机制',
    measures: '建立重点楼宇招商专员和“楼长制”，提升楼宇经济贡献',
    lead: 'jingkou',
    co: ['zj-commerce'],
    outcome: 'institution',
    due: '2025-11-30',
    fate: 'on_track',
    leader: L4,
  },
  {
    item: 16,
    title: '句容市建立文旅项目招引专班',
    measures: '围绕茅山、宝华山文旅资源组建招引专班',
    lead: 'jurong',
    outcome: 'institution',
    due: '2025-12-31',
    fate: 'delayed',
    leader: L4,
  },
  {
    item: 3,
    title: '扬中市开发园区管理体制改革试点',
    measures: '扬中经开区、高新区实行“一套班子、两块牌子”扁平化管理',
    lead: 'yangzhong',
    co: ['zj-drc'],
    outcome: 'pilot',
    due: '2025-12-31',
    fate: 'on_track',
    leader: L2,
  },
  {
    item: 2,
    title: '镇江新区推进“工业上楼”试点',
    measures: '在新区建设一批高标准厂房，吸引中小企业入驻',
    lead: 'zj-etdz',
    outcome: 'pilot',
    due: '2026-06-30',
    fate: 'on_track',
    leader: L1,
  },
  {
    item: 12,
    title: '探索科技保险和知识产权证券化',
    measures: '开展首台（套）重大技术装备保险、知识产权证券化试点',
    lead: 'zj-sci',
    outcome: 'pilot',
    due: '2026-12-31',
    start: '2026-01-01',
    fate: 'not_started',
    leader: L3,
  },
  {
    item: 7,
    title: '市属国企混合所有制改革试点',
    measures: '选择竞争类子企业引入战略投资者，开展员工持股试点',
    lead: 'zj-sasac',
    co: ['soe-urban'],
    outcome: 'pilot',
    due: '2026-12-31',
    start: '2026-01-01',
    fate: 'not_started',
    leader: L5,
  },
];

const MILESTONE_TEMPLATES: Record<Outcome, string[]> = {
  policy_document: ['开展调研，形成工作方案', '起草文件并征求意见', '提请审议并正式印发', '组织宣贯和落实'],
  institution: ['制定工作方案', '建立制度框架并试运行', '完善配套制度', '形成长效机制'],
  platform: ['完成需求分析和建设方案', '系统开发和联调测试', '上线试运行', '正式运行并评估'],
  pilot: ['确定试点范围和方案', '启动试点', '中期评估和完善', '总结试点经验'],
  experience: ['梳理经验做法', '形成典型案例', '复制推广'],
  indicator: ['分解年度目标', '完成上半年目标', '完成三季度目标', '完成全年目标'],
};

// ── evidence PDFs ───────────────────────────────────────────────────────────────────────────────

/** A small real one-page PDF (Helvetica, ASCII lines). */
export function demoPdf(lines: string[]): Buffer {
  const esc = (s: string) => s.replace(/[\\()]/g, (c) => `\\${c}`);
  const content = [
    'BT',
    '/F1 13 Tf',
    '72 770 Td',
    ...lines.map((l, i) => `${i ? '0 -20 Td ' : ''}(${esc(l)}) Tj`),
    'ET',
  ].join('\n');
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
    `<< /Length ${Buffer.byteLength(content, 'latin1')} >>\nstream\n${content}\nendstream`,
  ];
  let out = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(Buffer.byteLength(out, 'latin1'));
    out += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  out += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}

const evidenceLines = (key: string) => {
  const [code, period, kind] = key.split('|');
  return [
    'Zhenjiang reform task ledger - evidence (demo)',
    `Task: ${code}`,
    `Period: ${period}`,
    `Document: ${kind}`,
    'Issued for the Gongjian demo city; not an official document.',
  ];
};

/**
 * Writes the demo evidence files into DATA_DIR/attachments (content-addressed) when they are missing: the demo
 * seed records the attachments (note 'demo:<key>'); the server writes the bytes on start.
 */
export async function writeDemoEvidenceFiles(db: Db, dataDir: string): Promise<number> {
  let rows: Array<{ sha256: string; note: string | null }>;
  try {
    rows = await db
      .selectFrom('attachments')
      .select(['sha256', 'note'])
      .where('entity', 'in', ['reform_report', 'reform_milestone', 'reform_task'])
      .where('note', 'like', 'demo:%')
      .execute();
  } catch {
    return 0; // not migrated yet
  }
  let written = 0;
  for (const r of rows) {
    const file = blobPath(dataDir, r.sha256);
    if (fs.existsSync(file)) continue;
    const pdf = demoPdf(evidenceLines(r.note!.slice(5)));
    if (createHash('sha256').update(pdf).digest('hex') !== r.sha256) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, pdf, { mode: 0o600 });
    written++;
  }
  return written;
}

// ── the seed ────────────────────────────────────────────────────────────────────────────────────

function soeCode(seed: string) {
  // 91 (enterprise) + 321100 + a 9-character body derived from the name + the GB 32100 check character
  const body = createHash('sha256')
    .update(seed)
    .digest('hex')
    .replace(/[a-f]/g, (c) => String('abcdef'.indexOf(c)))
    .slice(0, 8);
  const first17 = `91321100${body}X`;
  return first17 + creditCodeCheckChar(first17);
}

export async function seedDemo(ctx: DemoContext): Promise<void> {
  const db = ctx.db;
  counter = 0;
  const rnd = mulberry32(20250101);
  const pick = <X>(xs: X[]) => xs[Math.floor(rnd() * xs.length)]!;
  const unit = (code: string) => ctx.unitIds.get(code)!;
  const units = new Map((await repo.allUnits(db)).map((u) => [u.id, u]));
  const userOfUnit = new Map<string, string>();
  for (const [username, code] of [
    ['drc', 'zj-drc'],
    ['commerce', 'zj-commerce'],
    ['sci', 'zj-sci'],
    ['miit', 'zj-miit'],
    ['sasac', 'zj-sasac'],
    ['jingkou', 'jingkou'],
    ['runzhou', 'runzhou'],
    ['danyang', 'danyang'],
    ['xinqu', 'zj-etdz'],
    ['reform', 'zj-reform'],
  ] as const)
    if (ctx.userIds.get(username) && ctx.unitIds.get(code))
      userOfUnit.set(unit(code), ctx.userIds.get(username)!);
  const reformUser = ctx.userIds.get('reform') ?? null;
  const office: Actor = { ...systemActor('改革办 王芳'), userId: reformUser };
  const seedActor = systemActor('demo-seed');
  const created = at('2025-01-06', 9);

  // SOE groups: the registry's record when the enterprise module has one, else a valid generated code
  const soeCredit = new Map<string, string>();
  for (const code of ['soe-urban', 'soe-transport']) {
    let credit: string | null = null;
    try {
      const e = await db
        .selectFrom('enterprises')
        .select('credit_code')
        .where('org_unit_id', '=', unit(code))
        .executeTakeFirst();
      credit = e?.credit_code ?? null;
    } catch {
      credit = null;
    }
    soeCredit.set(code, credit ?? soeCode(code));
  }
  let hqProject: string | null = null;
  try {
    hqProject =
      (await db.selectFrom('projects').select('id').where('name', 'like', '哈电%').executeTakeFirst())?.id ??
      null;
  } catch {
    hqProject = null;
  }

  // areas and items
  const areas: ReformAreaTable[] = AREAS.map((a, i) => ({
    id: fid(),
    code: a.code,
    name: a.name,
    sort: i + 1,
    region_code: '321100',
    version: 1,
    created_at: created,
    updated_at: created,
  }));
  const items: ReformItemTable[] = ITEMS.map((it, i) => ({
    id: fid(),
    area_id: areas[it.area]!.id,
    code: `${AREAS[it.area]!.code}-${String(i + 1).padStart(2, '0')}`,
    title: it.title,
    sort: i + 1,
    region_code: '321100',
    version: 1,
    created_at: created,
    updated_at: created,
  }));

  const tasks: ReformTaskTable[] = [];
  const taskUnits: Array<{ task_id: string; unit_id: string }> = [];
  const milestones: ReformMilestoneTable[] = [];
  const targets: ReformTargetTable[] = [];
  const reports: ReformReportTable[] = [];
  const contributions: ReformContributionTable[] = [];
  const extensions: ReformExtensionTable[] = [];
  const events: ReformEventTable[] = [];
  const attachments: AttachmentTable[] = [];
  const blockers: Array<{
    task: ReformTaskTable;
    title: string;
    category: string;
    dueOn: string;
    at: string;
    report?: ReformReportTable;
  }> = [];
  const cadence = { monthlyDueDay: 25, quarterlyDueDay: 25, weeklyDueWeekday: 5 };
  const ev = (
    e: Omit<
      ReformEventTable,
      'id' | 'actor_id' | 'actor_name' | 'payload' | 'comment' | 'from_status' | 'to_status'
    > &
      Partial<ReformEventTable>,
    by: string | null,
  ) =>
    events.push({
      id: fid(),
      from_status: null,
      to_status: null,
      comment: null,
      payload: null,
      actor_id: by,
      actor_name: by === reformUser ? '改革办 王芳' : null,
      ...e,
    });
  const evidence = (
    entity: string,
    entityId: string,
    key: string,
    name: string,
    docType: string,
    when: string,
    by: string | null,
    region: string,
  ) => {
    const pdf = demoPdf(evidenceLines(key));
    attachments.push({
      id: fid(),
      sha256: createHash('sha256').update(pdf).digest('hex'),
      size: pdf.length,
      mime: 'application/pdf',
      original_name: name,
      entity,
      entity_id: entityId,
      doc_type: docType,
      note: `demo:${key}`,
      region_code: region,
      uploaded_by: by,
      uploaded_at: when,
    });
  };

  TASKS.forEach((spec, idx) => {
    const id = fid();
    const area = areas[ITEMS[spec.item]!.area]!;
    const item = items[spec.item]!;
    const leadId = unit(spec.lead);
    const lead = units.get(leadId)!;
    const code = `ZJGG-2025-${String(idx + 1).padStart(3, '0')}`;
    const startOn = spec.start ?? (idx % 7 === 3 ? '2025-02-01' : '2025-01-01');
    const cad = spec.key ? 'weekly' : spec.quarterly ? 'quarterly' : 'monthly';
    const by = userOfUnit.get(leadId) ?? null;
    const region = lead.region_code;
    const task: ReformTaskTable = {
      id,
      code,
      area_id: area.id,
      item_id: item.id,
      title: spec.title,
      measures: spec.measures,
      source_doc: pick(['镇发〔2025〕3号', '镇办发〔2025〕12号', '市委深改委2025年工作要点']),
      source_meeting: pick([
        '市委深改委第十二次会议',
        '市委全面深化改革委员会第十三次会议',
        '市政府常务会议',
      ]),
      lead_leader: spec.leader ?? null,
      lead_unit_id: leadId,
      contacts: JSON.stringify([
        {
          name: pick(['张明', '李华', '王静', '赵刚', '陈洁', '刘伟', '周婷', '孙浩']),
          role: '联络员',
          phone: `0511-8${String(1000000 + idx * 7919).slice(1)}`,
        },
      ]),
      outcome_form: spec.outcome,
      outcome_note: null,
      start_on: startOn,
      due_on: spec.due,
      original_due_on: null,
      cadence: cad,
      is_key: spec.key ? 1 : 0,
      is_first: spec.first ? 1 : 0,
      is_replicated: spec.replicated ? 1 : 0,
      status: 'not_started',
      progress_pct: 0,
      progress_note: null,
      problems_note: null,
      next_steps_note: null,
      last_report_period: null,
      soe_credit_code: spec.soe ? soeCredit.get(spec.soe)! : null,
      linked_project_ids: JSON.stringify(spec.project && hqProject ? [hqProject] : []),
      linked_enterprise_codes: JSON.stringify(spec.soe ? [soeCredit.get(spec.soe)!] : []),
      done_on: null,
      completion_report_id: null,
      closed_at: null,
      closed_by: null,
      region_code: region,
      created_by: reformUser,
      version: 1,
      created_at: created,
      updated_at: created,
    };
    tasks.push(task);
    for (const c of spec.co ?? []) taskUnits.push({ task_id: id, unit_id: unit(c) });
    ev(
      { task_id: id, entity: 'task', entity_id: id, kind: 'status', to_status: 'not_started', at: created },
      reformUser,
    );
    (spec.targets ?? []).forEach((t, i) =>
      targets.push({ id: fid(), task_id: id, seq: i + 1, region_code: region, indicator_params: null, ...t }),
    );

    // milestones: spread between the start and the deadline
    const names = MILESTONE_TEMPLATES[spec.outcome];
    const n = Math.min(
      names.length,
      spec.fate === 'closed' && Date.parse(spec.due) - Date.parse(startOn) < 200 * 86400_000
        ? 3
        : names.length,
    );
    const span = (Date.parse(spec.due) - Date.parse(startOn)) / 86400_000;
    const ms: ReformMilestoneTable[] = [];
    for (let i = 0; i < n; i++) {
      const dueOn = i === n - 1 ? spec.due : addDays(startOn, Math.round((span * (i + 1)) / n));
      ms.push({
        id: fid(),
        task_id: id,
        seq: i + 1,
        title: names[i]!,
        deliverable:
          i === n - 1
            ? {
                policy_document: '正式印发的文件',
                institution: '制度文件和运行记录',
                platform: '平台上线运行截图和运行报告',
                pilot: '试点总结报告',
                experience: '经验材料和推广文件',
                indicator: '指标统计数据',
              }[spec.outcome]
            : null,
        due_on: dueOn,
        original_due_on: null,
        status: 'pending',
        done_on: null,
        done_note: null,
        evidence_report_id: null,
        closed_at: null,
        closed_by: null,
        region_code: region,
        version: 1,
        created_at: created,
        updated_at: created,
      });
    }

    // what happened to each milestone (done date, tentative verification date) up to the demo "now"
    const lastIdx = ms.length - 1;
    const late =
      spec.fate === 'delayed' ? ms.findIndex((m) => m.due_on < DEMO_NOW && m.due_on >= '2025-06-01') : -1;
    const stuck = late >= 0 ? late : spec.fate === 'delayed' ? ms.findIndex((m) => m.due_on <= DEMO_NOW) : -1;
    ms.forEach((m, i) => {
      if (spec.fate === 'not_started') return;
      const final = i === lastIdx;
      if (spec.fate === 'extended' && final) {
        // the last milestone (and the deadline) were extended into 2026 on an approved request
        const to = '2026-03-31';
        const asked = addDays(spec.due, -20);
        const decided = addDays(spec.due, -12);
        extensions.push({
          id: fid(),
          task_id: id,
          milestone_id: null,
          kind: 'extension',
          reason: '涉及跨部门数据对接和上级审批，原定时限内难以完成',
          change_note: null,
          current_due_on: spec.due,
          requested_due_on: to,
          status: 'approved',
          requested_by: by,
          requested_by_name: null,
          requested_at: at(asked, 15),
          decided_by: reformUser,
          decided_at: at(decided, 11),
          decision_comment: '同意延期，请按新时限抓紧推进',
          region_code: region,
          version: 2,
          created_at: at(asked, 15),
          updated_at: at(decided, 11),
        });
        ev(
          {
            task_id: id,
            entity: 'extension',
            entity_id: extensions[extensions.length - 1]!.id,
            kind: 'extension_approved',
            from_status: 'pending',
            to_status: 'approved',
            comment: '同意延期，请按新时限抓紧推进',
            at: at(decided, 11),
          },
          reformUser,
        );
        task.original_due_on = spec.due;
        task.due_on = to;
        m.original_due_on = m.due_on;
        m.due_on = to;
        return;
      }
      if (m.due_on > DEMO_NOW) return;
      if (i === stuck) return; // overdue and still pending
      if (spec.fate === 'delayed' && stuck >= 0 && i > stuck) return;
      const slip = rnd() < 0.15 ? Math.floor(rnd() * 8) + 1 : -Math.floor(rnd() * 6);
      const done = min(addDays(m.due_on, slip), DEMO_NOW);
      m.done_on = done < startOn ? startOn : done;
      if (
        (spec.fate === 'pending_verification' && final) ||
        (m.done_on >= '2025-12-20' && spec.fate !== 'closed')
      ) {
        m.status = 'done_pending_verification';
        return;
      }
      m.status = 'closed';
      m.closed_at = at(min(addDays(m.done_on, 3 + Math.floor(rnd() * 6)), DEMO_NOW), 16);
      m.closed_by = reformUser;
    });
    milestones.push(...ms);
    const lastDone =
      spec.fate === 'closed' || spec.fate === 'pending_verification'
        ? (ms
            .map((m) => m.done_on)
            .filter((d): d is string => Boolean(d))
            .sort()
            .pop() ?? null)
        : null;

    // reports for every expected period up to the completion report or the demo "now"
    if (spec.fate === 'not_started') return;
    const periods: PeriodInfo[] = expectedPeriods(
      { cadence: cad, startOn, closedOn: null },
      startOn,
      DEMO_NOW,
      cadence,
    );
    const totalDays = Math.max(
      1,
      (Date.parse(min(lastDone ?? task.due_on, '2026-12-31')) - Date.parse(startOn)) / 86400_000,
    );
    const reportOf = new Map<string, ReformReportTable>();
    let completionReport: ReformReportTable | null = null;
    for (const [pi, p] of periods.entries()) {
      if (completionReport) break; // a finished task stops reporting
      const lastPeriod = pi === periods.length - 1;
      const openTask = spec.fate !== 'closed';
      const roll = rnd();
      if (lastPeriod && openTask && p.dueOn >= '2025-12-20' && roll < 0.15) continue; // not filed yet
      const lateBy = rnd() < 0.1 ? 1 + Math.floor(rnd() * 6) : 0;
      const filedOn = lateBy
        ? addDays(p.dueOn, lateBy)
        : max(addDays(p.dueOn, -Math.floor(rnd() * 4)), startOn);
      if (filedOn > DEMO_NOW) continue;
      const doneHere = ms.filter((m) => m.done_on && m.done_on <= filedOn && !reportOf.has(m.id));
      const finishing =
        lastDone !== null && filedOn >= lastDone && ms.every((m) => !m.done_on || m.done_on <= filedOn);
      const elapsed = (Date.parse(min(p.endOn, task.due_on)) - Date.parse(startOn)) / 86400_000;
      const pct = finishing
        ? 100
        : Math.min(spec.fate === 'delayed' ? 85 : 95, Math.max(5, Math.round((100 * elapsed) / totalDays)));
      let status: ReformReportTable['status'] = 'accepted';
      if (lastPeriod && openTask && p.dueOn >= '2025-12-20')
        status = roll < 0.25 ? 'returned' : roll < 0.7 ? 'submitted' : 'accepted';
      else if (lastPeriod && openTask && roll < 0.4) status = 'submitted';
      const resubmitted = status === 'accepted' && rnd() < 0.06;
      const firstAt = at(filedOn, 15, Math.floor(rnd() * 59));
      const r: ReformReportTable = {
        id: fid(),
        task_id: id,
        period: p.period,
        period_kind: p.kind,
        due_on: p.dueOn,
        status,
        progress_pct: pct,
        progress: doneHere.length
          ? `${p.period} 完成“${doneHere.map((m) => m.title).join('、')}”。“${spec.title}”总体进度约 ${pct}%。`
          : `${p.period} 按计划推进“${spec.title}”，${pick(['召开专题推进会', '开展实地调研', '与相关部门会商', '组织业务培训', '梳理问题清单并逐项销号'])}，总体进度约 ${pct}%。`,
        outcomes: doneHere.length ? doneHere.map((m) => m.deliverable ?? m.title).join('；') : null,
        problems:
          spec.fate === 'delayed' && pi >= periods.length - 3
            ? pick(['跨部门数据共享尚未打通', '配套资金未落实', '上级审批时间较长', '部分企业配合度不高'])
            : null,
        next_steps: lastPeriod ? '对照时间节点抓紧推进，确保按期完成' : '继续按计划推进',
        draft_blockers: '[]',
        blocker_ids: '[]',
        completed_milestone_ids: JSON.stringify(doneHere.map((m) => m.id)),
        task_completed: finishing ? 1 : 0,
        first_submitted_at: firstAt,
        submitted_at: at(resubmitted ? min(addDays(filedOn, 3), DEMO_NOW) : filedOn, 15),
        submitted_by: by,
        submit_count: resubmitted ? 2 : 1,
        returned_at: status === 'returned' || resubmitted ? at(min(addDays(filedOn, 1), DEMO_NOW), 10) : null,
        returned_by: status === 'returned' || resubmitted ? reformUser : null,
        return_comment:
          status === 'returned'
            ? '进展表述过于笼统，请补充量化数据和佐证材料'
            : resubmitted
              ? '请补充会议纪要'
              : null,
        accepted_at:
          status === 'accepted' ? at(min(addDays(filedOn, resubmitted ? 5 : 3), DEMO_NOW), 17) : null,
        accepted_by: status === 'accepted' ? reformUser : null,
        region_code: region,
        created_by: by,
        version: 1,
        created_at: at(max(addDays(filedOn, -1), startOn), 9),
        updated_at: at(filedOn, 15),
      };
      reports.push(r);
      for (const m of doneHere) {
        reportOf.set(m.id, r);
        m.evidence_report_id = r.id;
        evidence(
          'reform_report',
          r.id,
          `${code}|${p.period}|${m.seq}`,
          `${m.title}-佐证材料.pdf`,
          m.seq === ms.length ? 'policy_document' : 'evidence',
          firstAt,
          by,
          region,
        );
        ev(
          {
            task_id: id,
            entity: 'milestone',
            entity_id: m.id,
            kind: 'milestone_done',
            from_status: 'pending',
            to_status: 'done_pending_verification',
            at: firstAt,
          },
          by,
        );
      }
      if (pi % 3 === 2 && !doneHere.length)
        evidence(
          'reform_report',
          r.id,
          `${code}|${p.period}|minutes`,
          `${p.period}推进会会议纪要.pdf`,
          'minutes',
          firstAt,
          by,
          region,
        );
      ev(
        {
          task_id: id,
          entity: 'report',
          entity_id: r.id,
          kind: 'report_submitted',
          from_status: 'draft',
          to_status: 'submitted',
          at: firstAt,
        },
        by,
      );
      if (resubmitted || status === 'returned')
        ev(
          {
            task_id: id,
            entity: 'report',
            entity_id: r.id,
            kind: 'report_returned',
            from_status: 'submitted',
            to_status: 'returned',
            comment: r.return_comment,
            at: r.returned_at!,
          },
          reformUser,
        );
      if (resubmitted)
        ev(
          {
            task_id: id,
            entity: 'report',
            entity_id: r.id,
            kind: 'report_resubmitted',
            from_status: 'returned',
            to_status: 'resubmitted',
            at: r.submitted_at!,
          },
          by,
        );
      if (status === 'accepted')
        ev(
          {
            task_id: id,
            entity: 'report',
            entity_id: r.id,
            kind: 'report_accepted',
            from_status: resubmitted ? 'resubmitted' : 'submitted',
            to_status: 'accepted',
            at: r.accepted_at!,
          },
          reformUser,
        );
      if (task.status === 'not_started') {
        task.status = 'in_progress';
        ev(
          {
            task_id: id,
            entity: 'task',
            entity_id: id,
            kind: 'status',
            from_status: 'not_started',
            to_status: 'in_progress',
            at: firstAt,
          },
          by,
        );
      }
      if (status !== 'returned') {
        task.progress_pct = pct;
        task.progress_note = r.progress;
        task.problems_note = r.problems;
        task.next_steps_note = r.next_steps;
        task.last_report_period = p.period;
      }
      if (finishing) completionReport = r;
      // co-units: their part of the last three months
      if (p.dueOn >= '2025-10-01' && p.kind !== 'weekly')
        for (const c of spec.co ?? [])
          contributions.push({
            id: fid(),
            task_id: id,
            period: p.period,
            unit_id: unit(c),
            status: 'submitted',
            content: `${units.get(unit(c))!.short_name ?? units.get(unit(c))!.name}配合完成${pick(['数据报送', '材料审核', '现场核查', '政策衔接', '意见反馈'])}工作。`,
            outcomes: null,
            submitted_at: at(addDays(p.dueOn, -3), 10),
            submitted_by: userOfUnit.get(unit(c)) ?? null,
            region_code: region,
            version: 1,
            created_at: at(addDays(p.dueOn, -4), 10),
            updated_at: at(addDays(p.dueOn, -3), 10),
          });
    }

    // verification of milestones: after the report carrying their evidence (or with evidence on the milestone)
    for (const m of ms) {
      if (m.status === 'pending') continue;
      const r = reportOf.get(m.id);
      if (!r) {
        m.evidence_report_id = null;
        evidence(
          'reform_milestone',
          m.id,
          `${code}|${m.done_on}|${m.seq}`,
          `${m.title}-佐证材料.pdf`,
          'evidence',
          at(m.done_on!, 17),
          by,
          region,
        );
        ev(
          {
            task_id: id,
            entity: 'milestone',
            entity_id: m.id,
            kind: 'milestone_done',
            from_status: 'pending',
            to_status: 'done_pending_verification',
            at: at(m.done_on!, 17),
          },
          by,
        );
      }
      if (m.status !== 'closed') continue;
      const filed = r ? r.first_submitted_at!.slice(0, 10) : m.done_on!;
      const closedOn = max(m.closed_at!.slice(0, 10), addDays(filed, 2));
      if (closedOn > DEMO_NOW || (r && r.status === 'returned')) {
        m.status = 'done_pending_verification';
        m.closed_at = null;
        m.closed_by = null;
        continue;
      }
      m.closed_at = at(closedOn, 16);
      ev(
        {
          task_id: id,
          entity: 'milestone',
          entity_id: m.id,
          kind: 'milestone_verified',
          from_status: 'done_pending_verification',
          to_status: 'closed',
          comment: '佐证材料齐全，同意销号',
          at: m.closed_at,
        },
        reformUser,
      );
    }
    // one milestone was returned once at verification before it was closed (its evidence was incomplete)
    if (spec.fate === 'on_track' && idx % 3 === 0) {
      const m = ms.find((x) => x.status === 'closed');
      if (m)
        ev(
          {
            task_id: id,
            entity: 'milestone',
            entity_id: m.id,
            kind: 'milestone_returned',
            from_status: 'done_pending_verification',
            to_status: 'pending',
            comment: '佐证材料不完整，请补充正式印发文件',
            at: at(addDays(m.done_on!, 1), 11),
          },
          reformUser,
        );
    }

    // completion and closure of the task
    const cr = completionReport as ReformReportTable | null;
    if (cr && lastDone) {
      task.done_on = lastDone;
      task.completion_report_id = cr.id;
      evidence(
        'reform_task',
        id,
        `${code}|final|completion`,
        `${spec.title}-完成情况报告.pdf`,
        'completion',
        cr.first_submitted_at!,
        by,
        region,
      );
      ev(
        {
          task_id: id,
          entity: 'task',
          entity_id: id,
          kind: 'status',
          from_status: 'in_progress',
          to_status: 'done_pending_verification',
          at: cr.first_submitted_at!,
        },
        by,
      );
      const closeOn = addDays(cr.first_submitted_at!.slice(0, 10), 4);
      const allClosed = ms.every((m) => m.status === 'closed' && m.closed_at! <= at(closeOn, 17));
      if (spec.fate === 'closed' && allClosed && closeOn <= DEMO_NOW && cr.status === 'accepted') {
        task.status = 'closed';
        task.closed_at = at(closeOn, 17);
        task.closed_by = reformUser;
        task.progress_pct = 100;
        ev(
          {
            task_id: id,
            entity: 'task',
            entity_id: id,
            kind: 'status',
            from_status: 'done_pending_verification',
            to_status: 'closed',
            comment: '佐证材料齐全，同意销号',
            at: task.closed_at,
          },
          reformUser,
        );
      } else task.status = 'done_pending_verification';
    } else if (spec.fate === 'pending_verification' && lastDone) {
      // declared done on the task page (no report since): awaiting verification
      ev(
        {
          task_id: id,
          entity: 'task',
          entity_id: id,
          kind: 'status',
          from_status: task.status,
          to_status: 'done_pending_verification',
          at: at(lastDone, 17),
        },
        by,
      );
      task.done_on = lastDone;
      task.status = 'done_pending_verification';
      evidence(
        'reform_task',
        id,
        `${code}|final|completion`,
        `${spec.title}-完成情况报告.pdf`,
        'completion',
        at(lastDone, 17),
        by,
        region,
      );
    }
    if (spec.fate === 'adjusted') {
      extensions.push({
        id: fid(),
        task_id: id,
        milestone_id: null,
        kind: 'adjustment',
        reason: '上级政策调整，任务内容需相应调整',
        change_note: '将试点范围由全市调整为两个县区，其余地区 2026 年推开',
        current_due_on: task.due_on,
        requested_due_on: null,
        status: 'approved',
        requested_by: by,
        requested_by_name: null,
        requested_at: at('2025-08-12', 15),
        decided_by: reformUser,
        decided_at: at('2025-08-20', 11),
        decision_comment: '同意调整',
        region_code: region,
        version: 2,
        created_at: at('2025-08-12', 15),
        updated_at: at('2025-08-20', 11),
      });
      task.status = 'adjusted';
      ev(
        {
          task_id: id,
          entity: 'task',
          entity_id: id,
          kind: 'status',
          from_status: 'in_progress',
          to_status: 'adjusted',
          comment: '同意调整',
          at: at('2025-08-20', 11),
        },
        reformUser,
      );
    }
    if (spec.fate === 'delayed' && stuck >= 0) {
      const m = ms[stuck]!;
      const lastReport = reports.filter((r) => r.task_id === id).pop();
      blockers.push({
        task,
        title: `${m.title}滞后：${pick(['跨部门数据共享未打通', '配套资金缺口待协调', '上级审批尚未批复', '用地指标待落实'])}`,
        category: pick(['funding', 'approval', 'land', 'other']),
        dueOn: addDays(m.due_on, 45),
        at: at(addDays(m.due_on, 5), 14),
        report: lastReport,
      });
      if (idx % 2 === 0)
        extensions.push({
          id: fid(),
          task_id: id,
          milestone_id: m.id,
          kind: 'extension',
          reason: '受上级审批进度影响，申请节点延期',
          change_note: null,
          current_due_on: m.due_on,
          requested_due_on: min(
            addDays(m.due_on, 60),
            task.due_on > m.due_on ? task.due_on : addDays(m.due_on, 1),
          ),
          status: idx % 4 === 0 ? 'pending' : 'rejected',
          requested_by: by,
          requested_by_name: null,
          requested_at: at(addDays(m.due_on, 3), 15),
          decided_by: idx % 4 === 0 ? null : reformUser,
          decided_at: idx % 4 === 0 ? null : at(addDays(m.due_on, 8), 11),
          decision_comment: idx % 4 === 0 ? null : '理由不充分，请加快推进',
          region_code: region,
          version: idx % 4 === 0 ? 1 : 2,
          created_at: at(addDays(m.due_on, 3), 15),
          updated_at: at(addDays(m.due_on, 8), 11),
        });
    }
    if (task.status === 'not_started' && reports.some((r) => r.task_id === id)) task.status = 'in_progress';
  });

  // 督察 findings and the rule set
  const byTitle = (title: string) => tasks.find((x) => x.title === title)!;
  const findings: ReformFindingTable[] = [
    ['盘活低效工业用地', '2025-04-18', '盘活低效用地台账与实际不符', 3],
    ['建立企业诉求“一站式”受理平台', '2025-07-09', '企业诉求平台建设进度滞后于序时', 2],
    ['市属国企研发经费投入强度提升', '2025-09-12', '研发投入统计口径不一致', 2],
    ['上线招商项目信息流转平台', '2025-10-22', '信息流转平台试运行数据不完整', 2],
    ['开展批而未供和闲置土地专项处置', '2025-11-06', '闲置土地处置未按期销号', 3],
    [null, '2025-06-20', '改革进展报送多次逾期', 2, 'jurong'],
    [null, '2025-11-14', '督察反馈问题整改不到位', 1.5, 'dantu'],
  ].map(([n, on, title, points, unitCode]) => {
    const t = n ? byTitle(n as string) : null;
    return {
      id: fid(),
      task_id: t?.id ?? null,
      unit_id: t ? t.lead_unit_id : unit(unitCode as string),
      found_on: on as string,
      title: title as string,
      description: '市委改革办专项督察发现',
      points: points as number,
      region_code: t ? t.region_code : units.get(unit(unitCode as string))!.region_code,
      created_by: reformUser,
      version: 1,
      created_at: at(on as string, 16),
      updated_at: at(on as string, 16),
    };
  });
  const ruleSet = {
    id: fid(),
    name: '镇江市改革攻坚任务考核评分细则（2025 年试行）',
    issuer: '中共镇江市委全面深化改革委员会办公室',
    doc_no: '镇改办〔2025〕2号',
    effective_from: '2025-01-01',
    effective_to: null,
    status: 'active' as const,
    params: JSON.stringify(DEFAULT_SCORING_PARAMS),
    version: 1,
    created_at: created,
    updated_at: created,
  };

  await db.transaction().execute(async (trx) => {
    await repo.insertAreas(trx, areas);
    await repo.insertItems(trx, items);
    await repo.insertTasks(trx, tasks);
    await repo.insertCoUnits(trx, taskUnits);
    await repo.insertMilestones(trx, milestones);
    await repo.insertTargets(trx, targets);
    await repo.insertReports(trx, reports);
    await repo.insertContributions(trx, contributions);
    await repo.insertExtensions(trx, extensions);
    await repo.insertFindings(trx, findings);
    await repo.insertRuleSet(trx, ruleSet);
    await repo.insertEvents(trx, events);
    for (let i = 0; i < attachments.length; i += 100)
      await trx
        .insertInto('attachments')
        .values(attachments.slice(i, i + 100))
        .execute();
    // blockers: problems of the shared problem list (each audited by the problem list itself)
    for (const b of blockers) {
      const actor: Actor = {
        ...seedActor,
        userId: userOfUnit.get(b.task.lead_unit_id) ?? null,
        unitId: b.task.lead_unit_id,
        displayName: 'demo-seed',
      };
      const pid = await raiseBlockerProblem(
        trx,
        actor,
        b.task,
        { title: b.title, category: b.category, dueOn: b.dueOn, description: '由改革任务进展报送提出' },
        { at: b.at },
      );
      if (b.report) {
        await trx
          .updateTable('reform_reports')
          .set({ blocker_ids: JSON.stringify([pid]) })
          .where('id', '=', b.report.id)
          .execute();
        await repo.insertEvents(trx, [
          {
            id: fid(),
            task_id: b.task.id,
            entity: 'task',
            entity_id: b.task.id,
            kind: 'blocker',
            from_status: null,
            to_status: null,
            comment: b.title,
            payload: JSON.stringify({ problemId: pid }),
            actor_id: null,
            actor_name: null,
            at: b.at,
          },
        ]);
      }
    }
    await recordAudit(trx, seedActor, {
      entity: 'reform_demo',
      entityId: 'reform-2025',
      action: 'import',
      regionCode: '321100',
      payload: {
        areas: areas.length,
        items: items.length,
        tasks: tasks.length,
        milestones: milestones.length,
        reports: reports.length,
        contributions: contributions.length,
        extensions: extensions.length,
        findings: findings.length,
        evidence: attachments.length,
        blockers: blockers.length,
      },
    });
  });

  // November 2025 is locked (when the clock has reached it: tests may pin an earlier date)
  if (todayCst() >= '2025-12-01')
    await lockPeriod({ db }, office, '2025-11', '2025 年 11 月改革进展已对账，锁定当月报送与考核结果', {
      at: at('2025-12-03', 17),
    });
}
