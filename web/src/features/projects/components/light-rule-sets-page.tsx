import { App, Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useTranslation } from 'react-i18next';
import { LIGHT_RULE_KIND_LABELS, type LightRule, type LightRuleSet } from '@contracts/schemas/lights';
import { LightTag } from '@/components/light-tag';
import { Page } from '@/components/page';
import { LoadErrorPage } from '@/components/status-pages';
import { formatDate, formatDateTime } from '@/lib/format';
import { pickLabel, translateOr } from '@/lib/i18n';
import { useActivateRuleSet, useRuleSets } from '../api/get-rule-sets';

const STATUS_COLOR: Record<string, string> = { active: 'success', draft: 'processing', retired: 'default' };

/** The parameters of a rule in words: bands as ≥/>/≤/<, other values as key = value. */
function paramsText(rule: LightRule): string {
  const p = rule.params as Record<string, unknown>;
  const ops: Record<string, string> = { gte: '≥', gt: '>', lte: '≤', lt: '<' };
  return Object.entries(p)
    .map(([k, v]) =>
      k in ops ? `${ops[k]} ${String(v)}` : `${k} = ${Array.isArray(v) ? v.join(',') : String(v)}`,
    )
    .join('，');
}

function RulesTable({ set }: { set: LightRuleSet }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  return (
    <Table<LightRule>
      size="small"
      rowKey="id"
      pagination={false}
      dataSource={set.params.rules}
      scroll={{ x: 'max-content' }}
      columns={[
        {
          title: t('ruleSets.ruleId'),
          dataIndex: 'id',
          render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
        },
        {
          title: t('ruleSets.kind'),
          dataIndex: 'kind',
          render: (k: LightRule['kind']) => pickLabel(LIGHT_RULE_KIND_LABELS[k], lang),
        },
        {
          title: t('ruleSets.color'),
          dataIndex: 'color',
          render: (c: LightRule['color']) => <LightTag light={c} />,
        },
        {
          title: t('ruleSets.label'),
          dataIndex: 'label',
          render: (l: LightRule['label']) => (
            <span style={{ display: 'inline-block', minWidth: 160, whiteSpace: 'normal' }}>
              {pickLabel(l, lang)}
            </span>
          ),
        },
        { title: t('ruleSets.params'), key: 'params', render: (_, r) => paramsText(r) },
        { title: t('ruleSets.source'), dataIndex: 'source', render: (v: string | undefined) => v ?? '—' },
      ]}
    />
  );
}

/** 亮灯规则: the versioned rule sets, their rules, and activating one. */
export function LightRuleSetsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const sets = useRuleSets();
  const activate = useActivateRuleSet();

  const columns: ColumnsType<LightRuleSet> = [
    {
      title: t('ruleSets.name'),
      dataIndex: 'name',
      render: (v: string, s) => (
        <span>
          {v} {s.isDefault ? <Tag>{t('ruleSets.default')}</Tag> : null}
        </span>
      ),
    },
    { title: t('ruleSets.issuer'), dataIndex: 'issuer', render: (v: string | null) => v ?? '—' },
    { title: t('ruleSets.docNo'), dataIndex: 'docNo', render: (v: string | null) => v ?? '—' },
    {
      title: t('ruleSets.effective'),
      key: 'effective',
      render: (_, s) =>
        `${formatDate(s.effectiveFrom)} ~ ${s.effectiveTo ? formatDate(s.effectiveTo) : t('ruleSets.open')}`,
    },
    {
      title: t('common.status'),
      dataIndex: 'status',
      render: (s: string) => (
        <Tag color={STATUS_COLOR[s] ?? 'default'}>{translateOr(`ruleSets.status.${s}`, s)}</Tag>
      ),
    },
    { title: t('ruleSets.version'), dataIndex: 'version', align: 'right' },
    { title: t('ruleSets.activatedAt'), dataIndex: 'activatedAt', render: formatDateTime },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, s) =>
        s.status !== 'active' && (s.abilities.activate ?? true) ? (
          <Popconfirm
            title={t('ruleSets.activateConfirm', { name: s.name })}
            onConfirm={() =>
              activate.mutate(
                { id: s.id, version: s.version },
                { onSuccess: () => void message.success(t('ruleSets.activated')) },
              )
            }
          >
            <Button type="link" size="small" data-testid="rule-set-activate">
              {t('ruleSets.activate')}
            </Button>
          </Popconfirm>
        ) : null,
    },
  ];

  return (
    <Page title={t('ruleSets.title')}>
      <Card>
        <Typography.Paragraph type="secondary">{t('ruleSets.help')}</Typography.Paragraph>
        {sets.isError ? (
          <LoadErrorPage error={sets.error} onRetry={() => void sets.refetch()} />
        ) : (
          <Table<LightRuleSet>
            data-testid="rule-sets-table"
            rowKey="id"
            columns={columns}
            dataSource={sets.data}
            loading={sets.isLoading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            expandable={{ expandedRowRender: (s) => <RulesTable set={s} /> }}
          />
        )}
      </Card>
    </Page>
  );
}
