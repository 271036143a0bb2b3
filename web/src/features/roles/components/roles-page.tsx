import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { DATA_SCOPE_LABELS } from '@contracts/abilities';
import type { Role } from '@contracts/schemas/org';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { usePermission } from '@/lib/auth';
import { pickLabel } from '@/lib/i18n';
import { useRoles } from '@/lib/org-lookups';
import { useDeleteRole } from '../api/delete-role';
import { RoleFormDrawer, type RoleDrawerState } from './role-form-drawer';

/** 角色: roles with their data scope and permission count; edit / delete where the record allows it. */
export function RolesPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const canCreate = usePermission('role:manage');
  const roles = useRoles();
  const remove = useDeleteRole();
  const [drawer, setDrawer] = useState<RoleDrawerState>(null);
  const en = i18n.language === 'en';

  const columns: ColumnsType<Role> = [
    {
      title: t('roles.name'),
      dataIndex: 'name',
      render: (_, r) => (
        <Space size={4} wrap>
          <Typography.Text strong>{en ? r.nameEn : r.name}</Typography.Text>
          {r.builtin ? <Tag>{t('roles.builtin')}</Tag> : null}
        </Space>
      ),
    },
    {
      title: t('roles.code'),
      dataIndex: 'code',
      render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
    },
    {
      title: t('roles.dataScope'),
      dataIndex: 'dataScope',
      render: (s: Role['dataScope']) => (
        <Tag color="geekblue">{pickLabel(DATA_SCOPE_LABELS[s], i18n.language)}</Tag>
      ),
    },
    {
      title: t('roles.permissionCount'),
      key: 'permissions',
      align: 'right',
      render: (_, r) => r.permissions.length,
    },
    { title: t('roles.userCount'), dataIndex: 'userCount', align: 'right' },
    {
      title: t('roles.description'),
      dataIndex: 'description',
      render: (v: string | null) =>
        v ? (
          <Typography.Text ellipsis={{ tooltip: v }} style={{ maxWidth: 280 }}>
            {v}
          </Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('common.actions'),
      key: 'actions',
      // Pinned on wide screens so the buttons stay in view while the table scrolls.
      fixed: isMobile ? undefined : 'right',
      render: (_, r) => (
        <Space size={0} wrap>
          {r.abilities.update ? (
            <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', role: r })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {r.abilities.delete ? (
            <Popconfirm
              title={t('roles.deleteConfirm', { name: en ? r.nameEn : r.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutate(r.id, { onSuccess: () => void message.success(t('common.deleted')) })
              }
            >
              <Button type="link" size="small" danger>
                {t('common.delete')}
              </Button>
            </Popconfirm>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <Page
      title={t('roles.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
            {t('roles.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        {roles.isError && !roles.data ? (
          <LoadErrorPage error={roles.error} onRetry={() => void roles.refetch()} />
        ) : (
          <Table<Role>
            data-testid="roles-table"
            rowKey="id"
            columns={columns}
            dataSource={roles.data}
            loading={roles.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
          />
        )}
      </Card>
      <RoleFormDrawer state={drawer} onClose={() => setDrawer(null)} />
    </Page>
  );
}
