import { Descriptions, Table, Typography, theme } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditEntry } from '@contracts/schemas/audit';

type Row = { field: string; before: unknown; after: unknown };

function show(v: unknown): string {
  if (v === undefined || v === null || v === '') return '—';
  if (typeof v === 'string') return v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

export const hasChanges = (e: AuditEntry) =>
  Boolean(
    (e.changes.before && Object.keys(e.changes.before).length) ||
    (e.changes.after && Object.keys(e.changes.after).length) ||
    (e.changes.payload && Object.keys(e.changes.payload).length),
  );

/** The before/after of one audit entry as a field | before | after table, plus any extra facts. */
export function AuditDiff({ entry }: { entry: AuditEntry }) {
  const { t } = useTranslation();
  const { token } = theme.useToken();
  const before = entry.changes.before ?? {};
  const after = entry.changes.after ?? {};
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  const rows: Row[] = fields.map((field) => ({ field, before: before[field], after: after[field] }));
  const payload = entry.changes.payload;

  return (
    <div style={{ maxWidth: 900 }}>
      {rows.length ? (
        <Table<Row>
          size="small"
          rowKey="field"
          pagination={false}
          dataSource={rows}
          scroll={{ x: 'max-content' }}
          columns={[
            {
              title: t('audit.field'),
              dataIndex: 'field',
              render: (v: string) => <Typography.Text code>{v}</Typography.Text>,
            },
            {
              title: t('audit.before'),
              dataIndex: 'before',
              render: (v: unknown) => (
                <span
                  style={{
                    color: v === undefined ? token.colorTextQuaternary : token.colorError,
                    wordBreak: 'break-all',
                  }}
                >
                  {show(v)}
                </span>
              ),
            },
            {
              title: t('audit.after'),
              dataIndex: 'after',
              render: (v: unknown) => (
                <span
                  style={{
                    color: v === undefined ? token.colorTextQuaternary : token.colorSuccess,
                    wordBreak: 'break-all',
                  }}
                >
                  {show(v)}
                </span>
              ),
            },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">{t('audit.noChanges')}</Typography.Text>
      )}
      {payload && Object.keys(payload).length ? (
        <Descriptions
          size="small"
          column={1}
          bordered
          title={<span style={{ fontSize: 13 }}>{t('audit.payload')}</span>}
          style={{ marginTop: 12 }}
          items={Object.entries(payload).map(([k, v]) => ({ key: k, label: k, children: show(v) }))}
        />
      ) : null}
    </div>
  );
}
