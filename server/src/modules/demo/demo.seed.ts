import fs from 'node:fs';
import path from 'node:path';
import type { DataScope, Permission } from '../../../../contracts/abilities';
import { PERMISSIONS } from '../../../../contracts/abilities';
import { systemActor } from '../../core/access/actor';
import { generatePassword } from '../../core/passwords';
import type { Db } from '../../db/database';
import { createRole } from '../roles/roles.service';
import { createUnit, replaceMembers } from '../units/units.service';
import { createUser } from '../users/users.service';
import type { UnitKind } from '../units/units.table';
import { seedDemo as seedProjectsDemo } from '../projects/projects.demo';
import { seedDemo as seedEnterprisesDemo } from '../enterprises/enterprises.demo';
import { seedDemo as seedReformDemo } from '../reform/reform.demo';
import { seedCoordinationDemo } from '../lights/coordination.demo';

/** Built-in roles. Each names its permissions and one data scope (see contracts/abilities.ts). */
export const DEMO_ROLES: Array<{
  code: string;
  name: string;
  nameEn: string;
  scope: DataScope;
  permissions: Permission[];
  description: string;
}> = [
  {
    code: 'admin',
    name: '系统管理员',
    nameEn: 'System administrator',
    scope: 'all',
    permissions: [...PERMISSIONS],
    description: '管理组织、用户、角色与全部数据',
  },
  {
    code: 'reform_office',
    name: '改革办工作人员',
    nameEn: 'Reform office staff',
    scope: 'all',
    permissions: [
      'unit:read',
      'user:read',
      'role:read',
      'region:read',
      'audit:read',
      'project:read',
      'project:export',
      'problem:read',
      'problem:manage',
      'meeting:read',
      'meeting:manage',
      'reform:read',
      'reform:manage',
      'reform:verify',
      'enterprise:read',
      'indicator:read',
      'briefing:read',
      'briefing:issue',
    ],
    description: '定义改革任务、催办、核验销号、考核、签发通报',
  },
  {
    code: 'drc_staff',
    name: '发改委项目科',
    nameEn: 'DRC project staff',
    scope: 'all',
    permissions: [
      'unit:read',
      'region:read',
      'project:read',
      'project:create',
      'project:update',
      'project:delete',
      'project:import',
      'project:export',
      'project:confirm-milestone',
      'problem:read',
      'problem:manage',
      'meeting:read',
      'meeting:manage',
      'light:override',
      'ruleset:manage',
      'enterprise:read',
      'indicator:read',
      'briefing:read',
      'briefing:issue',
    ],
    description: '维护全市重大项目台账、亮灯规则与调度会',
  },
  {
    code: 'leader',
    name: '市领导',
    nameEn: 'City leader',
    scope: 'all',
    permissions: [
      'unit:read',
      'region:read',
      'project:read',
      'problem:read',
      'meeting:read',
      'reform:read',
      'enterprise:read',
      'indicator:read',
      'briefing:read',
    ],
    description: '查看驾驶舱、通报与全部台账',
  },
  {
    code: 'dept_staff',
    name: '部门工作人员',
    nameEn: 'Department staff',
    scope: 'unit_tree',
    permissions: [
      'unit:read',
      'region:read',
      'project:read',
      'project:create',
      'project:update',
      'project:export',
      'problem:read',
      'problem:manage',
      'meeting:read',
      'reform:read',
      'reform:manage',
      'indicator:read',
    ],
    description: '看到本单位牵头或配合的记录',
  },
  {
    code: 'enterprise_manager',
    name: '企业库管理员',
    nameEn: 'Enterprise registry manager',
    scope: 'all',
    permissions: ['enterprise:read', 'enterprise:manage', 'indicator:read'],
    description: '科技局、工信局维护全市企业库与培育梯队',
  },
  {
    code: 'district_staff',
    name: '县区工作人员',
    nameEn: 'District staff',
    scope: 'district',
    permissions: [
      'unit:read',
      'user:read',
      'region:read',
      'project:read',
      'project:create',
      'project:update',
      'project:import',
      'project:export',
      'problem:read',
      'problem:manage',
      'meeting:read',
      'reform:read',
      'reform:manage',
      'enterprise:read',
      'indicator:read',
    ],
    description: '只看到本辖区（含辖区内开发区）的记录',
  },
  {
    code: 'task_force_member',
    name: '专班成员',
    nameEn: 'Task force member',
    scope: 'task_force',
    permissions: [
      'unit:read',
      'region:read',
      'project:read',
      'project:update',
      'problem:read',
      'problem:manage',
      'meeting:read',
    ],
    description: '看到所在专班负责的记录',
  },
  {
    code: 'auditor',
    name: '审计员',
    nameEn: 'Auditor',
    scope: 'all',
    permissions: ['audit:read', 'unit:read', 'user:read', 'role:read'],
    description: '查看审计日志',
  },
];

type UnitSeed = {
  code: string;
  name: string;
  shortName?: string;
  kind: UnitKind;
  region: string;
  parent?: string;
};

/** 镇江 (321100): the offices named in PRODUCT.md, each district and county-level city, the two zones, the three 专班. */
export const DEMO_UNITS: UnitSeed[] = [
  { code: 'zj', name: '镇江市委市政府', shortName: '市委市政府', kind: 'party_gov_office', region: '321100' },
  {
    code: 'zj-reform',
    name: '中共镇江市委全面深化改革委员会办公室',
    shortName: '市委改革办',
    kind: 'party_gov_office',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'zj-drc',
    name: '镇江市发展和改革委员会',
    shortName: '市发改委',
    kind: 'department',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'zj-commerce',
    name: '镇江市商务局',
    shortName: '市商务局',
    kind: 'department',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'zj-sci',
    name: '镇江市科学技术局',
    shortName: '市科技局',
    kind: 'department',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'zj-miit',
    name: '镇江市工业和信息化局',
    shortName: '市工信局',
    kind: 'department',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'zj-sasac',
    name: '镇江市人民政府国有资产监督管理委员会',
    shortName: '市国资委',
    kind: 'department',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'zj-approval',
    name: '镇江市行政审批局',
    shortName: '市行政审批局',
    kind: 'department',
    region: '321100',
    parent: 'zj',
  },
  {
    code: 'jingkou',
    name: '京口区人民政府',
    shortName: '京口区',
    kind: 'district_gov',
    region: '321102',
    parent: 'zj',
  },
  {
    code: 'runzhou',
    name: '润州区人民政府',
    shortName: '润州区',
    kind: 'district_gov',
    region: '321111',
    parent: 'zj',
  },
  {
    code: 'dantu',
    name: '丹徒区人民政府',
    shortName: '丹徒区',
    kind: 'district_gov',
    region: '321112',
    parent: 'zj',
  },
  {
    code: 'danyang',
    name: '丹阳市人民政府',
    shortName: '丹阳市',
    kind: 'district_gov',
    region: '321181',
    parent: 'zj',
  },
  {
    code: 'yangzhong',
    name: '扬中市人民政府',
    shortName: '扬中市',
    kind: 'district_gov',
    region: '321182',
    parent: 'zj',
  },
  {
    code: 'jurong',
    name: '句容市人民政府',
    shortName: '句容市',
    kind: 'district_gov',
    region: '321183',
    parent: 'zj',
  },
  {
    code: 'zj-etdz',
    name: '镇江经济技术开发区（镇江新区）管理委员会',
    shortName: '镇江新区',
    kind: 'zone_committee',
    region: '321171',
    parent: 'zj',
  },
  {
    code: 'zj-hitech',
    name: '镇江高新技术产业开发区管理委员会',
    shortName: '镇江高新区',
    kind: 'zone_committee',
    region: '321111',
    parent: 'zj',
  },
  { code: 'tf-chain', name: '产业链招引专班', kind: 'task_force', region: '321100', parent: 'zj-commerce' },
  {
    code: 'tf-techlead',
    name: '科技型龙头企业赋能专班',
    kind: 'task_force',
    region: '321100',
    parent: 'zj-sci',
  },
  {
    code: 'tf-leadflow',
    name: '项目信息流转专班',
    kind: 'task_force',
    region: '321100',
    parent: 'zj-commerce',
  },
  {
    code: 'soe-urban',
    name: '镇江城市建设产业集团有限公司',
    shortName: '城建集团',
    kind: 'soe',
    region: '321100',
    parent: 'zj-sasac',
  },
  {
    code: 'soe-transport',
    name: '镇江交通产业集团有限公司',
    shortName: '交通集团',
    kind: 'soe',
    region: '321100',
    parent: 'zj-sasac',
  },
];

export const DEMO_USERS: Array<{ username: string; displayName: string; unit: string; roles: string[] }> = [
  { username: 'admin', displayName: '系统管理员', unit: 'zj', roles: ['admin'] },
  { username: 'leader', displayName: '李市长', unit: 'zj', roles: ['leader'] },
  { username: 'reform', displayName: '改革办 王芳', unit: 'zj-reform', roles: ['reform_office'] },
  { username: 'drc', displayName: '发改委 陈刚', unit: 'zj-drc', roles: ['drc_staff'] },
  { username: 'commerce', displayName: '商务局 周敏', unit: 'zj-commerce', roles: ['dept_staff'] },
  {
    username: 'sci',
    displayName: '科技局 赵磊',
    unit: 'zj-sci',
    roles: ['enterprise_manager', 'dept_staff'],
  },
  {
    username: 'miit',
    displayName: '工信局 钱进',
    unit: 'zj-miit',
    roles: ['enterprise_manager', 'dept_staff'],
  },
  { username: 'sasac', displayName: '国资委 孙伟', unit: 'zj-sasac', roles: ['dept_staff'] },
  { username: 'jingkou', displayName: '京口区 刘洋', unit: 'jingkou', roles: ['district_staff'] },
  { username: 'runzhou', displayName: '润州区 黄丽', unit: 'runzhou', roles: ['district_staff'] },
  { username: 'danyang', displayName: '丹阳市 吴强', unit: 'danyang', roles: ['district_staff'] },
  { username: 'xinqu', displayName: '镇江新区 郑华', unit: 'zj-etdz', roles: ['district_staff'] },
  {
    username: 'taskforce',
    displayName: '产业链专班 冯涛',
    unit: 'zj-commerce',
    roles: ['task_force_member'],
  },
  { username: 'auditor', displayName: '审计员 何静', unit: 'zj', roles: ['auditor'] },
];

export async function isEmpty(db: Db): Promise<boolean> {
  const r = await db
    .selectFrom('users')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n) === 0;
}

/**
 * Loads the demo city: roles, units, users (all sharing one password), task-force membership. Deterministic
 * in content; later capabilities add their ledgers through `DEMO_EXTENSIONS`.
 */
export async function seedDemo(
  db: Db,
  opts: { password: string; ledgers?: boolean },
): Promise<{ units: number; users: number }> {
  const actor = systemActor('demo-seed');
  const deps = { db };
  const roleIds = new Map<string, string>();
  for (const r of DEMO_ROLES) {
    const role = await createRole(deps, actor, {
      code: r.code,
      name: r.name,
      nameEn: r.nameEn,
      description: r.description,
      permissions: r.permissions,
      dataScope: r.scope,
      builtin: true,
    });
    roleIds.set(r.code, role.id);
  }
  const unitIds = new Map<string, string>();
  for (const u of DEMO_UNITS) {
    const unit = await createUnit(deps, actor, {
      code: u.code,
      name: u.name,
      shortName: u.shortName ?? null,
      kind: u.kind,
      regionCode: u.region,
      parentId: u.parent ? unitIds.get(u.parent)! : null,
      sort: unitIds.size,
    });
    unitIds.set(u.code, unit.id);
  }
  const userIds = new Map<string, string>();
  for (const u of DEMO_USERS) {
    const created = await createUser(deps, actor, {
      username: u.username,
      displayName: u.displayName,
      unitId: unitIds.get(u.unit)!,
      roleIds: u.roles.map((c) => roleIds.get(c)!),
      password: opts.password,
      mustChangePassword: false,
    });
    userIds.set(u.username, created.data.id);
  }
  await replaceMembers(deps, actor, unitIds.get('tf-chain')!, [
    { userId: userIds.get('taskforce')!, role: '成员' },
    { userId: userIds.get('commerce')!, role: '联络员' },
  ]);
  if (opts.ledgers !== false) for (const ext of DEMO_EXTENSIONS) await ext({ db, unitIds, userIds, roleIds });
  return { units: unitIds.size, users: userIds.size };
}

export type DemoContext = {
  db: Db;
  unitIds: Map<string, string>;
  userIds: Map<string, string>;
  roleIds: Map<string, string>;
};
/** Later capabilities (projects, reform tasks, enterprises) append their demo loaders here. */
export const DEMO_EXTENSIONS: Array<(ctx: DemoContext) => Promise<void>> = [
  seedEnterprisesDemo,
  seedProjectsDemo,
  seedCoordinationDemo,
  seedReformDemo,
];

/** The demo password: GONGJIAN_DEMO_PASSWORD, or a generated one written to DATA_DIR/demo-credentials.txt (mode 600). */
export function resolveDemoPassword(
  dataDir: string,
  configured?: string,
): { password: string; generated: boolean; file?: string } {
  if (configured) return { password: configured, generated: false };
  const password = generatePassword();
  fs.mkdirSync(dataDir, { recursive: true });
  const file = path.join(dataDir, 'demo-credentials.txt');
  const lines = [
    '# Gongjian demo accounts (generated once; change or delete after reading)',
    `password: ${password}`,
    `users: ${DEMO_USERS.map((u) => u.username).join(', ')}`,
    '',
  ];
  fs.writeFileSync(file, lines.join('\n'), { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { password, generated: true, file };
}
