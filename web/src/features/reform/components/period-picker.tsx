import { DatePicker, Flex, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';

type Kind = 'month' | 'quarter' | 'year';

const kindOf = (p: string): Kind => (/^\d{4}$/.test(p) ? 'year' : /Q/.test(p) ? 'quarter' : 'month');
const parse = (p: string) => {
  const k = kindOf(p);
  if (k === 'year') return dayjs(`${p}-01-01`);
  if (k === 'quarter')
    return dayjs(`${p.slice(0, 4)}-${String((Number(p.slice(6)) - 1) * 3 + 1).padStart(2, '0')}-01`);
  return dayjs(`${p}-01`);
};
const format = (d: dayjs.Dayjs, k: Kind) =>
  k === 'year'
    ? d.format('YYYY')
    : k === 'quarter'
      ? `${d.format('YYYY')}-Q${Math.floor(d.month() / 3) + 1}`
      : d.format('YYYY-MM');

/** A scoring period: a month 'YYYY-MM', a quarter 'YYYY-Qn' or a year 'YYYY'. */
export function ScorePeriodPicker({ value, onChange }: { value: string; onChange: (p: string) => void }) {
  const { t } = useTranslation();
  const kind = kindOf(value);
  return (
    <Flex gap={8}>
      <Select<Kind>
        value={kind}
        onChange={(k) => onChange(format(parse(value), k))}
        options={[
          { value: 'month', label: t('reform.periodMonth') },
          { value: 'quarter', label: t('reform.periodQuarter') },
          { value: 'year', label: t('reform.periodYear') },
        ]}
        style={{ width: 90 }}
      />
      <DatePicker
        picker={kind}
        allowClear={false}
        value={parse(value)}
        onChange={(d) => d && onChange(format(d, kind))}
        data-testid="score-period"
      />
    </Flex>
  );
}
