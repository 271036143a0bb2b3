import { useState } from 'react';
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Select, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { User } from '@contracts/schemas/org';
import { Page } from '@/components/page';
import { SecretModal, type Secret } from '@/components/secret-modal';
import { LoadErrorPage } from '@/components/status-pages';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { usePermission } from '@/lib/auth';
import { formatDateTime } from '@/lib/format';
import { useRoles } from '@/lib/org-lookups';
import { useUsers, type UsersParams } from '../api/get-users';
import { useResetPassword } from '../api/reset-password';
import { useUpdateUser } from '../api/update-user';
import { UserFormDrawer, type UserDrawerState } from './user-form-drawer';
import { UserStatusTags, isLocked } from './user-status-tags';

/** 用户: searchable, filterable list; create / edit / reset password / unlock where the record allows it. */
export function UsersPage() {
  const { t, i18n } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const canCreate = usePermission('user:manage');
  const [params, setParams] = useState<UsersParams>({ page: 1, pageSize: 20 });
  const [searchText, setSearchText] = useState('');
  const users = useUsers(params);
  const roles = useRoles();
  const reset = useResetPassword();
  const unlock = useUpdateUser({ silent: false });
  const [drawer, setDrawer] = useState<UserDrawerState>(null);
  const [secret, setSecret] = useState<Secret | null>(null);

  const filter = (patch: Partial<UsersParams>) => setParams((p) => ({ ...p, ...patch, page: 1 }));

  const showPassword = (user: User, password: string, title: string, hint: string) =>
    setSecret({
      title,
      hint,
      rows: [
        { label: t('users.username'), value: user.username },
        { label: t('users.passwordLabel'), value: password, secret: true },
      ],
    });

  const columns: ColumnsType<User> = [
    {
      title: t('users.username'),
      dataIndex: 'username',
      render: (v: string) => <Typography.Text strong>{v}</Typography.Text>,
    },
    { title: t('users.displayName'), dataIndex: 'displayName' },
    { title: t('users.unit'), dataIndex: 'unitName', render: (v: string | null) => v ?? '—' },
    {
      title: t('users.roles'),
      dataIndex: 'roles',
      render: (rs: User['roles']) => (
        <Space size={[0, 4]} wrap>
          {rs.map((r) => (
            <Tag key={r.id}>{r.name}</Tag>
          ))}
        </Space>
      ),
    },
    { title: t('common.status'), key: 'status', render: (_, u) => <UserStatusTags user={u} /> },
    { title: t('users.lastLoginAt'), dataIndex: 'lastLoginAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      // Pinned on wide screens so the buttons stay in view while the table scrolls.
      fixed: isMobile ? undefined : 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          {u.abilities.update ? (
            <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', user: u })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {u.abilities.resetPassword ? (
            <Popconfirm
              title={t('users.resetConfirm', { name: u.displayName })}
              onConfirm={() =>
                reset.mutate(u.id, {
                  onSuccess: (res) =>
                    showPassword(
                      u,
                      res.temporaryPassword,
                      t('users.tempPasswordTitle'),
                      t('users.tempPasswordHint'),
                    ),
                })
              }
            >
              <Button type="link" size="small">
                {t('users.resetPassword')}
              </Button>
            </Popconfirm>
          ) : null}
          {isLocked(u) && (u.abilities.unlock ?? u.abilities.update) ? (
            <Button
              type="link"
              size="small"
              loading={unlock.isPending && unlock.variables?.id === u.id}
              onClick={() =>
                unlock.mutate(
                  { id: u.id, input: { version: u.version, unlock: true } },
                  { onSuccess: () => void message.success(t('users.unlocked')) },
                )
              }
            >
              {t('users.unlock')}
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  const roleOptions = (roles.data ?? []).map((r) => ({
    value: r.id,
    label: i18n.language === 'en' ? r.nameEn : r.name,
  }));
  const filterWidth = (w: number) => ({ width: isMobile ? '100%' : w });

  return (
    <Page
      title={t('users.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
            {t('users.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('users.searchPlaceholder')}
            value={searchText}
            onChange={(e) => {
              setSearchText(e.target.value);
              if (!e.target.value) filter({ q: undefined });
            }}
            onSearch={(v) => filter({ q: v.trim() || undefined })}
            style={filterWidth(240)}
          />
          <UnitTreeSelect
            allowClear
            placeholder={t('users.filterUnit')}
            value={params.unitId}
            onChange={(v) => filter({ unitId: v })}
            style={filterWidth(220)}
          />
          <Select
            allowClear
            placeholder={t('users.filterRole')}
            options={roleOptions}
            value={params.roleId}
            onChange={(v: string | undefined) => filter({ roleId: v })}
            style={filterWidth(180)}
            showSearch
            optionFilterProp="label"
          />
          <Select
            allowClear
            placeholder={t('users.filterStatus')}
            value={params.disabled}
            onChange={(v: 'true' | 'false' | undefined) => filter({ disabled: v })}
            options={[
              { value: 'false', label: t('users.statusActive') },
              { value: 'true', label: t('users.statusDisabled') },
            ]}
            style={filterWidth(140)}
          />
        </Flex>
        {users.isError && !users.data ? (
          <LoadErrorPage error={users.error} onRetry={() => void users.refetch()} />
        ) : (
          <Table<User>
            data-testid="users-table"
            rowKey="id"
            columns={columns}
            dataSource={users.data?.data}
            loading={users.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: params.page,
              pageSize: params.pageSize,
              total: users.data?.total ?? 0,
              showSizeChanger: !isMobile,
              size: isMobile ? 'small' : 'default',
              showTotal: isMobile ? undefined : (total) => t('common.total', { count: total }),
              onChange: (page, pageSize) =>
                setParams((p) => ({ ...p, page: pageSize === p.pageSize ? page : 1, pageSize })),
            }}
          />
        )}
      </Card>
      <UserFormDrawer
        state={drawer}
        onClose={() => setDrawer(null)}
        onCreated={(user, password) => {
          void message.success(t('common.created'));
          if (password)
            showPassword(user, password, t('users.initialPasswordTitle'), t('users.initialPasswordHint'));
        }}
      />
      <SecretModal secret={secret} onClose={() => setSecret(null)} />
    </Page>
  );
}
