import { useMemo, useState } from 'react';
import { Card, Col, Flex, Row, Select, Statistic, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import {
  QUALIFICATION_LEVELS,
  QUALIFICATION_LEVEL_LABELS,
  QUALIFICATION_TYPES,
  QUALIFICATION_TYPE_LABELS,
  type QualificationLevel,
  type QualificationType,
} from '@contracts/schemas/enterprises';
import { DrillDrawer, type Drill } from '@/components/drill';
import { Page } from '@/components/page';
import { RegionSelect } from '@/components/region-select';
import { LoadErrorPage } from '@/components/status-pages';
import { paths } from '@/config/paths';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { usePermission } from '@/lib/auth';
import { pickLabel } from '@/lib/i18n';
import { useCounts } from '../api/get-views';

const FIRST_YEAR = 2015;

/** 新认定统计: newly recognised enterprises of a year by tier, level and region; every count opens its records. */
export function EnterpriseCountsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const canDrill = usePermission('indicator:read');
  const [search, setSearch] = useSearchParams();
  const thisYear = new Date().getFullYear();
  const y = Number(search.get('year'));
  const year = Number.isInteger(y) && y >= FIRST_YEAR && y <= thisYear ? y : thisYear;
  const regionCode = search.get('regionCode') ?? undefined;
  const counts = useCounts(year, regionCode);
  const [opened, setOpened] = useState<{ drill: Drill; title: string } | null>(null);
  const c = counts.data;

  const set = (k: string, v: string | undefined) => {
    const next = new URLSearchParams(search);
    if (v) next.set(k, v);
    else next.delete(k);
    setSearch(next, { replace: true });
  };
  const recordsLink = (q: Record<string, string | undefined>) => {
    const p = new URLSearchParams();
    for (const [k, v] of Object.entries({ grantedYear: String(year), isNew: 'true', regionCode, ...q }))
      if (v) p.set(k, v);
    return `${paths.enterpriseQualifications}?${p.toString()}`;
  };

  const tierRows = useMemo(() => {
    const m = new Map<QualificationType, Record<QualificationLevel, number>>();
    for (const r of c?.byTierLevel ?? []) {
      const row = m.get(r.tier) ?? { national: 0, provincial: 0, municipal: 0 };
      row[r.level] += r.count;
      m.set(r.tier, row);
    }
    return QUALIFICATION_TYPES.filter((x) => m.has(x)).map((x) => ({ tier: x, ...m.get(x)! }));
  }, [c]);

  const regionRows = useMemo(() => {
    const m = new Map<
      string,
      { regionCode: string; regionName: string } & Partial<Record<QualificationType, number>>
    >();
    for (const r of c?.byRegion ?? []) {
      const row = m.get(r.regionCode) ?? {
        regionCode: r.regionCode,
        regionName: r.regionName ?? r.regionCode,
      };
      row[r.tier] = (row[r.tier] ?? 0) + r.count;
      m.set(r.regionCode, row);
    }
    return [...m.values()];
  }, [c]);
  const tiersInRegions = QUALIFICATION_TYPES.filter((x) => regionRows.some((r) => r[x]));

  const tierColumns: ColumnsType<(typeof tierRows)[number]> = [
    {
      title: t('enterprises.tier'),
      dataIndex: 'tier',
      render: (x: QualificationType) => pickLabel(QUALIFICATION_TYPE_LABELS[x], lang),
    },
    ...QUALIFICATION_LEVELS.map((l) => ({
      title: pickLabel(QUALIFICATION_LEVEL_LABELS[l], lang),
      key: l,
      align: 'right' as const,
      render: (_: unknown, r: (typeof tierRows)[number]) =>
        r[l] ? (
          <Link to={recordsLink({ type: r.tier, level: l })} data-testid="count-cell">
            {r[l]}
          </Link>
        ) : (
          '—'
        ),
    })),
    {
      title: t('enterprises.total'),
      key: 'total',
      align: 'right',
      render: (_, r) => (
        <Link to={recordsLink({ type: r.tier })}>{r.national + r.provincial + r.municipal}</Link>
      ),
    },
  ];

  const regionColumns: ColumnsType<(typeof regionRows)[number]> = [
    {
      title: t('enterprises.region'),
      dataIndex: 'regionName',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
    },
    ...tiersInRegions.map((x) => ({
      title: (
        <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 100 }}>
          {pickLabel(QUALIFICATION_TYPE_LABELS[x], lang)}
        </span>
      ),
      key: x,
      align: 'right' as const,
      render: (_: unknown, r: (typeof regionRows)[number]) =>
        r[x] ? <Link to={recordsLink({ type: x, regionCode: r.regionCode })}>{r[x]}</Link> : '—',
    })),
  ];

  return (
    <Page
      title={t('enterprises.countsTitle')}
      extra={
        <Flex gap={8} wrap>
          <Select
            value={year}
            onChange={(v: number) => set('year', String(v))}
            options={Array.from({ length: thisYear - FIRST_YEAR + 1 }, (_, i) => thisYear - i).map((v) => ({
              value: v,
              label: String(v),
            }))}
            style={{ width: 100 }}
            data-testid="counts-year"
          />
          <div style={{ width: isMobile ? 200 : 220 }}>
            <RegionSelect
              value={regionCode}
              onChange={(v) => set('regionCode', v)}
              placeholder={t('enterprises.wholeCity')}
            />
          </div>
        </Flex>
      }
    >
      {counts.isError && !c ? (
        <LoadErrorPage error={counts.error} onRetry={() => void counts.refetch()} />
      ) : (
        <Flex vertical gap={16}>
          <Row gutter={[12, 12]}>
            {(c?.headline ?? []).map((h) => (
              <Col key={h.key} xs={12} md={6}>
                <Card
                  size="small"
                  hoverable={canDrill}
                  data-testid="count-headline"
                  onClick={() =>
                    canDrill &&
                    setOpened({
                      drill: {
                        endpoint: `/api/v1/indicators/${h.key}/records`,
                        query: { period: String(year), ...(regionCode ? { region: regionCode } : {}) },
                      },
                      title: `${year} · ${pickLabel(h.label, lang)}`,
                    })
                  }
                >
                  <Statistic
                    title={pickLabel(h.label, lang)}
                    value={h.count}
                    suffix={t('enterprises.enterprisesUnit')}
                  />
                </Card>
              </Col>
            ))}
          </Row>
          <Typography.Text type="secondary">{t('enterprises.countsHelp')}</Typography.Text>
          <Card size="small" title={t('enterprises.byTierLevel', { year })}>
            <Table
              data-testid="counts-by-tier"
              rowKey="tier"
              size="small"
              loading={counts.isFetching}
              columns={tierColumns}
              dataSource={tierRows}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </Card>
          <Card size="small" title={t('enterprises.byRegion', { year })}>
            <Table
              rowKey="regionCode"
              size="small"
              loading={counts.isFetching}
              columns={regionColumns}
              dataSource={regionRows}
              pagination={false}
              scroll={{ x: 'max-content' }}
            />
          </Card>
        </Flex>
      )}
      <DrillDrawer drill={opened?.drill ?? null} title={opened?.title} onClose={() => setOpened(null)} />
    </Page>
  );
}
