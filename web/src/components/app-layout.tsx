import { Suspense, useMemo, useState, type ComponentType, type ReactNode } from 'react';
import {
  ApiOutlined,
  DownOutlined,
  KeyOutlined,
  LockOutlined,
  LogoutOutlined,
  MenuFoldOutlined,
  MenuOutlined,
  MenuUnfoldOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { Avatar, Button, Drawer, Dropdown, Layout, Menu, Typography, theme, type MenuProps } from 'antd';
import { useTranslation } from 'react-i18next';
import { Outlet, useLocation, useNavigate } from 'react-router';
import {
  API_DOCS_PERMISSIONS,
  HEADER_WIDGETS,
  NAV_GROUPS,
  visibleNavItems,
  type NavGroupKey,
  type NavItem,
} from '@/config/navigation';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { hasPermission, useCurrentUser, useLogout } from '@/lib/auth';
import { LanguageSwitch } from './language-switch';
import { SectionLoading } from './status-pages';

const groupKey = (g: NavGroupKey) => `group:${g}`;

/** A menu label with its optional count badge (see NavItem.badge). */
const withBadge = (label: string, Badge?: ComponentType): ReactNode =>
  Badge ? (
    <span>
      {label}
      <Badge />
    </span>
  ) : (
    label
  );

/** The menu item whose path matches the location best ('/' only exactly, others by prefix). */
function selectedPath(items: NavItem[], pathname: string): string | undefined {
  let best: string | undefined;
  for (const i of items) {
    const match =
      i.path === '/' ? pathname === '/' : pathname === i.path || pathname.startsWith(`${i.path}/`);
    if (match && (!best || i.path.length > best.length)) best = i.path;
  }
  return best;
}

function Brand({ collapsed = false }: { collapsed?: boolean }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  return (
    <div
      style={{
        display: 'flex',
        alignItems: 'center',
        gap: 10,
        height: 56,
        padding: collapsed ? '0 24px' : '0 20px',
      }}
    >
      <div
        aria-hidden
        style={{
          width: 32,
          height: 32,
          flex: '0 0 32px',
          borderRadius: 8,
          background: token.colorPrimary,
          color: '#fff',
          display: 'flex',
          alignItems: 'center',
          justifyContent: 'center',
          fontWeight: 700,
        }}
      >
        攻
      </div>
      {collapsed ? null : (
        <Typography.Text strong style={{ fontSize: 16, whiteSpace: 'nowrap' }}>
          {t('app.name')}
        </Typography.Text>
      )}
    </div>
  );
}

function UserMenu({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const me = useCurrentUser();
  const navigate = useNavigate();
  const logout = useLogout();
  const items: MenuProps['items'] = [
    { key: 'who', label: `${me.displayName}（${me.username}）`, disabled: true },
    { type: 'divider' },
    { key: paths.changePassword, icon: <LockOutlined />, label: t('header.changePassword') },
    { key: paths.security, icon: <KeyOutlined />, label: t('header.security') },
    ...(hasPermission(me, API_DOCS_PERMISSIONS)
      ? [
          {
            key: paths.apiDocs,
            icon: <ApiOutlined />,
            label: (
              <a href={paths.apiDocs} target="_blank" rel="noreferrer">
                {t('header.apiDocs')}
              </a>
            ),
          },
        ]
      : []),
    { type: 'divider' },
    { key: 'logout', icon: <LogoutOutlined />, label: t('header.logout'), danger: true },
  ];
  return (
    <Dropdown
      trigger={['click']}
      menu={{
        items,
        onClick: ({ key }) => {
          if (key === 'logout') logout.mutate();
          else if (key === paths.changePassword || key === paths.security) void navigate(key);
        },
      }}
    >
      <Button type="text" data-testid="user-menu" style={{ paddingInline: 6, maxWidth: compact ? 48 : 220 }}>
        <Avatar size="small" icon={<UserOutlined />} />
        {compact ? null : (
          <>
            <span style={{ overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }}>
              {me.displayName}
            </span>
            <DownOutlined style={{ fontSize: 10 }} />
          </>
        )}
      </Button>
    </Dropdown>
  );
}

/**
 * The signed-in shell: a side menu on desktop, a drawer behind a hamburger on phones (≤ 768 px),
 * a header with the product name, language switch and user menu. The menu follows me.permissions
 * (see config/navigation.tsx).
 */
export function AppLayout({ children }: { children?: ReactNode }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const me = useCurrentUser();
  const isMobile = useIsMobile();
  const [collapsed, setCollapsed] = useState(false);
  const [drawerOpen, setDrawerOpen] = useState(false);
  const location = useLocation();
  const navigate = useNavigate();

  const navItems = useMemo(() => visibleNavItems(me.permissions), [me.permissions]);

  const menuItems = useMemo<MenuProps['items']>(() => {
    const out: NonNullable<MenuProps['items']> = [];
    const groups = new Map<
      NavGroupKey,
      {
        key: string;
        icon: ReactNode;
        label: ReactNode;
        children: { key: string; icon: ReactNode; label: ReactNode }[];
      }
    >();
    for (const item of navItems) {
      const entry = { key: item.path, icon: item.icon, label: withBadge(t(item.label), item.badge) };
      if (!item.group) {
        out.push(entry);
        continue;
      }
      let group = groups.get(item.group);
      if (!group) {
        const def = NAV_GROUPS[item.group];
        group = {
          key: groupKey(item.group),
          icon: def.icon,
          label: withBadge(t(def.label), def.badge),
          children: [],
        };
        groups.set(item.group, group);
        out.push(group);
      }
      group.children.push(entry);
    }
    return out;
  }, [navItems, t]);

  const selected = selectedPath(navItems, location.pathname);
  const menu = (
    <Menu
      data-testid="main-menu"
      mode="inline"
      items={menuItems}
      selectedKeys={selected ? [selected] : []}
      defaultOpenKeys={Object.keys(NAV_GROUPS).map((g) => groupKey(g as NavGroupKey))}
      onClick={({ key }) => {
        setDrawerOpen(false);
        void navigate(key);
      }}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      {isMobile ? (
        <Drawer
          placement="left"
          open={drawerOpen}
          onClose={() => setDrawerOpen(false)}
          width={264}
          title={<Brand />}
          closable={false}
          styles={{ header: { padding: 0 }, body: { padding: 0 } }}
        >
          {menu}
        </Drawer>
      ) : (
        <Layout.Sider
          theme="light"
          width={224}
          collapsible
          collapsed={collapsed}
          trigger={null}
          style={{
            position: 'sticky',
            top: 0,
            height: '100vh',
            overflowY: 'auto',
            borderInlineEnd: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Brand collapsed={collapsed} />
          {menu}
        </Layout.Sider>
      )}
      <Layout style={{ minWidth: 0 }}>
        <Layout.Header
          style={{
            position: 'sticky',
            top: 0,
            zIndex: 20,
            display: 'flex',
            alignItems: 'center',
            gap: 4,
            height: 56,
            lineHeight: '56px',
            padding: isMobile ? '0 8px' : '0 16px',
            background: token.colorBgContainer,
            borderBottom: `1px solid ${token.colorBorderSecondary}`,
          }}
        >
          <Button
            type="text"
            data-testid="menu-toggle"
            aria-label={isMobile ? t('nav.openMenu') : t('nav.collapseMenu')}
            icon={isMobile ? <MenuOutlined /> : collapsed ? <MenuUnfoldOutlined /> : <MenuFoldOutlined />}
            onClick={() => (isMobile ? setDrawerOpen(true) : setCollapsed((c) => !c))}
          />
          <Typography.Text
            strong
            style={{
              flex: 1,
              minWidth: 0,
              fontSize: isMobile ? 15 : 17,
              whiteSpace: 'nowrap',
              overflow: 'hidden',
              textOverflow: 'ellipsis',
            }}
          >
            {t('app.fullName')}
          </Typography.Text>
          {HEADER_WIDGETS.map((Widget, i) => (
            <Widget key={i} compact={isMobile} />
          ))}
          <LanguageSwitch compact={isMobile} />
          <UserMenu compact={isMobile} />
        </Layout.Header>
        <Layout.Content style={{ padding: isMobile ? 12 : 24, minWidth: 0 }}>
          <Suspense fallback={<SectionLoading />}>{children ?? <Outlet />}</Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
