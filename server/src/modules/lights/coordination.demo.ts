import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { ProblemAction } from '../../../../contracts/schemas/problems';
import type { Actor } from '../../core/access/actor';
import { blobPath, insertAttachment } from '../../core/attachments/attachments';
import type { Db } from '../../db/database';
import { buildActor } from '../auth/auth.service';
import type { DemoContext } from '../demo/demo.seed';
import { addDecision, createMeeting, holdMeeting, publishMeeting } from '../meetings/meetings.service';
import { createProblemTx, transitionProblemTx } from '../problems/problems.service';
import { DEFAULT_RULE_SET_ID } from './lights.defaults';
import { addDays, endOfMonth } from './lights.engine';
import { activateRuleSet, recomputeAllLights, requestOverride } from './lights.service';

/**
 * The demo city's coordination (C2), loaded after the projects demo and working on whatever projects it made:
 * the default light rule set activated from 2025-01-01 and the lights replayed at every month end of 2025 (so
 * each project has a history "since when"), ~40 problems in every state and level along the ladder (some
 * overdue, some closed on evidence), and four dispatch meetings in 2025 whose decisions became problems.
 * Deterministic: a seeded PRNG over the projects in ledger order, fixed dates, never the clock — the demo's
 * story ends on 2025-12-31 like the projects demo.
 */
export const COORDINATION_DEMO_END = '2025-12-31';

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

// ------------------------------------------------------------------------------ evidence files

/** A one-page PDF (ASCII text) standing in for a scanned 办结 document. */
export function coordinationDemoPdf(key: string): Buffer {
  const lines = [
    'Zhenjiang major-project coordination - closure evidence (demo)',
    `Record: ${key}`,
    'Issued for the Gongjian demo city; not an official document.',
  ];
  const content = [
    'BT',
    '/F1 12 Tf',
    '72 770 Td',
    ...lines.map((l, i) => `${i ? '0 -20 Td ' : ''}(${l.replace(/[\\()]/g, (c) => `\\${c}`)}) Tj`),
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

/** The demo records its evidence (note 'demo:<key>'); the server writes the missing bytes when it starts. */
export async function writeCoordinationDemoFiles(db: Db, dataDir: string): Promise<number> {
  let rows: Array<{ sha256: string; note: string | null }>;
  try {
    rows = await db
      .selectFrom('attachments')
      .select(['sha256', 'note'])
      .where('entity', '=', 'problem')
      .where('note', 'like', 'demo:%')
      .execute();
  } catch {
    return 0;
  }
  let written = 0;
  for (const r of rows) {
    const file = blobPath(dataDir, r.sha256);
    if (fs.existsSync(file)) continue;
    const pdf = coordinationDemoPdf(r.note!.slice(5));
    if (createHash('sha256').update(pdf).digest('hex') !== r.sha256) continue;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, pdf, { mode: 0o600 });
    written++;
  }
  return written;
}

// ---------------------------------------------------------------------------------- content

const TITLES: Record<string, string[]> = {
  land: ['项目用地指标未落实', '土地挂牌出让进度滞后', '用地红线范围调整待审批'],
  planning: ['建设工程规划许可证办理受阻', '控制性详细规划调整待批复'],
  environment: ['环评批复尚未取得', '排污总量指标待调剂'],
  energy: ['能评指标缺口较大', '用能权交易待落实'],
  demolition: ['地块内民房征收未完成', '高压线及管线迁改进度滞后'],
  funding: ['项目贷款未按计划到位', '专项债资金拨付滞后'],
  approval: ['施工许可证办理受阻', '消防设计审查待完成'],
  utilities: ['施工用电增容未到位', '天然气管网接入待建设', '供水管网尚未接通'],
  talent: ['技术工人招聘困难', '高层次人才公寓待落实'],
  other: ['周边道路配套未完工', '企业股东变更影响推进'],
};
const CATEGORIES = Object.keys(TITLES);
/** Who owns a category's problems (unit codes of the demo organisation); 'responsible' = the project's own unit. */
const OWNER_OF: Record<string, string> = {
  land: 'responsible',
  planning: 'responsible',
  demolition: 'responsible',
  utilities: 'responsible',
  environment: 'zj-approval',
  approval: 'zj-approval',
  energy: 'zj-drc',
  funding: 'zj-drc',
  talent: 'zj-sci',
  other: 'zj-commerce',
};
const REPLIES = [
  '已召开专题协调会，明确责任分工和时间节点',
  '已与相关部门对接，正在办理相关手续',
  '已形成解决方案，报区政府审定',
  '已现场办公，协调推进',
];
const RESOLUTIONS = [
  '相关手续已办结，附批复文件',
  '问题已解决，附现场照片及会议纪要',
  '资金已到位，附银行到账凭证',
  '已完成接入，附验收单',
];

/** The states the ~34 directly raised problems end the demo in (decisions add ~10 more). */
const PATHS: Array<{
  end: 'pending' | 'assigned' | 'in_progress' | 'resolved' | 'closed' | 'returned' | 'on_hold';
  escalate?: number;
}> = [
  ...Array.from({ length: 9 }, () => ({ end: 'closed' as const })),
  ...Array.from({ length: 4 }, () => ({ end: 'resolved' as const })),
  ...Array.from({ length: 5 }, () => ({ end: 'in_progress' as const })),
  { end: 'in_progress', escalate: 1 },
  { end: 'in_progress', escalate: 1 },
  { end: 'in_progress', escalate: 2 },
  { end: 'assigned', escalate: 3 },
  ...Array.from({ length: 5 }, () => ({ end: 'assigned' as const })),
  ...Array.from({ length: 3 }, () => ({ end: 'pending' as const })),
  { end: 'returned' },
  { end: 'returned' },
  { end: 'on_hold' },
  { end: 'on_hold' },
];

const MEETINGS = [
  {
    kind: 'monthly' as const,
    title: '2025年3月全市重大项目月度调度会',
    heldOn: '2025-03-28',
    regionCode: '321100',
    chair: '张副市长',
    docNo: '镇重大办〔2025〕3号',
    decisions: 3,
  },
  {
    kind: 'weekly' as const,
    title: '京口区重大项目周调度会（第24周）',
    heldOn: '2025-06-13',
    regionCode: '321102',
    chair: '京口区分管副区长',
    docNo: '京重大办〔2025〕24号',
    decisions: 2,
  },
  {
    kind: 'special' as const,
    title: '重大项目要素保障专题协调会',
    heldOn: '2025-09-19',
    regionCode: '321100',
    chair: '李市长',
    docNo: '镇重大办〔2025〕9号',
    decisions: 3,
  },
  {
    kind: 'monthly' as const,
    title: '2025年11月全市重大项目月度调度会',
    heldOn: '2025-11-28',
    regionCode: '321100',
    chair: '张副市长',
    docNo: '镇重大办〔2025〕11号',
    decisions: 3,
  },
];
const DECISION_TITLES = [
  '限期完成项目用地报批',
  '协调供电公司完成施工用电增容',
  '加快办理施工许可，实行容缺受理',
  '落实项目贷款，市发改委牵头对接银行',
  '完成地块征收扫尾工作',
  '梳理在建项目用工需求并组织专场招聘',
  '完成天然气管网接入工程',
  '开展重大项目现场督查',
];

const DISTRICT_USERS: Record<string, string> = {
  '321102': 'jingkou',
  '321111': 'runzhou',
  '321181': 'danyang',
  '321171': 'xinqu',
};

type Step = { at: string; seq: number; run: () => Promise<void> };

/** 'YYYY-MM-DD' + hh:mm in Zhenjiang → ISO UTC. */
const isoAt = (day: string, hh: number, mm = 0) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + (hh - 8) * 3600_000 + mm * 60_000).toISOString();

export async function seedCoordinationDemo(ctx: DemoContext): Promise<void> {
  const db = ctx.db;
  const deps = { db };
  const rnd = mulberry32(20251231);
  const int = (lo: number, hi: number) => lo + Math.floor(rnd() * (hi - lo + 1));
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]!;

  const actors = new Map<string, Actor>();
  const actorOf = async (userId: string) => {
    let a = actors.get(userId);
    if (!a) {
      a = (await buildActor(db, userId, { ip: null, userAgent: null }))!;
      actors.set(userId, a);
    }
    return a;
  };
  const drcId = ctx.userIds.get('drc');
  if (!drcId) return;
  const drc = await actorOf(drcId);

  // 1. the default rule set, in force for the demo year; lights replayed month by month
  const rs = await db
    .selectFrom('light_rule_sets')
    .select(['id', 'version', 'status'])
    .where('id', '=', DEFAULT_RULE_SET_ID)
    .executeTakeFirst();
  if (rs && rs.status !== 'active')
    await activateRuleSet(
      deps,
      drc,
      rs.id,
      { version: rs.version, effectiveFrom: '2025-01-01' },
      { recompute: false },
    );
  for (let m = 1; m <= 12; m++)
    await recomputeAllLights(deps, 'schedule', null, {
      asOf: endOfMonth(`2025-${String(m).padStart(2, '0')}`),
    });

  // 2. the projects to work on, in ledger order
  const projects = await db
    .selectFrom('projects')
    .select(['id', 'name', 'region_code', 'responsible_unit_id', 'actual_signed_on', 'light', 'stage'])
    .where('terminated', '=', 0)
    .where('suspended', '=', 0)
    .where('actual_signed_on', 'is not', null)
    .where('actual_signed_on', '<=', '2025-10-31')
    .orderBy('internal_id')
    .execute();
  if (projects.length < 5) return;
  const units = new Map(
    (await db.selectFrom('units').select(['id', 'code']).execute()).map((u) => [u.code ?? u.id, u.id]),
  );
  const usersByUnit = new Map<string, string>();
  for (const u of await db
    .selectFrom('users')
    .select(['id', 'unit_id', 'username'])
    .where('disabled', '=', 0)
    .orderBy('username')
    .execute())
    if (!usersByUnit.has(u.unit_id)) usersByUnit.set(u.unit_id, u.id);
  const warned = projects.filter((p) => p.light === 'red' || p.light === 'yellow');
  const others = projects.filter((p) => p.light !== 'red' && p.light !== 'yellow');

  const queue: Step[] = [];
  let seq = 0;
  const at = (iso: string, run: () => Promise<void>) => queue.push({ at: iso, seq: seq++, run });
  const transition = (
    actor: Actor,
    problemId: () => string,
    action: ProblemAction,
    when: string,
    extra: { note?: string; dueOn?: string; ownerUnitId?: string; evidence?: string } = {},
  ) =>
    at(when, async () => {
      await db.transaction().execute(async (trx) => {
        const id = problemId();
        const attachmentIds: string[] = [];
        if (extra.evidence) {
          const pdf = coordinationDemoPdf(extra.evidence);
          const sha256 = createHash('sha256').update(pdf).digest('hex');
          const region = (
            await trx
              .selectFrom('problems')
              .select('region_code')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).region_code;
          const row = await insertAttachment(
            trx,
            actor,
            { sha256, size: pdf.length, mime: 'application/pdf', ext: 'pdf' },
            {
              entity: 'problem',
              entityId: id,
              docType: 'evidence',
              originalName: `办结佐证材料-${extra.evidence.slice(-4)}.pdf`,
              note: `demo:${extra.evidence}`,
              regionCode: region,
            },
          );
          attachmentIds.push(row.id);
        }
        await transitionProblemTx(
          trx,
          actor,
          id,
          { action, note: extra.note, dueOn: extra.dueOn, ownerUnitId: extra.ownerUnitId, attachmentIds },
          { at: when },
        );
      });
    });

  /** Schedules a problem's life from assignment on, ending in `end` (never past the demo's last day). */
  const lifeOf = (
    problemId: () => string,
    o: {
      raiser: Actor;
      owner: Actor | null;
      ownerUnitId: string;
      assignedOn: string | null;
      end: (typeof PATHS)[number]['end'];
      escalate?: number;
      key: string;
    },
  ) => {
    let day = o.assignedOn ?? '';
    const later = (lo: number, hi: number) => (day = addDays(day, int(lo, hi)));
    const ok = (d: string) => d <= addDays(COORDINATION_DEMO_END, -3);
    if (!o.assignedOn) return;
    if (o.end === 'on_hold') {
      if (ok(later(3, 10)))
        transition(o.raiser, problemId, 'hold', isoAt(day, 15), {
          note: pick(['等待上级批复，暂缓办理', '企业调整建设方案，暂缓协调']),
        });
      return;
    }
    if (!o.owner) return;
    const owner = o.owner;
    for (let i = 0; i < (o.escalate ?? 0); i++)
      if (ok(later(4, 12)))
        transition(i === 0 ? owner : o.raiser, problemId, 'escalate', isoAt(day, 16), {
          note: i === 0 ? '本级协调难度较大，提请上级协调' : '仍未解决，提请市领导协调',
        });
    if (o.end === 'assigned') return;
    if (!ok(later(1, 3))) return;
    transition(owner, problemId, 'accept', isoAt(day, 9, 30));
    if (o.end === 'returned') {
      if (ok(later(2, 6)))
        transition(owner, problemId, 'return', isoAt(day, 10), {
          note: '该事项不属于本单位职责，建议改由市级部门牵头',
        });
      return;
    }
    if (ok(later(3, 9))) transition(owner, problemId, 'reply', isoAt(day, 11), { note: pick(REPLIES) });
    if (o.end === 'in_progress') return;
    if (!ok(later(6, 20))) return;
    transition(owner, problemId, 'resolve', isoAt(day, 17), {
      note: pick(RESOLUTIONS),
      evidence: `${o.key}-resolve`,
    });
    if (o.end === 'resolved') return;
    if (ok(later(2, 6)))
      transition(o.raiser, problemId, 'confirm_close', isoAt(day, 10), {
        note: '经核实，问题已解决，同意销号',
      });
  };

  const ownerFor = (category: string, p: (typeof projects)[number], needsPeople: boolean): string => {
    const code = OWNER_OF[category]!;
    let unit = code === 'responsible' ? p.responsible_unit_id : (units.get(code) ?? p.responsible_unit_id);
    if (needsPeople && !usersByUnit.has(unit))
      unit = usersByUnit.has(p.responsible_unit_id) ? p.responsible_unit_id : units.get('zj-drc')!;
    return unit;
  };

  // 3. problems raised directly on projects (most on lagging ones)
  PATHS.forEach((path, i) => {
    const p = i % 3 === 2 || !warned.length ? pick(others.length ? others : projects) : pick(warned);
    const category = pick(CATEGORIES);
    const title = pick(TITLES[category]!);
    const from = p.actual_signed_on! > '2025-01-15' ? p.actual_signed_on! : '2025-01-15';
    const span = Math.max(
      0,
      Math.min(300, Math.floor((Date.parse('2025-11-25') - Date.parse(from)) / 86_400_000)),
    );
    const raisedOn = addDays(from, Math.floor(rnd() * (span + 1)));
    const needsPeople = path.end !== 'pending' && path.end !== 'assigned' && path.end !== 'on_hold';
    const ownerUnitId = ownerFor(category, p, needsPeople || !!path.escalate);
    const dueOn = addDays(raisedOn, int(20, 45));
    const holder = { id: '' };
    at(isoAt(raisedOn, 9), async () => {
      const raiserName = DISTRICT_USERS[p.region_code.slice(0, 6)];
      const raiserId = (raiserName && ctx.userIds.get(raiserName)) || drcId;
      const raiser = await actorOf(raiserId);
      const owner = usersByUnit.has(ownerUnitId) ? await actorOf(usersByUnit.get(ownerUnitId)!) : null;
      const assignNow = path.end !== 'pending';
      holder.id = await db.transaction().execute((trx) =>
        createProblemTx(
          trx,
          raiser,
          {
            entity: 'project',
            entityId: p.id,
            category,
            title,
            description: `${p.name}：${title}，影响项目建设进度，需协调解决。`,
            ownerUnitId: assignNow ? ownerUnitId : null,
            dueOn: assignNow ? dueOn : null,
            leadLeader: i % 4 === 0 ? '张副市长' : null,
          },
          { at: isoAt(raisedOn, 9) },
        ),
      );
      lifeOf(() => holder.id, {
        raiser,
        owner,
        ownerUnitId,
        assignedOn: assignNow ? raisedOn : null,
        end: path.end,
        escalate: path.escalate,
        key: `P${String(i + 1).padStart(2, '0')}`,
      });
    });
  });

  // 4. dispatch meetings: agenda as of the day, decisions, held, 通报 published two days later
  MEETINGS.forEach((m, mi) => {
    at(isoAt(m.heldOn, 8, 30), async () => {
      const meeting = await createMeeting(
        deps,
        drc,
        {
          kind: m.kind,
          title: m.title,
          heldOn: m.heldOn,
          regionCode: m.regionCode,
          chair: m.chair,
          docNo: m.docNo,
          attendees: '市发改委、市商务局、市自然资源和规划局、市行政审批局，各辖市区、功能区分管负责同志',
          autoAgenda: true,
        },
        { at: isoAt(m.heldOn, 8, 30), asOf: m.heldOn },
      );
      const onAgenda = meeting.items
        .filter((i) => i.type === 'project')
        .map((i) => projects.find((p) => p.id === i.refId))
        .filter((p): p is (typeof projects)[number] => !!p);
      for (let d = 0; d < m.decisions; d++) {
        const p = onAgenda[d] ?? null;
        const title = DECISION_TITLES[(mi * 3 + d) % DECISION_TITLES.length]!;
        const ownerUnitId = p
          ? usersByUnit.has(p.responsible_unit_id)
            ? p.responsible_unit_id
            : units.get('zj-drc')!
          : units.get(d % 2 ? 'zj-commerce' : 'zj-drc')!;
        const dueOn = addDays(m.heldOn, 20 + 10 * d);
        const decided = await addDecision(
          deps,
          drc,
          meeting.id,
          { title, ownerUnitId, dueOn, projectId: p?.id, category: 'other' },
          { at: isoAt(m.heldOn, 10, d * 10) },
        );
        const owner = usersByUnit.has(ownerUnitId) ? await actorOf(usersByUnit.get(ownerUnitId)!) : null;
        const end = (['closed', 'in_progress', 'resolved', 'assigned'] as const)[(mi + d) % 4]!;
        lifeOf(() => decided.id, {
          raiser: drc,
          owner,
          ownerUnitId,
          assignedOn: m.heldOn,
          end,
          key: `M${mi + 1}D${d + 1}`,
        });
      }
      const held = await holdMeeting(
        deps,
        drc,
        meeting.id,
        (
          await db
            .selectFrom('meetings')
            .select('version')
            .where('id', '=', meeting.id)
            .executeTakeFirstOrThrow()
        ).version,
        { at: isoAt(m.heldOn, 11, 30) },
      );
      const publishOn = addDays(m.heldOn, 2);
      at(isoAt(publishOn, 9), async () => {
        const v = (
          await db
            .selectFrom('meetings')
            .select('version')
            .where('id', '=', held.id)
            .executeTakeFirstOrThrow()
        ).version;
        await publishMeeting(deps, drc, held.id, v, { at: isoAt(publishOn, 9) });
      });
    });
  });

  // the story, in order of its dates
  while (queue.length) {
    queue.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.seq - b.seq));
    const next = queue.shift()!;
    await next.run();
  }

  // 5. a pending 正当理由 request waiting for the DRC's decision
  const red = projects.find((p) => p.light === 'red' && DISTRICT_USERS[p.region_code]);
  if (red) {
    const requester = await actorOf(ctx.userIds.get(DISTRICT_USERS[red.region_code]!)!);
    await requestOverride(deps, requester, red.id, {
      color: 'yellow',
      reason: '项目因地下文物勘探暂缓施工，已报市政府同意，勘探结束后恢复施工',
      until: null,
      attachmentIds: [],
    });
  }
}
