import type { ComponentType, ReactNode } from 'react';
import {
  AlertOutlined,
  AuditOutlined,
  ApartmentOutlined,
  BankOutlined,
  BarChartOutlined,
  BellOutlined,
  BulbOutlined,
  CalendarOutlined,
  CrownOutlined,
  DashboardOutlined,
  DiffOutlined,
  FileTextOutlined,
  FlagOutlined,
  HourglassOutlined,
  OrderedListOutlined,
  RiseOutlined,
  SolutionOutlined,
  TrophyOutlined,
  HomeOutlined,
  ProfileOutlined,
  ProjectOutlined,
  SafetyCertificateOutlined,
  ScheduleOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@contracts/abilities';
import { ReformMenuBadge, TodoHeaderBadge, TodoMenuBadge } from '@/features/todo/components/todo-badge';
import type { Messages } from '@/lib/locales/zh-CN';
import { paths } from './paths';

export type NavLabelKey = `nav.${keyof Messages['nav']}`;

export type NavGroupKey = 'projects' | 'reform' | 'enterprises' | 'admin';

export type NavItem = {
  /** Route path; also the menu key. */
  path: string;
  label: NavLabelKey;
  icon: ReactNode;
  /** Shown only to holders of this permission; absent = everyone signed in. */
  permission?: Permission;
  /** Items with a group are nested under that group's sub-menu; others are top level, in array order. */
  group?: NavGroupKey;
  /** A count shown after the label (e.g. the to-do centre's), rendered as a component so it can poll. */
  badge?: ComponentType;
};

export const NAV_GROUPS: Record<NavGroupKey, { label: NavLabelKey; icon: ReactNode; badge?: ComponentType }> =
  {
    projects: { label: 'nav.projects', icon: <ProjectOutlined /> },
    reform: { label: 'nav.reformTasks', icon: <FlagOutlined />, badge: ReformMenuBadge },
    enterprises: { label: 'nav.enterprises', icon: <BankOutlined /> },
    admin: { label: 'nav.admin', icon: <SettingOutlined /> },
  };

/** Widgets in the header before the language switch (the to-do bell shows itself on phones only). */
export const HEADER_WIDGETS: ComponentType<{ compact: boolean }>[] = [TodoHeaderBadge];

/**
 * THE MAIN MENU. It follows `me.permissions`: an entry is shown when the user holds its permission.
 * A new capability adds ONE line here (plus its route in app/router.tsx); the labels already exist in
 * lib/locales. Planned entries, in their intended order:
 *
 *   { path: '/projects', label: 'nav.projects', icon: <ProjectOutlined />, permission: 'project:read' },
 *   { path: '/reform-tasks', label: 'nav.reformTasks', icon: <FlagOutlined />, permission: 'reform:read' },
 *   { path: '/enterprises', label: 'nav.enterprises', icon: <BankOutlined />, permission: 'enterprise:read' },
 *   { path: '/dashboard', label: 'nav.dashboard', icon: <DashboardOutlined />, permission: 'indicator:read' },
 */
export const NAV_ITEMS: NavItem[] = [
  { path: paths.home, label: 'nav.home', icon: <HomeOutlined /> },
  // 驾驶舱 and the personal to-do centre (everyone signed in has one; it lists what their roles make due).
  {
    path: paths.dashboard,
    label: 'nav.dashboard',
    icon: <DashboardOutlined />,
    permission: 'indicator:read',
  },
  { path: paths.todo, label: 'nav.todo', icon: <BellOutlined />, badge: TodoMenuBadge },
  // ── capability entries go here ──
  // 重大项目: the ledger, its problem list, dispatch meetings and the light rules.
  {
    path: paths.projects,
    label: 'nav.projectLedger',
    icon: <ProfileOutlined />,
    permission: 'project:read',
    group: 'projects',
  },
  {
    path: paths.problems,
    label: 'nav.problems',
    icon: <AlertOutlined />,
    permission: 'problem:read',
    group: 'projects',
  },
  {
    path: paths.meetings,
    label: 'nav.meetings',
    icon: <ScheduleOutlined />,
    permission: 'meeting:read',
    group: 'projects',
  },
  {
    path: paths.lightRules,
    label: 'nav.lightRules',
    icon: <BulbOutlined />,
    permission: 'ruleset:manage',
    group: 'projects',
  },

  // 改革任务: the ledger, the monthly reporting board, assessment and what changed.
  {
    path: paths.reformTasks,
    label: 'nav.reformLedger',
    icon: <SolutionOutlined />,
    permission: 'reform:read',
    group: 'reform',
  },
  {
    path: paths.reformPeriods,
    label: 'nav.reformBoard',
    icon: <CalendarOutlined />,
    permission: 'reform:read',
    group: 'reform',
  },
  {
    path: paths.reformScores,
    label: 'nav.reformScores',
    icon: <TrophyOutlined />,
    permission: 'reform:read',
    group: 'reform',
  },
  {
    path: paths.reformChanges,
    label: 'nav.reformChanges',
    icon: <DiffOutlined />,
    permission: 'reform:read',
    group: 'reform',
  },
  // 企业库: the registry, the candidate pool, the two 高企 views and the yearly counts.
  {
    path: paths.enterprises,
    label: 'nav.enterpriseRegistry',
    icon: <BankOutlined />,
    permission: 'enterprise:read',
    group: 'enterprises',
  },
  {
    path: paths.enterpriseCandidates,
    label: 'nav.enterpriseCandidates',
    icon: <RiseOutlined />,
    permission: 'enterprise:read',
    group: 'enterprises',
  },
  {
    path: paths.enterpriseHitechCandidates,
    label: 'nav.hitechCandidates',
    icon: <CrownOutlined />,
    permission: 'enterprise:read',
    group: 'enterprises',
  },
  {
    path: paths.enterpriseHitechExpiring,
    label: 'nav.hitechExpiring',
    icon: <HourglassOutlined />,
    permission: 'enterprise:read',
    group: 'enterprises',
  },
  {
    path: paths.enterpriseCounts,
    label: 'nav.enterpriseCounts',
    icon: <BarChartOutlined />,
    permission: 'enterprise:read',
    group: 'enterprises',
  },
  // 比学赶超 and 通报.
  {
    path: paths.rankings,
    label: 'nav.rankings',
    icon: <OrderedListOutlined />,
    permission: 'indicator:read',
  },
  { path: paths.briefings, label: 'nav.briefings', icon: <FileTextOutlined />, permission: 'briefing:read' },

  // ── 系统管理 ──
  {
    path: paths.units,
    label: 'nav.units',
    icon: <ApartmentOutlined />,
    permission: 'unit:read',
    group: 'admin',
  },
  { path: paths.users, label: 'nav.users', icon: <TeamOutlined />, permission: 'user:read', group: 'admin' },
  {
    path: paths.roles,
    label: 'nav.roles',
    icon: <SafetyCertificateOutlined />,
    permission: 'role:read',
    group: 'admin',
  },
  {
    path: paths.audit,
    label: 'nav.audit',
    icon: <AuditOutlined />,
    permission: 'audit:read',
    group: 'admin',
  },
];

/** Entries the user may see, given their permissions. */
export const visibleNavItems = (permissions: readonly string[]) =>
  NAV_ITEMS.filter((i) => !i.permission || permissions.includes(i.permission));

/** Users holding any of these see the API docs link in the user menu. */
export const API_DOCS_PERMISSIONS: Permission[] = ['user:manage', 'role:manage'];
