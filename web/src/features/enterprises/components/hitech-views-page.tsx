import { Card, Select, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { z } from 'zod';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import type { HitechCandidate, HitechExpiring } from '@contracts/schemas/enterprises';
import { FilterBar } from '@/components/filter-bar';
import { Page } from '@/components/page';
import { RegionSelect } from '@/components/region-select';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { formatDate } from '@/lib/format';
import { useHitechCandidates, useHitechExpiring } from '../api/get-views';
import { EligibilitySummaryTag } from './eligibility-summary';
import { QualificationStatusTag } from './enterprise-tags';

type Cand = z.infer<typeof HitechCandidate>;
type Exp = z.infer<typeof HitechExpiring>;

function useViewParams() {
  const [search, setSearch] = useSearchParams();
  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    if (k !== 'page') next.delete('page');
    setSearch(next, { replace: true });
  };
  return { search, set, reset: () => setSearch({}, { replace: true }) };
}

const enterpriseCell = (e: Cand['enterprise']) => (
  <div style={{ minWidth: 180, maxWidth: 320, whiteSpace: 'normal' }}>
    <Link to={`${paths.enterprises}/${e.id}?tab=eligibility`}>{e.name}</Link>
    <div>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {e.regionName ?? e.regionCode} · {e.creditCode}
      </Typography.Text>
    </div>
  </div>
);

/** 符合高企条件未申报: meets the 高企 criteria on the latest figures but holds none and has none under review. */
export function HitechCandidatesPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { search, set, reset } = useViewParams();
  const params = {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: 20,
    regionCode: search.get('regionCode') ?? undefined,
  };
  const list = useHitechCandidates(params);
  const columns: ColumnsType<Cand> = [
    { title: t('enterprises.name'), key: 'e', render: (_, r) => enterpriseCell(r.enterprise) },
    {
      title: t('enterprises.eligibilityNow'),
      key: 'el',
      render: (_, r) => <EligibilitySummaryTag summary={r.eligibility} enterpriseId={r.enterprise.id} />,
    },
    { title: t('enterprises.figuresYear'), key: 'y', render: (_, r) => r.eligibility.year },
    {
      title: t('enterprises.lastHitech'),
      key: 'last',
      render: (_, r) =>
        r.lastHitech ? (
          <span>
            <QualificationStatusTag status={r.lastHitech.status} /> {formatDate(r.lastHitech.validTo)}
          </span>
        ) : (
          <Tag>{t('enterprises.neverHeld')}</Tag>
        ),
    },
  ];
  return (
    <Page title={t('enterprises.hitechCandidatesTitle')}>
      <Typography.Paragraph type="secondary">{t('enterprises.hitechCandidatesHelp')}</Typography.Paragraph>
      <Card>
        <FilterBar activeCount={params.regionCode ? 1 : 0} onReset={reset}>
          <div style={{ width: isMobile ? '100%' : 200 }}>
            <RegionSelect
              value={params.regionCode}
              onChange={(v) => set('regionCode', v)}
              placeholder={t('enterprises.region')}
            />
          </div>
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Cand>
            data-testid="hitech-candidates"
            rowKey={(r) => r.enterprise.id}
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
              showTotal: (total) => t('common.total', { count: total }),
            }}
          />
        )}
      </Card>
    </Page>
  );
}

/** 高企即将到期（复审）: certificates ending within N months and not yet renewed, with whether 复审 would pass. */
export function HitechExpiringPage() {
  const { t } = useTranslation();
  const isMobile = useIsMobile();
  const { search, set, reset } = useViewParams();
  const within = Number(search.get('withinMonths') ?? 12) || 12;
  const params = {
    page: Number(search.get('page') ?? 1) || 1,
    pageSize: 20,
    regionCode: search.get('regionCode') ?? undefined,
    withinMonths: within,
  };
  const list = useHitechExpiring(params);
  const columns: ColumnsType<Exp> = [
    { title: t('enterprises.name'), key: 'e', render: (_, r) => enterpriseCell(r.enterprise) },
    { title: t('enterprises.certNo'), key: 'c', render: (_, r) => r.qualification.certNo ?? '—' },
    { title: t('enterprises.grantedOn'), key: 'g', render: (_, r) => formatDate(r.qualification.grantedOn) },
    {
      title: t('enterprises.validToField'),
      key: 'v',
      render: (_, r) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          {formatDate(r.qualification.validTo)}{' '}
          <Tag color={r.daysLeft <= 90 ? 'error' : r.daysLeft <= 180 ? 'warning' : 'default'}>
            {t('enterprises.daysLeft', { count: r.daysLeft })}
          </Tag>
        </span>
      ),
    },
    {
      title: t('enterprises.wouldRenew'),
      key: 'el',
      render: (_, r) => <EligibilitySummaryTag summary={r.eligibility} enterpriseId={r.enterprise.id} />,
    },
  ];
  return (
    <Page title={t('enterprises.hitechExpiringTitle')}>
      <Typography.Paragraph type="secondary">{t('enterprises.hitechExpiringHelp')}</Typography.Paragraph>
      <Card>
        <FilterBar activeCount={params.regionCode ? 1 : 0} onReset={reset}>
          <Select
            value={within}
            onChange={(v: number) => set('withinMonths', String(v))}
            options={[3, 6, 12, 18, 24].map((m) => ({
              value: m,
              label: t('enterprises.withinMonths', { count: m }),
            }))}
            style={{ width: isMobile ? '100%' : 150 }}
          />
          <div style={{ width: isMobile ? '100%' : 200 }}>
            <RegionSelect
              value={params.regionCode}
              onChange={(v) => set('regionCode', v)}
              placeholder={t('enterprises.region')}
            />
          </div>
        </FilterBar>
        {list.isError && !list.data ? (
          <LoadErrorPage error={list.error} onRetry={() => void list.refetch()} />
        ) : (
          <Table<Exp>
            data-testid="hitech-expiring"
            rowKey={(r) => r.qualification.id}
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
              showTotal: (total) => t('common.total', { count: total }),
            }}
          />
        )}
      </Card>
    </Page>
  );
}
