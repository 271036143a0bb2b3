import { useMemo, useState } from 'react';
import { LockOutlined } from '@ant-design/icons';
import {
  Alert,
  Card,
  Col,
  DatePicker,
  Descriptions,
  Flex,
  Row,
  Segmented,
  Select,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { ColumnsType } from 'antd/es/table';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  NORMALISATION_LABELS,
  PERIOD_KIND_LABELS,
  RANKING_SUBJECTS,
  RANKING_SUBJECT_LABELS,
  type PeriodKind,
  type RankingCell,
  type RankingMethod,
  type RankingRow,
  type RankingSubject,
} from '@contracts/schemas/results';
import { DrillDrawer, type Drill } from '@/components/drill';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { isApiError } from '@/lib/api-client';
import { formatNumber } from '@/lib/format';
import { pickLabel } from '@/lib/i18n';
import { useRanking, useRankingMethods } from '../api/get-rankings';

const PERIOD = /^\d{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-01\.\.(0[1-9]|1[0-2]))?$/;
const kindOfPeriod = (p: string): PeriodKind =>
  /^\d{4}$/.test(p) ? 'year' : p.includes('Q') ? 'quarter' : p.includes('..') ? 'cumulative' : 'month';

/** A period of the method's kind from a date: 2024, 2024-Q3, 2024-07, 2024-01..07. */
function periodOf(d: dayjs.Dayjs, kind: PeriodKind): string {
  if (kind === 'year') return d.format('YYYY');
  if (kind === 'quarter') return `${d.format('YYYY')}-Q${Math.floor(d.month() / 3) + 1}`;
  if (kind === 'cumulative') return `${d.format('YYYY')}-01..${d.format('MM')}`;
  return d.format('YYYY-MM');
}
function dateOf(p: string): dayjs.Dayjs {
  const y = p.slice(0, 4);
  if (/^\d{4}$/.test(p)) return dayjs(`${y}-01-01`);
  if (p.includes('Q')) return dayjs(`${y}-${String((Number(p.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`);
  if (p.includes('..')) return dayjs(`${y}-${p.slice(-2)}-01`);
  return dayjs(`${p}-01`);
}

function MethodPanel({ method }: { method: RankingMethod }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const total = method.indicators.reduce((s, i) => s + i.weight, 0);
  return (
    <Card size="small" title={t('rankings.method')} data-testid="ranking-method">
      <Typography.Paragraph strong style={{ marginBottom: 4 }}>
        {lang === 'en' && method.nameEn ? method.nameEn : method.name}
      </Typography.Paragraph>
      <Flex gap={4} wrap style={{ marginBottom: 8 }}>
        <Tag color={method.status === 'active' ? 'success' : 'default'}>
          {t(`rankings.status.${method.status}`)}
        </Tag>
        <Tag>{t('rankings.version', { v: method.version })}</Tag>
        <Tag>{pickLabel(PERIOD_KIND_LABELS[method.periodKind], lang)}</Tag>
        {method.isDefault ? <Tag color="warning">{t('rankings.defaultMethod')}</Tag> : null}
      </Flex>
      <Descriptions
        size="small"
        column={1}
        items={[
          { key: 'issuer', label: t('rankings.issuer'), children: method.issuer ?? '—' },
          { key: 'doc', label: t('rankings.docNo'), children: method.docNo ?? '—' },
          {
            key: 'eff',
            label: t('rankings.effective'),
            children: method.effectiveFrom
              ? `${method.effectiveFrom} — ${method.effectiveTo ?? t('rankings.open')}`
              : t('rankings.open'),
          },
          {
            key: 'norm',
            label: t('rankings.normalisation'),
            children: pickLabel(NORMALISATION_LABELS[method.normalisation], lang),
          },
        ]}
      />
      <Table
        size="small"
        rowKey="code"
        pagination={false}
        style={{ marginTop: 8 }}
        dataSource={method.indicators}
        columns={[
          { title: t('rankings.indicator'), dataIndex: 'name' },
          {
            title: t('rankings.weight'),
            dataIndex: 'weight',
            align: 'right',
            render: (w: number) => `${formatNumber((w / total) * 100, 1)}%`,
          },
          {
            title: t('rankings.direction'),
            dataIndex: 'direction',
            render: (d: string) => (d === 'lower' ? t('rankings.lowerBetter') : t('rankings.higherBetter')),
          },
        ]}
      />
      <Typography.Paragraph style={{ marginTop: 12, fontSize: 12 }}>
        <Typography.Text strong>
          {t('rankings.formula')}
          {t('drill.colon')}
        </Typography.Text>
        {pickLabel(method.formula, lang)}
      </Typography.Paragraph>
      {method.description ? (
        <Typography.Paragraph type="secondary" style={{ fontSize: 12 }}>
          {method.description}
        </Typography.Paragraph>
      ) : null}
    </Card>
  );
}

/**
 * 比学赶超: districts or zones ranked by a published, versioned method (shown beside the table); every cell drills
 * down to the records behind its figure.
 */
export function RankingsPage() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const isMobile = useIsMobile();
  const [search, setSearch] = useSearchParams();
  const subject = (RANKING_SUBJECTS as readonly string[]).includes(search.get('subject') ?? '')
    ? (search.get('subject') as RankingSubject)
    : 'region';
  const methods = useRankingMethods(subject);
  const methodId = search.get('method') ?? undefined;
  const chosenMethod =
    methods.data?.find((m) => m.id === methodId) ?? methods.data?.find((m) => m.status === 'active');
  const kind: PeriodKind = chosenMethod?.periodKind ?? 'year';
  const rawPeriod = search.get('period') ?? '';
  const period =
    PERIOD.test(rawPeriod) && kindOfPeriod(rawPeriod) === kind ? rawPeriod : periodOf(dayjs(), kind);
  const table = useRanking({ subject, period, method: methodId });
  const [opened, setOpened] = useState<{ drill: Drill; title: string; subtitle: string } | null>(null);

  const set = (patch: Record<string, string | undefined>) => {
    const next = new URLSearchParams(search);
    for (const [k, v] of Object.entries(patch)) {
      if (v) next.set(k, v);
      else next.delete(k);
    }
    setSearch(next, { replace: true });
  };

  const method = table.data?.method ?? chosenMethod;
  const columns = useMemo<ColumnsType<RankingRow>>(() => {
    const inds = method?.indicators ?? [];
    return [
      {
        title: t('rankings.rank'),
        dataIndex: 'rank',
        width: 60,
        fixed: isMobile ? undefined : 'left',
        render: (r: number) => <Tag color={r === 1 ? 'gold' : r <= 3 ? 'orange' : undefined}>{r}</Tag>,
      },
      {
        title: pickLabel(RANKING_SUBJECT_LABELS[subject], lang),
        dataIndex: 'name',
        fixed: isMobile ? undefined : 'left',
        render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{v}</span>,
      },
      {
        title: t('rankings.score'),
        dataIndex: 'score',
        align: 'right',
        render: (v: number) => (
          <Typography.Text strong data-testid="ranking-score">
            {formatNumber(v, 2)}
          </Typography.Text>
        ),
      },
      ...inds.map((ind) => ({
        title: (
          <Tooltip title={`${ind.name}（${ind.unit}）`}>
            <span style={{ whiteSpace: 'normal', display: 'inline-block', maxWidth: 120 }}>{ind.name}</span>
          </Tooltip>
        ),
        key: ind.code,
        align: 'right' as const,
        render: (_: unknown, row: RankingRow) => {
          const c: RankingCell | undefined = row.cells.find((x) => x.code === ind.code);
          if (!c) return '—';
          return (
            <Typography.Link
              data-testid="ranking-cell"
              onClick={() =>
                setOpened({
                  drill: c.drill,
                  title: `${row.name} · ${ind.name}`,
                  subtitle: `${table.data?.periodLabel ?? period} · ${c.raw === null ? '—' : `${formatNumber(c.raw, 2)}${ind.unit}`}`,
                })
              }
              style={{ whiteSpace: 'nowrap' }}
            >
              {c.missing ? (
                <Tag color="warning">{t('rankings.missing')}</Tag>
              ) : (
                <>
                  {formatNumber(c.raw, 2)}
                  <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                    {ind.unit}
                  </Typography.Text>
                </>
              )}
              <div>
                <Typography.Text type="secondary" style={{ fontSize: 11 }}>
                  {t('rankings.points', { p: formatNumber(c.points, 2) })}
                </Typography.Text>
              </div>
            </Typography.Link>
          );
        },
      })),
    ];
  }, [method, subject, lang, t, isMobile, table.data, period]);

  const pickerKind = kind === 'cumulative' ? 'month' : kind;

  return (
    <Page
      title={t('rankings.title')}
      extra={
        <Flex gap={8} wrap>
          <Segmented<RankingSubject>
            value={subject}
            onChange={(v) => set({ subject: v, method: undefined })}
            options={RANKING_SUBJECTS.map((s) => ({
              value: s,
              label: pickLabel(RANKING_SUBJECT_LABELS[s], lang),
            }))}
          />
          {(methods.data?.length ?? 0) > 1 ? (
            <Select
              value={chosenMethod?.id}
              onChange={(v: string) => set({ method: v })}
              options={(methods.data ?? []).map((m) => ({
                value: m.id,
                label: `${lang === 'en' && m.nameEn ? m.nameEn : m.name}（v${m.version}）`,
              }))}
              style={{ width: 220 }}
              popupMatchSelectWidth={false}
            />
          ) : null}
          <DatePicker
            picker={pickerKind}
            allowClear={false}
            value={dateOf(period)}
            onChange={(d) => d && set({ period: periodOf(d, kind) })}
            data-testid="ranking-period"
          />
        </Flex>
      }
    >
      {table.isError && !table.data ? (
        isApiError(table.error) && table.error.status === 404 ? (
          <Alert type="info" showIcon message={t('rankings.noMethod')} />
        ) : (
          <LoadErrorPage error={table.error} onRetry={() => void table.refetch()} />
        )
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} xl={16} style={{ minWidth: 0 }}>
            <Card>
              <Flex gap={8} align="center" wrap style={{ marginBottom: 12 }}>
                <Typography.Text strong>{table.data?.periodLabel ?? period}</Typography.Text>
                {table.data?.locked ? (
                  <Tag icon={<LockOutlined />} color="warning">
                    {t('rankings.locked')}
                  </Tag>
                ) : null}
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('rankings.drillHint')}
                </Typography.Text>
              </Flex>
              <Table<RankingRow>
                data-testid="ranking-table"
                rowKey="key"
                size="small"
                loading={table.isFetching}
                columns={columns}
                dataSource={table.data?.rows ?? []}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
            </Card>
          </Col>
          <Col xs={24} xl={8}>
            {method ? <MethodPanel method={method} /> : <Card loading />}
          </Col>
        </Row>
      )}
      <DrillDrawer
        drill={opened?.drill ?? null}
        title={opened?.title}
        subtitle={opened?.subtitle}
        onClose={() => setOpened(null)}
      />
    </Page>
  );
}
