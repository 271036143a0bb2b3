import { useMemo, useState } from 'react';
import {
  DeleteOutlined,
  DownloadOutlined,
  PlusOutlined,
  SaveOutlined,
  UploadOutlined,
} from '@ant-design/icons';
import { App, Button, Card, Flex, Input, Modal, Select, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table/interface';
import { useListSearch } from '@/components/list-table';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { PROJECT_CATEGORIES, PROJECT_LEVELS, type ProjectListItem } from '@contracts/schemas/projects';
import { ImportWizard } from '@/components/import-wizard';
import { LightTag } from '@/components/light-tag';
import { useMoneyFormat } from '@/components/money';
import { Page } from '@/components/page';
import { StageTag } from '@/components/stage-tag';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { PROJECT_FILTER_KEYS, exportProjects, useProjects, type ProjectsParams } from '../api/get-projects';
import { useCreateSavedView, useDeleteSavedView, useSavedViews } from '../api/saved-views';
import { ProjectFilters, type ProjectFilterValues } from './project-filters';
import { ProjectFormDrawer } from './project-form-drawer';

const LEDGER = 'projects';
const NUMERIC = new Set<string>(['agreedFrom', 'agreedTo']);
const SORTABLE = ['name', 'agreedInvestment', 'signedOn', 'startedOn', 'updatedAt', 'stage'] as const;

/**
 * 项目台账: the major-project ledger with server-side filters, sort and paging. The query lives in the URL
 * (so a link or a saved view restores it); export downloads exactly the filtered list.
 */
export function ProjectsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const navigate = useNavigate();
  const money = useMoneyFormat();
  const canCreate = usePermission('project:create');
  const canImport = usePermission('project:import');
  const canExport = usePermission('project:export');
  const { search, setSearch, page, pageSize, sort, update, sortOrder, tableProps } = useListSearch('-updatedAt');
  const [creating, setCreating] = useState(false);
  const [importing, setImporting] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [viewName, setViewName] = useState<string | null>(null);
  const views = useSavedViews(LEDGER);
  const saveView = useCreateSavedView();
  const deleteView = useDeleteSavedView();

  const filters = useMemo<ProjectFilterValues>(() => {
    const out: Record<string, string | number> = {};
    for (const k of PROJECT_FILTER_KEYS) {
      const v = search.get(k);
      if (v === null || v === '') continue;
      out[k] = NUMERIC.has(k) ? Number(v) : v;
    }
    return out as ProjectFilterValues;
  }, [search]);
  const params: ProjectsParams = {
    ...filters,
    page,
    pageSize,
    sort,
  };
  const list = useProjects(params);

  const listTable = tableProps<ProjectListItem>(SORTABLE, list.data?.total ?? 0);

  const applyView = (id: string) => {
    const view = views.data?.find((v) => v.id === id);
    if (!view) return;
    const next = new URLSearchParams();
    for (const [k, v] of Object.entries(view.query)) next.set(k, Array.isArray(v) ? v.join(',') : v);
    setSearch(next, { replace: true });
  };

  const currentQuery = () => {
    const q: Record<string, string> = {};
    for (const k of PROJECT_FILTER_KEYS) {
      const v = search.get(k);
      if (v) q[k] = v;
    }
    const sort = search.get('sort');
    if (sort) q.sort = sort;
    return q;
  };

  const doExport = async () => {
    setExporting(true);
    try {
      const { page: _p, pageSize: _s, ...rest } = params;
      await exportProjects(rest);
    } catch (e) {
      void message.error(isApiError(e) || e instanceof Error ? e.message : String(e));
    } finally {
      setExporting(false);
    }
  };


  const columns: ColumnsType<ProjectListItem> = [
    {
      title: t('projects.name'),
      dataIndex: 'name',
      key: 'name',
      sorter: true,
      sortOrder: sortOrder('name'),
      fixed: isMobile ? undefined : 'left',
      render: (name: string, p) => (
        <div style={{ minWidth: 160, maxWidth: isMobile ? 200 : 320, whiteSpace: 'normal' }}>
          <Link to={`${paths.projects}/${p.id}`} data-testid="project-link">
            {name}
          </Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {p.projectCode ?? p.legacyProjectCode ?? p.internalId}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('projects.stage'),
      dataIndex: 'stage',
      key: 'stage',
      sorter: true,
      sortOrder: sortOrder('stage'),
      render: (s: number, p) => <StageTag stage={s} terminated={p.terminated} suspended={p.suspended} />,
    },
    {
      title: t('projects.light'),
      dataIndex: 'light',
      key: 'light',
      render: (l: ProjectListItem['light']) => <LightTag light={l} />,
    },
    {
      title: t('projects.agreedInvestment'),
      dataIndex: 'agreedInvestment',
      key: 'agreedInvestment',
      align: 'right',
      sorter: true,
      sortOrder: sortOrder('agreedInvestment'),
      render: (v: number | null) => <span style={{ whiteSpace: 'nowrap' }}>{money(v)}</span>,
    },
    {
      title: t('projects.region'),
      dataIndex: 'regionName',
      key: 'region',
      render: (v: string | null, p) => v ?? p.regionCode,
    },
    {
      title: t('projects.responsibleUnit'),
      dataIndex: 'responsibleUnitName',
      key: 'unit',
      render: (v: string | null, p) => (
        <span>
          {v ?? '—'}
          {p.zoneUnitName && p.zoneUnitName !== v ? (
            <Typography.Text type="secondary"> · {p.zoneUnitName}</Typography.Text>
          ) : null}
        </span>
      ),
    },
    {
      title: t('projects.level'),
      dataIndex: 'level',
      key: 'level',
      render: (v: string) => {
        const l = PROJECT_LEVELS.find((x) => x.value === v);
        return l ? pickLabel(l, lang) : v;
      },
    },
    {
      title: t('projects.category'),
      dataIndex: 'category',
      key: 'category',
      render: (v: string) => {
        const c = PROJECT_CATEGORIES.find((x) => x.value === v);
        return c ? pickLabel(c, lang) : v;
      },
    },
    {
      title: t('projects.signedOn'),
      dataIndex: 'signedOn',
      key: 'signedOn',
      sorter: true,
      sortOrder: sortOrder('signedOn'),
      render: formatDate,
    },
    {
      title: t('projects.startedOn'),
      dataIndex: 'startedOn',
      key: 'startedOn',
      sorter: true,
      sortOrder: sortOrder('startedOn'),
      render: formatDate,
    },
  ];

  const viewOptions = (views.data ?? []).map((v) => ({
    value: v.id,
    label: (
      <Flex justify="space-between" align="center" gap={8}>
        <span style={{ overflow: 'hidden', textOverflow: 'ellipsis' }}>{v.name}</span>
        <DeleteOutlined
          aria-label={t('common.delete')}
          onClick={(e) => {
            e.stopPropagation();
            deleteView.mutate(v.id, { onSuccess: () => void message.success(t('common.deleted')) });
          }}
        />
      </Flex>
    ),
    name: v.name,
  }));

  return (
    <Page
      title={t('projects.title')}
      extra={
        <>
          {canExport ? (
            <Button
              icon={<DownloadOutlined />}
              loading={exporting}
              onClick={() => void doExport()}
              data-testid="project-export"
            >
              {t('projects.export')}
            </Button>
          ) : null}
          {canImport ? (
            <Button icon={<UploadOutlined />} onClick={() => setImporting(true)} data-testid="project-import">
              {t('projects.import')}
            </Button>
          ) : null}
          {canCreate ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setCreating(true)}
              data-testid="project-create"
            >
              {t('projects.create')}
            </Button>
          ) : null}
        </>
      }
    >
      <Card>
        <ProjectFilters
          values={filters}
          onChange={(patch) => update(patch as Record<string, string | number | undefined>)}
          onReset={() => setSearch(new URLSearchParams(), { replace: true })}
          extra={
            <Flex gap={8} wrap style={{ width: isMobile ? '100%' : undefined }}>
              <Select
                placeholder={t('projects.views')}
                options={viewOptions}
                optionLabelProp="name"
                value={null}
                onChange={(id: string) => applyView(id)}
                notFoundContent={t('projects.noViews')}
                style={{ width: isMobile ? 'calc(100% - 48px)' : 160 }}
                popupMatchSelectWidth={false}
                data-testid="saved-views"
              />
              <Button
                icon={<SaveOutlined />}
                aria-label={t('projects.saveView')}
                title={t('projects.saveView')}
                onClick={() => setViewName('')}
              />
            </Flex>
          }
        />
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<ProjectListItem>
            data-testid="projects-table"
            rowKey="id"
            size="middle"
            columns={columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            onRow={(p) => ({ onDoubleClick: () => void navigate(`${paths.projects}/${p.id}`) })}
            {...listTable}
          />
        )}
      </Card>
      <ProjectFormDrawer
        state={creating ? { mode: 'create' } : null}
        onClose={() => setCreating(false)}
        onSaved={(p) => {
          setCreating(false);
          void navigate(`${paths.projects}/${p.id}`);
        }}
      />
      <ImportWizard
        ledger={LEDGER}
        title={t('projects.importTitle')}
        open={importing}
        onClose={() => setImporting(false)}
        onImported={() => void list.refetch()}
      />
      <Modal
        open={viewName !== null}
        title={t('projects.saveView')}
        onCancel={() => setViewName(null)}
        okButtonProps={{ disabled: !viewName?.trim(), loading: saveView.isPending }}
        onOk={() =>
          saveView.mutate(
            { ledger: LEDGER, name: viewName!.trim(), query: currentQuery() },
            {
              onSuccess: () => {
                setViewName(null);
                void message.success(t('projects.viewSaved'));
              },
            },
          )
        }
        destroyOnHidden
      >
        <Typography.Paragraph type="secondary">{t('projects.saveViewHelp')}</Typography.Paragraph>
        <Input
          autoFocus
          maxLength={100}
          value={viewName ?? ''}
          onChange={(e) => setViewName(e.target.value)}
          placeholder={t('projects.viewNamePlaceholder')}
        />
      </Modal>
    </Page>
  );
}
