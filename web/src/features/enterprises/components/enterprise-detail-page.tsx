import { useState } from 'react';
import { ArrowLeftOutlined, EditOutlined } from '@ant-design/icons';
import {
  Alert,
  Button,
  Card,
  Descriptions,
  Empty,
  Flex,
  Select,
  Table,
  Tabs,
  Tag,
  Timeline,
  Typography,
} from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams, useSearchParams } from 'react-router';
import { ENTERPRISE_SIZE_LABELS, OWNERSHIP_LABELS } from '@contracts/schemas/enterprises';
import { AttachmentPanel, type DocTypeLabels } from '@/components/attachment-panel';
import { LightTag } from '@/components/light-tag';
import { useMoneyFormat } from '@/components/money';
import { StageTag } from '@/components/stage-tag';
import { LoadErrorPage, NotFoundPage, SectionLoading } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatDate, formatNumber } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import {
  useEnterprise,
  useEnterpriseIndicators,
  useEnterpriseProjects,
  useEnterpriseQualifications,
  useSoeKpis,
  type EnterpriseProjectRow,
} from '../api/get-enterprise';
import { EligibilityPanel } from './eligibility-panel';
import { EnterpriseFormDrawer } from './enterprise-form-drawer';
import { QualificationTag } from './enterprise-tags';
import { IndicatorsTab } from './indicators-tab';
import { QualificationsTab } from './qualifications-tab';

/** Evidence kinds the server accepts on an enterprise. */
const ENTERPRISE_DOC_TYPES: DocTypeLabels = {
  business_license: { zh: '营业执照', en: 'Business licence' },
  financial_statement: { zh: '财务报表/审计报告', en: 'Financial statements or audit report' },
  rd_special_audit: { zh: '研发费用专项审计报告', en: 'R&D expense audit report' },
  ip_certificate: { zh: '知识产权证书', en: 'IP certificate' },
  other: { zh: '其他', en: 'Other' },
};

const TABS = [
  'overview',
  'indicators',
  'qualifications',
  'eligibility',
  'projects',
  'soe',
  'attachments',
] as const;
type TabKey = (typeof TABS)[number];

function SoeTab({ enterpriseId, years }: { enterpriseId: string; years: number[] }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const money = useMoneyFormat();
  const [year, setYear] = useState(years[0] ?? new Date().getFullYear() - 1);
  const q = useSoeKpis(enterpriseId, year, true);
  const show = (v: number | null, unit: string) =>
    v === null
      ? '—'
      : unit === 'yuan'
        ? money(v)
        : unit === 'ratio'
          ? `${formatNumber(v * 100, 2)}%`
          : `${formatNumber(v / 10_000, 2)}${t('enterprises.wanPerPerson')}`;
  return (
    <Flex vertical gap={12}>
      <Select
        value={year}
        onChange={setYear}
        options={years.map((y) => ({ value: y, label: String(y) }))}
        style={{ width: 120 }}
      />
      <Table
        rowKey="key"
        size="small"
        loading={q.isLoading}
        pagination={false}
        scroll={{ x: 'max-content' }}
        dataSource={q.data?.kpis ?? []}
        columns={[
          { title: t('enterprises.kpi'), key: 'l', render: (_, k) => pickLabel(k.label, lang) },
          { title: String(year), key: 'v', align: 'right', render: (_, k) => show(k.value, k.unit) },
          { title: String(year - 1), key: 'p', align: 'right', render: (_, k) => show(k.previous, k.unit) },
          {
            title: t('enterprises.formula'),
            key: 'f',
            render: (_, k) => (
              <span style={{ fontSize: 12 }}>
                {pickLabel(k.formula, lang)}
                {k.note ? <Typography.Text type="warning"> {pickLabel(k.note, lang)}</Typography.Text> : null}
              </span>
            ),
          },
        ]}
      />
    </Flex>
  );
}

/** 企业详情: registry fields and name history, yearly indicators, qualifications, eligibility explained, projects. */
export function EnterpriseDetailPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const money = useMoneyFormat();
  const { id = '' } = useParams();
  const [search, setSearch] = useSearchParams();
  const enterprise = useEnterprise(id);
  const indicators = useEnterpriseIndicators(id);
  const quals = useEnterpriseQualifications(id);
  const projects = useEnterpriseProjects(id);
  const [editing, setEditing] = useState(false);
  const tabParam = search.get('tab');
  const tab: TabKey = (TABS as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as TabKey)
    : 'overview';

  if (enterprise.isLoading) return <SectionLoading />;
  if (enterprise.isError) {
    if (isApiError(enterprise.error) && enterprise.error.status === 404) return <NotFoundPage />;
    return <LoadErrorPage error={enterprise.error} onRetry={() => void enterprise.refetch()} />;
  }
  const e = enterprise.data!;
  const a = e.abilities;
  const years = (indicators.data ?? []).map((i) => i.year).sort((x, y) => y - x);

  return (
    <div style={{ minWidth: 0 }}>
      <Card style={{ marginBottom: 16 }}>
        <Link to={paths.enterprises}>
          <Button type="link" size="small" icon={<ArrowLeftOutlined />} style={{ paddingInline: 0 }}>
            {t('enterprises.backToList')}
          </Button>
        </Link>
        <Flex justify="space-between" gap={12} wrap align="flex-start">
          <div style={{ minWidth: 0, flex: '1 1 320px' }}>
            <Typography.Title level={4} style={{ margin: '4px 0 8px' }} data-testid="enterprise-title">
              {e.name}
            </Typography.Title>
            <Typography.Text copyable={{ text: e.creditCode }} style={{ fontFamily: 'monospace' }}>
              {e.creditCode}
            </Typography.Text>
            <Flex gap={4} wrap style={{ marginTop: 8 }}>
              {e.qualifications.map((q) => (
                <QualificationTag key={q.id} type={q.type} level={q.level} validTo={q.validTo} />
              ))}
              {e.soe ? <Tag color="geekblue">{t('enterprises.soe')}</Tag> : null}
              {e.listed ? <Tag color="gold">{t('enterprises.listed')}</Tag> : null}
            </Flex>
          </div>
          {a.update ? (
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="enterprise-edit">
              {t('common.edit')}
            </Button>
          ) : null}
        </Flex>
        {e.warnings.length ? (
          <Alert
            type="warning"
            showIcon
            style={{ marginTop: 12 }}
            message={e.warnings.map((w) => (lang === 'en' ? w.en : w.zh)).join('；')}
          />
        ) : null}
      </Card>
      <Card styles={{ body: { paddingTop: 4 } }}>
        <Tabs
          activeKey={tab}
          onChange={(k) => {
            const next = new URLSearchParams(search);
            if (k === 'overview') next.delete('tab');
            else next.set('tab', k);
            setSearch(next, { replace: true });
          }}
          size={isMobile ? 'small' : 'middle'}
          destroyOnHidden
          items={[
            {
              key: 'overview',
              label: t('enterprises.tabs.overview'),
              children: (
                <Flex vertical gap={16}>
                  <Descriptions
                    bordered
                    size="small"
                    column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }}
                    items={[
                      { key: 'code', label: t('enterprises.creditCode'), children: e.creditCode },
                      {
                        key: 'region',
                        label: t('enterprises.region'),
                        children: e.regionName ?? e.regionCode,
                      },
                      {
                        key: 'industry',
                        label: t('enterprises.industry'),
                        children: e.industryCode ? `${e.industryCode} ${e.industryName ?? ''}` : '—',
                      },
                      {
                        key: 'founded',
                        label: t('enterprises.foundedOn'),
                        children: formatDate(e.foundedOn),
                      },
                      {
                        key: 'size',
                        label: t('enterprises.size'),
                        children: e.size ? pickLabel(ENTERPRISE_SIZE_LABELS[e.size], lang) : '—',
                      },
                      {
                        key: 'own',
                        label: t('enterprises.ownership'),
                        children: e.ownership ? pickLabel(OWNERSHIP_LABELS[e.ownership], lang) : '—',
                      },
                      {
                        key: 'soe',
                        label: t('enterprises.soe'),
                        children: e.soe ? t('common.yes') : t('common.no'),
                      },
                      {
                        key: 'listed',
                        label: t('enterprises.listed'),
                        children: e.listed ? t('common.yes') : t('common.no'),
                      },
                      { key: 'owner', label: t('enterprises.ownerUnit'), children: e.ownerUnitName ?? '—' },
                      { key: 'initials', label: t('enterprises.initials'), children: e.nameInitials },
                    ]}
                  />
                  <div>
                    <Typography.Title level={5}>{t('enterprises.nameHistory')}</Typography.Title>
                    {e.names?.length ? (
                      <Timeline
                        items={e.names.map((n) => ({
                          color: n.validTo ? 'gray' : 'blue',
                          children: (
                            <span>
                              {n.name}{' '}
                              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                                {formatDate(n.validFrom)} —{' '}
                                {n.validTo ? formatDate(n.validTo) : t('enterprises.current')}
                              </Typography.Text>
                            </span>
                          ),
                        }))}
                      />
                    ) : (
                      <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
                    )}
                  </div>
                </Flex>
              ),
            },
            {
              key: 'indicators',
              label: t('enterprises.tabs.indicators'),
              children: indicators.isLoading ? (
                <SectionLoading />
              ) : (
                <IndicatorsTab
                  enterpriseId={e.id}
                  indicators={indicators.data ?? []}
                  canEdit={Boolean(a.manageIndicators)}
                />
              ),
            },
            {
              key: 'qualifications',
              label: t('enterprises.tabs.qualifications'),
              children: (
                <QualificationsTab
                  enterpriseId={e.id}
                  rows={quals.data ?? []}
                  loading={quals.isLoading}
                  canManage={Boolean(a.manageQualifications)}
                />
              ),
            },
            {
              key: 'eligibility',
              label: t('enterprises.tabs.eligibility'),
              children: <EligibilityPanel enterpriseId={e.id} years={years} />,
            },
            {
              key: 'projects',
              label: t('enterprises.tabs.projects'),
              children: (
                <Table<EnterpriseProjectRow>
                  rowKey="id"
                  size="small"
                  loading={projects.isLoading}
                  dataSource={projects.data?.data ?? []}
                  pagination={false}
                  scroll={{ x: 'max-content' }}
                  locale={{ emptyText: t('enterprises.noProjects') }}
                  columns={[
                    {
                      title: t('enterprises.project'),
                      dataIndex: 'name',
                      render: (v: string, p) => <Link to={`${paths.projects}/${p.id}`}>{v}</Link>,
                    },
                    {
                      title: t('enterprises.stage'),
                      dataIndex: 'stage',
                      render: (s: number) => <StageTag stage={s} />,
                    },
                    {
                      title: t('enterprises.role'),
                      dataIndex: 'roles',
                      render: (r: string[]) =>
                        r.map((x) => <Tag key={x}>{t(`enterprises.projectRole.${x as 'investor'}`)}</Tag>),
                    },
                    {
                      title: t('enterprises.agreedInvestment'),
                      dataIndex: 'agreedInvestment',
                      align: 'right',
                      render: (v: number | null) => money(v),
                    },
                    { title: t('enterprises.signedOn'), dataIndex: 'signedOn', render: formatDate },
                    {
                      title: t('enterprises.light'),
                      dataIndex: 'light',
                      render: (l: string | null) => (
                        <LightTag light={l as 'red' | 'yellow' | 'green' | null} />
                      ),
                    },
                  ]}
                />
              ),
            },
            ...(e.soe
              ? [
                  {
                    key: 'soe',
                    label: t('enterprises.tabs.soe'),
                    children: <SoeTab enterpriseId={e.id} years={years} />,
                  },
                ]
              : []),
            {
              key: 'attachments',
              label: t('enterprises.tabs.attachments'),
              children: (
                <AttachmentPanel
                  entity="enterprise"
                  entityId={e.id}
                  docTypes={ENTERPRISE_DOC_TYPES}
                  canUpload={Boolean(a.update)}
                />
              ),
            },
          ]}
        />
      </Card>
      <EnterpriseFormDrawer
        state={editing ? { mode: 'edit', enterprise: e } : null}
        onClose={() => setEditing(false)}
        onSaved={() => setEditing(false)}
      />
    </div>
  );
}
