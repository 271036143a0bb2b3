import { useCallback, type CSSProperties } from 'react';
import { InputNumber } from 'antd';
import { useTranslation } from 'react-i18next';
import { MONEY_SCALE, formatMoney, scaleDown, unitToYuan, yuanToUnit, type MoneyUnit } from '@/lib/format';

/** English readers get CNY in k / m / bn rather than 万 and 亿. */
function formatMoneyEn(yuan: number | null | undefined): string {
  if (yuan === null || yuan === undefined || Number.isNaN(yuan)) return '—';
  const abs = Math.abs(yuan);
  if (abs >= 1e9) return `CNY ${scaleDown(yuan, 9, 2)}bn`;
  if (abs >= 1e6) return `CNY ${scaleDown(yuan, 6, 2)}m`;
  return `CNY ${scaleDown(yuan, 3, 1)}k`;
}

/** Money for display in the UI language: 万元, or 亿元 for large amounts; in English CNY k / m / bn. */
export function useMoneyFormat() {
  const { t, i18n } = useTranslation();
  const en = i18n.language === 'en';
  return useCallback(
    (yuan: number | null | undefined, opts: { unit?: 'auto' | MoneyUnit; digits?: number } = {}) =>
      en
        ? formatMoneyEn(yuan)
        : formatMoney(yuan, { ...opts, units: { wan: t('money.wan'), yi: t('money.yi') } }),
    [t, en],
  );
}

/**
 * Money typed in 万元 (or 亿元), held as integer 元: the form's value is the exact number of 元
 * (12.3456 万元 ↔ 123456), so nothing is lost to floating point on the way to the API.
 */
export function MoneyInput({
  value,
  onChange,
  unit = 'wan',
  suffix,
  placeholder,
  id,
  style,
  allowNegative = false,
  'data-testid': testId,
}: {
  value?: number | null;
  onChange?: (value: number | null) => void;
  unit?: MoneyUnit;
  /** The unit shown after the box; defaults to 万元 / 亿元. */
  suffix?: string;
  placeholder?: string;
  id?: string;
  style?: CSSProperties;
  allowNegative?: boolean;
  'data-testid'?: string;
}) {
  const { t } = useTranslation();
  return (
    <InputNumber<string>
      id={id}
      data-testid={testId}
      stringMode
      value={value === null || value === undefined ? null : yuanToUnit(value, unit)}
      onChange={(v) => onChange?.(v === null || v === '' ? null : unitToYuan(v, unit))}
      precision={undefined}
      min={allowNegative ? undefined : '0'}
      max="900000000000"
      placeholder={placeholder}
      addonAfter={suffix ?? (unit === 'yi' ? t('money.yi') : t('money.wan'))}
      formatter={(v) => {
        if (!v) return '';
        const [i, f] = String(v).split('.');
        const grouped = (i ?? '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
        return f === undefined ? grouped : `${grouped}.${f.slice(0, MONEY_SCALE[unit])}`;
      }}
      parser={(v) => (v ?? '').replace(/[,，\s]/g, '')}
      style={{ width: '100%', ...style }}
    />
  );
}
