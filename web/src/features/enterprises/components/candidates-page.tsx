import { useState } from 'react';
import { DeleteOutlined, EditOutlined, PlusOutlined } from '@ant-design/icons';
import {
  Alert,
  App,
  Button,
  Card,
  DatePicker,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  QUALIFICATION_TYPES,
  QUALIFICATION_TYPE_LABELS,
  type Candidate,
  type QualificationType,
} from '@contracts/schemas/enterprises';
import { FilterBar } from '@/components/filter-bar';
import { Page } from '@/components/page';
import { RegionSelect } from '@/components/region-select';
import { LoadErrorPage } from '@/components/status-pages';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { usePermission } from '@/lib/auth';
import { formatDate } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useCandidates } from '../api/get-views';
import { useCreateCandidate, useDeleteCandidate, useUpdateCandidate } from '../api/save-enterprise';
import { EligibilitySummaryTag } from './eligibility-summary';
import { EnterpriseSelect, QualificationTag } from './enterprise-tags';

type CForm = {
  enterpriseId?: string;
  targetTier: QualificationType;
  mentorUnitId?: string | null;
  since?: Dayjs | null;
  note?: string;
};
const errorText = (e: unknown) => (isApiError(e) || e instanceof Error ? e.message : String(e));

/** 后备库: enterprises being cultivated toward a tier, with a mentor unit and their current eligibility for it. */
export function CandidatesPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const { message } = App.useApp();
  const isMobile = useIsMobile();
  const canManage = usePermission('enterprise:manage');
  const [search, setSearch] = useSearchParams();
  const params = {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: 20,
    targetTier: search.get('targetTier') ?? undefined,
    mentorUnitId: search.get('mentorUnitId') ?? undefined,
    regionCode: search.get('regionCode') ?? undefined,
    eligible: search.get('eligible') ?? undefined,
    q: search.get('q') ?? undefined,
  };
  const list = useCandidates(params);
  const create = useCreateCandidate();
  const update = useUpdateCandidate();
  const remove = useDeleteCandidate();
  const [editing, setEditing] = useState<Candidate | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [form] = Form.useForm<CForm>();
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    next.delete('page');
    setSearch(next, { replace: true });
  };

  const open = (c: Candidate | 'new') => {
    setError(null);
    form.resetFields();
    if (c === 'new') form.setFieldsValue({ targetTier: 'hitech', since: dayjs() });
    else
      form.setFieldsValue({
        targetTier: c.targetTier,
        mentorUnitId: c.mentorUnitId,
        since: dayjs(c.since),
        note: c.note ?? undefined,
      });
    setEditing(c);
  };
  const submit = (v: CForm) => {
    const body = {
      targetTier: v.targetTier,
      mentorUnitId: v.mentorUnitId ?? null,
      since: v.since ? v.since.format('YYYY-MM-DD') : undefined,
      note: v.note?.trim() || null,
    };
    const done = {
      onSuccess: () => {
        setEditing(null);
        void message.success(t('common.saved'));
      },
      onError: (e: unknown) => setError(errorText(e)),
    };
    if (editing === 'new') create.mutate({ enterpriseId: v.enterpriseId!, ...body }, done);
    else if (editing) update.mutate({ id: editing.id, input: { ...body, version: editing.version } }, done);
  };

  const columns: ColumnsType<Candidate> = [
    {
      title: t('enterprises.name'),
      key: 'e',
      render: (_, c) => (
        <div style={{ minWidth: 180, maxWidth: 300, whiteSpace: 'normal' }}>
          <Link to={`${paths.enterprises}/${c.enterprise.id}`}>{c.enterprise.name}</Link>
          <div>
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {c.enterprise.regionName ?? c.enterprise.regionCode} · {c.enterprise.creditCode}
            </Typography.Text>
          </div>
        </div>
      ),
    },
    {
      title: t('enterprises.targetTier'),
      dataIndex: 'targetTier',
      render: (x: QualificationType, c) => (
        <Flex gap={4} wrap>
          <QualificationTag type={x} />
          {c.achieved ? <Tag color="success">{t('enterprises.achieved')}</Tag> : null}
        </Flex>
      ),
    },
    {
      title: t('enterprises.eligibilityNow'),
      key: 'elig',
      render: (_, c) => <EligibilitySummaryTag summary={c.eligibility} enterpriseId={c.enterprise.id} />,
    },
    {
      title: t('enterprises.mentorUnit'),
      dataIndex: 'mentorUnitName',
      render: (v: string | null) => v ?? '—',
    },
    { title: t('enterprises.since'), dataIndex: 'since', render: formatDate },
    {
      title: t('enterprises.note'),
      dataIndex: 'note',
      render: (v: string | null) => (
        <span style={{ whiteSpace: 'normal', display: 'inline-block', minWidth: 120, maxWidth: 220 }}>
          {v ?? '—'}
        </span>
      ),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'a',
            render: (_: unknown, c: Candidate) => (
              <Flex gap={4}>
                {c.abilities.update ? (
                  <Button
                    size="small"
                    icon={<EditOutlined />}
                    aria-label={t('common.edit')}
                    onClick={() => open(c)}
                  />
                ) : null}
                {c.abilities.delete ? (
                  <Popconfirm
                    title={t('enterprises.removeCandidate')}
                    onConfirm={() =>
                      remove.mutate(c.id, { onError: (e) => void message.error(errorText(e)) })
                    }
                  >
                    <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('common.delete')} />
                  </Popconfirm>
                ) : null}
              </Flex>
            ),
          },
        ]
      : []),
  ];

  return (
    <Page
      title={t('enterprises.candidatesTitle')}
      extra={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')}>
            {t('enterprises.addCandidate')}
          </Button>
        ) : null
      }
    >
      <Card>
        <FilterBar
          primary={
            <Input.Search
              allowClear
              defaultValue={params.q}
              onSearch={(v) => set('q', v.trim() || undefined)}
              placeholder={t('enterprises.searchPlaceholder')}
              style={{ width: isMobile ? '100%' : 240 }}
            />
          }
          activeCount={
            [params.targetTier, params.mentorUnitId, params.regionCode, params.eligible].filter(Boolean)
              .length
          }
          onReset={() => setSearch({}, { replace: true })}
        >
          <Select
            allowClear
            value={params.targetTier}
            onChange={(v: string | undefined) => set('targetTier', v)}
            placeholder={t('enterprises.targetTier')}
            options={QUALIFICATION_TYPES.map((q) => ({
              value: q,
              label: pickLabel(QUALIFICATION_TYPE_LABELS[q], lang),
            }))}
            style={{ width: isMobile ? '100%' : 170 }}
            popupMatchSelectWidth={false}
          />
          <div style={{ width: isMobile ? '100%' : 200 }}>
            <UnitTreeSelect
              allowClear
              value={params.mentorUnitId}
              onChange={(v) => set('mentorUnitId', v)}
              placeholder={t('enterprises.mentorUnit')}
            />
          </div>
          <div style={{ width: isMobile ? '100%' : 180 }}>
            <RegionSelect
              value={params.regionCode}
              onChange={(v) => set('regionCode', v)}
              placeholder={t('enterprises.region')}
            />
          </div>
          <Select
            allowClear
            value={params.eligible}
            onChange={(v: string | undefined) => set('eligible', v)}
            placeholder={t('enterprises.eligibilityNow')}
            options={[
              { value: 'true', label: t('enterprises.meets') },
              { value: 'false', label: t('enterprises.doesNotMeet') },
            ]}
            style={{ width: isMobile ? '100%' : 130 }}
          />
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Candidate>
            data-testid="candidates-table"
            rowKey="id"
            columns={columns}
            dataSource={list.data?.data}
            loading={list.isFetching}
            scroll={{ x: 'max-content' }}
            pagination={{
              current: params.page,
              pageSize: 20,
              total: list.data?.total ?? 0,
              showSizeChanger: false,
              onChange: (p) => set('page', String(p)),
              showTotal: isMobile ? undefined : (total) => t('common.total', { count: total }),
            }}
          />
        )}
      </Card>
      <Modal
        open={editing !== null}
        title={editing === 'new' ? t('enterprises.addCandidate') : t('enterprises.editCandidate')}
        onCancel={() => setEditing(null)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending || update.isPending}
        destroyOnHidden
        forceRender
      >
        {error ? <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} /> : null}
        <Form<CForm> form={form} layout="vertical" onFinish={submit}>
          {editing === 'new' ? (
            <Form.Item
              name="enterpriseId"
              label={t('enterprises.name')}
              rules={[{ required: true, message: t('enterprises.pickEnterprise') }]}
            >
              <EnterpriseSelect placeholder={t('enterprises.searchPlaceholder')} />
            </Form.Item>
          ) : null}
          <Form.Item name="targetTier" label={t('enterprises.targetTier')} rules={[{ required: true }]}>
            <Select
              options={QUALIFICATION_TYPES.map((q) => ({
                value: q,
                label: pickLabel(QUALIFICATION_TYPE_LABELS[q], lang),
              }))}
            />
          </Form.Item>
          <Form.Item name="mentorUnitId" label={t('enterprises.mentorUnit')}>
            <UnitTreeSelect allowClear />
          </Form.Item>
          <Form.Item name="since" label={t('enterprises.since')}>
            <DatePicker style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="note" label={t('enterprises.note')}>
            <Input.TextArea autoSize maxLength={2000} />
          </Form.Item>
        </Form>
      </Modal>
    </Page>
  );
}
