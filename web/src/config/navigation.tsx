import type { ReactNode } from 'react';
import {
  AuditOutlined,
  ApartmentOutlined,
  HomeOutlined,
  SafetyCertificateOutlined,
  SettingOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { Permission } from '@contracts/abilities';
import type { Messages } from '@/lib/locales/zh-CN';
import { paths } from './paths';

export type NavLabelKey = `nav.${keyof Messages['nav']}`;

export type NavGroupKey = 'admin';

export type NavItem = {
  /** Route path; also the menu key. */
  path: string;
  label: NavLabelKey;
  icon: ReactNode;
  /** Shown only to holders of this permission; absent = everyone signed in. */
  permission?: Permission;
  /** Items with a group are nested under that group's sub-menu; others are top level, in array order. */
  group?: NavGroupKey;
};

export const NAV_GROUPS: Record<NavGroupKey, { label: NavLabelKey; icon: ReactNode }> = {
  admin: { label: 'nav.admin', icon: <SettingOutlined /> },
};

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
  // ── capability entries go here ──

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
