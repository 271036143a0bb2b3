/**
 * Permissions (`resource:action`) and data scopes. Roles bundle permissions with one data scope;
 * a user with several roles gets the union. The server enforces both; the web only reads the
 * abilities the server returns on each record and the permissions on /auth/me.
 */
export const PERMISSIONS = [
  'unit:read',
  'unit:manage',
  'user:read',
  'user:manage',
  'role:read',
  'role:manage',
  'audit:read',
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
  'reform:read',
  'reform:manage',
  'reform:verify',
  'enterprise:read',
  'enterprise:manage',
  'indicator:read',
  'briefing:read',
  'briefing:issue',
] as const;

export type Permission = (typeof PERMISSIONS)[number];

export const PERMISSION_LABELS: Record<Permission, { zh: string; en: string }> = {
  'unit:read': { zh: '查看组织机构', en: 'View units' },
  'unit:manage': { zh: '管理组织机构', en: 'Manage units' },
  'user:read': { zh: '查看用户', en: 'View users' },
  'user:manage': { zh: '管理用户', en: 'Manage users' },
  'role:read': { zh: '查看角色', en: 'View roles' },
  'role:manage': { zh: '管理角色', en: 'Manage roles' },
  'audit:read': { zh: '查看审计日志', en: 'View the audit log' },
  'region:read': { zh: '查看行政区划', en: 'View regions' },
  'project:read': { zh: '查看重大项目', en: 'View projects' },
  'project:create': { zh: '新建重大项目', en: 'Create projects' },
  'project:update': { zh: '编辑重大项目', en: 'Edit projects' },
  'project:delete': { zh: '删除重大项目', en: 'Delete projects' },
  'project:import': { zh: '导入项目台账', en: 'Import project ledgers' },
  'project:export': { zh: '导出项目台账', en: 'Export project ledgers' },
  'project:confirm-milestone': { zh: '确认项目节点', en: 'Confirm project milestones' },
  'problem:read': { zh: '查看问题清单', en: 'View problems' },
  'problem:manage': { zh: '交办与办理问题', en: 'Assign and handle problems' },
  'meeting:read': { zh: '查看调度会', en: 'View dispatch meetings' },
  'meeting:manage': { zh: '组织调度会', en: 'Run dispatch meetings' },
  'light:override': { zh: '审批亮灯正当理由', en: 'Approve light overrides' },
  'ruleset:manage': { zh: '管理规则集', en: 'Manage rule sets' },
  'reform:read': { zh: '查看改革任务', en: 'View reform tasks' },
  'reform:manage': { zh: '管理改革任务', en: 'Manage reform tasks' },
  'reform:verify': { zh: '核验销号', en: 'Verify and close reform tasks' },
  'enterprise:read': { zh: '查看企业库', en: 'View enterprises' },
  'enterprise:manage': { zh: '管理企业库', en: 'Manage enterprises' },
  'indicator:read': { zh: '查看指标与驾驶舱', en: 'View indicators and dashboard' },
  'briefing:read': { zh: '查看通报', en: 'View briefings' },
  'briefing:issue': { zh: '签发通报', en: 'Issue briefings' },
};

/**
 * Data scopes, from widest to narrowest. A record is visible when any of the caller's scopes matches:
 * - all: every record;
 * - unit_tree: records whose owner unit (or a co-unit) is the caller's unit or below it;
 * - district: records located in the caller's district (its region code and the regions under it);
 * - unit: records whose owner unit (or a co-unit) is the caller's unit;
 * - self: records the caller created;
 * - task_force: records assigned to a task force the caller is a member of.
 */
export const DATA_SCOPES = ['all', 'unit_tree', 'district', 'unit', 'self', 'task_force'] as const;
export type DataScope = (typeof DATA_SCOPES)[number];

export const DATA_SCOPE_LABELS: Record<DataScope, { zh: string; en: string }> = {
  all: { zh: '全部数据', en: 'All records' },
  unit_tree: { zh: '本单位及下级', en: 'Own unit and below' },
  district: { zh: '本辖区', en: 'Own district' },
  unit: { zh: '本单位', en: 'Own unit' },
  self: { zh: '仅本人', en: 'Only own records' },
  task_force: { zh: '所在专班', en: 'Task forces I belong to' },
};

/** What the caller may do with one record, returned with the record. */
export type Abilities = Record<string, boolean>;
