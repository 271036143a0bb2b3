import { useMemo, useState, type Key } from 'react';
import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Popconfirm, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@contracts/schemas/org';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { usePermission } from '@/lib/auth';
import { buildUnitTree, useUnitTree, type UnitNode } from '@/lib/org-lookups';
import { useDeleteUnit } from '../api/delete-unit';
import { UnitFormDrawer, type UnitDrawerState } from './unit-form-drawer';
import { UnitKindTag } from './unit-kind-tag';
import { UnitMembersModal } from './unit-members-modal';

/** Keeps the nodes matching the filter, with their ancestors so the tree stays readable. */
function filterTree(nodes: UnitNode[], q: string): UnitNode[] {
  const out: UnitNode[] = [];
  for (const n of nodes) {
    const children = n.children ? filterTree(n.children, q) : [];
    const hit = [n.name, n.shortName ?? '', n.code ?? ''].some((s) => s.toLowerCase().includes(q));
    if (hit || children.length)
      out.push({ ...n, children: children.length ? children : hit ? n.children : undefined });
  }
  return out;
}

function allKeys(nodes: UnitNode[], acc: string[] = []): string[] {
  for (const n of nodes) {
    if (n.children?.length) {
      acc.push(n.id);
      allKeys(n.children, acc);
    }
  }
  return acc;
}

/** 组织机构: the unit tree with kinds, create / edit / delete per the server's abilities, task-force members. */
export function UnitsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const canCreate = usePermission('unit:manage');
  const units = useUnitTree();
  const remove = useDeleteUnit();
  const [search, setSearch] = useState('');
  const [expanded, setExpanded] = useState<readonly Key[] | null>(null);
  const [drawer, setDrawer] = useState<UnitDrawerState>(null);
  const [membersOf, setMembersOf] = useState<Unit | null>(null);

  const tree = useMemo(() => buildUnitTree(units.data ?? []), [units.data]);
  const hasMemberCounts = (units.data ?? []).some((u) => u.memberCount !== undefined);
  const q = search.trim().toLowerCase();
  const shown = useMemo(() => (q ? filterTree(tree, q) : tree), [tree, q]);
  // Default: top level open. While filtering: everything open so the matches are visible.
  const expandedKeys = q ? allKeys(shown) : (expanded ?? tree.map((n) => n.id));

  const columns: ColumnsType<UnitNode> = [
    {
      title: t('units.name'),
      dataIndex: 'name',
      render: (name: string, u) => (
        <span>
          {name}
          {u.shortName && u.shortName !== name ? (
            <Typography.Text type="secondary"> （{u.shortName}）</Typography.Text>
          ) : null}
        </span>
      ),
    },
    { title: t('units.kind'), dataIndex: 'kind', render: (k: Unit['kind']) => <UnitKindTag kind={k} /> },
    { title: t('units.code'), dataIndex: 'code', render: (v: string | null) => v ?? '—' },
    {
      title: t('units.region'),
      dataIndex: 'regionName',
      render: (v: string | null, u) => v ?? u.regionCode,
    },
    { title: t('units.sort'), dataIndex: 'sort', align: 'right' },
    {
      title: t('common.status'),
      dataIndex: 'active',
      render: (active: boolean) =>
        active ? <Tag color="success">{t('units.active')}</Tag> : <Tag>{t('units.inactive')}</Tag>,
    },
    ...(hasMemberCounts
      ? [
          {
            title: t('units.memberCount'),
            dataIndex: 'memberCount',
            align: 'right' as const,
            render: (v: number | undefined, u: UnitNode) => (u.kind === 'task_force' ? (v ?? '—') : ''),
          },
        ]
      : []),
    {
      title: t('common.actions'),
      key: 'actions',
      // Pinned on wide screens so the buttons stay in view while the table scrolls.
      fixed: isMobile ? undefined : 'right',
      render: (_, u) => (
        <Space size={0} wrap>
          {u.abilities.update ? (
            <Button type="link" size="small" onClick={() => setDrawer({ mode: 'edit', unit: u })}>
              {t('common.edit')}
            </Button>
          ) : null}
          {canCreate ? (
            <Button type="link" size="small" onClick={() => setDrawer({ mode: 'create', parentId: u.id })}>
              {t('units.createChild')}
            </Button>
          ) : null}
          {u.kind === 'task_force' ? (
            <Button type="link" size="small" onClick={() => setMembersOf(u)}>
              {t('units.members')}
            </Button>
          ) : null}
          {u.abilities.delete ? (
            <Popconfirm
              title={t('units.deleteConfirm', { name: u.name })}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove.mutate(u.id, { onSuccess: () => void message.success(t('common.deleted')) })
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
      title={t('units.title')}
      extra={
        canCreate ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setDrawer({ mode: 'create' })}>
            {t('units.create')}
          </Button>
        ) : null
      }
    >
      <Card>
        <Flex gap={8} wrap style={{ marginBottom: 12 }}>
          <Input.Search
            allowClear
            placeholder={t('units.searchPlaceholder')}
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            style={{ width: isMobile ? '100%' : 280 }}
          />
          <Button onClick={() => setExpanded(allKeys(tree))} disabled={Boolean(q)}>
            {t('units.expandAll')}
          </Button>
          <Button onClick={() => setExpanded([])} disabled={Boolean(q)}>
            {t('units.collapseAll')}
          </Button>
          <Button
            icon={<ReloadOutlined />}
            aria-label={t('common.refresh')}
            onClick={() => void units.refetch()}
          />
        </Flex>
        {units.isError ? (
          <LoadErrorPage error={units.error} onRetry={() => void units.refetch()} />
        ) : (
          <Table<UnitNode>
            data-testid="units-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={shown}
            loading={units.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{
              expandedRowKeys: expandedKeys,
              onExpandedRowsChange: (keys) => {
                if (!q) setExpanded(keys);
              },
            }}
          />
        )}
      </Card>
      <UnitFormDrawer state={drawer} units={units.data ?? []} onClose={() => setDrawer(null)} />
      <UnitMembersModal key={membersOf?.id ?? 'none'} unit={membersOf} onClose={() => setMembersOf(null)} />
    </Page>
  );
}
