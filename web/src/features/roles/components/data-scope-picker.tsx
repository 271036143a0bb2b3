import { Radio, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { DATA_SCOPES, DATA_SCOPE_LABELS, type DataScope } from '@contracts/abilities';
import { pickLabel } from '@/lib/i18n';

/** A form control: one data scope, each with a one-line explanation. */
export function DataScopePicker({
  value,
  onChange,
  disabled,
}: {
  value?: DataScope;
  onChange?: (v: DataScope) => void;
  disabled?: boolean;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Radio.Group value={value} onChange={(e) => onChange?.(e.target.value as DataScope)} disabled={disabled}>
      <Space direction="vertical" size={8}>
        {DATA_SCOPES.map((s) => (
          <Radio key={s} value={s}>
            <Typography.Text strong>{pickLabel(DATA_SCOPE_LABELS[s], i18n.language)}</Typography.Text>
            <br />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t(`dataScopeHelp.${s}`)}
            </Typography.Text>
          </Radio>
        ))}
      </Space>
    </Radio.Group>
  );
}
