import { useMemo, useState, type CSSProperties } from 'react';
import { Select, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import {
  QUALIFICATION_LEVEL_LABELS,
  QUALIFICATION_STATUS_LABELS,
  QUALIFICATION_TYPE_LABELS,
  type QualificationLevel,
  type QualificationStatus,
  type QualificationType,
} from '@contracts/schemas/enterprises';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { pickLabel } from '@/lib/i18n';
import { useEnterprises } from '../api/get-enterprises';
import { useIndustrySearch } from '../api/get-views';

export const TIER_COLOR: Record<QualificationType, string> = {
  tech_sme: 'cyan',
  innovative_sme: 'green',
  specialized_sme: 'geekblue',
  little_giant: 'purple',
  hitech: 'blue',
  gazelle: 'orange',
  potential_unicorn: 'magenta',
  unicorn: 'red',
};

/** A qualification (honour) as a coloured tag: 高新技术企业 · 国家级. */
export function QualificationTag({
  type,
  level,
  validTo,
}: {
  type: QualificationType;
  level?: QualificationLevel;
  validTo?: string | null;
}) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const tag = (
    <Tag color={TIER_COLOR[type]} style={{ marginInlineEnd: 4 }}>
      {pickLabel(QUALIFICATION_TYPE_LABELS[type], lang)}
      {level ? ` · ${pickLabel(QUALIFICATION_LEVEL_LABELS[level], lang)}` : ''}
    </Tag>
  );
  return validTo ? <Tooltip title={t('enterprises.validTo', { date: validTo })}>{tag}</Tooltip> : tag;
}

const STATUS_COLOR: Record<QualificationStatus, string> = {
  active: 'success',
  expired: 'default',
  revoked: 'error',
  under_review: 'processing',
};

export function QualificationStatusTag({ status }: { status: QualificationStatus }) {
  const { i18n } = useTranslation();
  return (
    <Tag color={STATUS_COLOR[status]}>{pickLabel(QUALIFICATION_STATUS_LABELS[status], i18n.language)}</Tag>
  );
}

/** Picks an enterprise by name, former name, credit code or pinyin initials. */
export function EnterpriseSelect({
  value,
  onChange,
  placeholder,
}: {
  value?: string;
  onChange?: (v: string | undefined) => void;
  placeholder?: string;
}) {
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const list = useEnterprises({ page: 1, pageSize: 20, q: q || undefined }, true);
  const options = useMemo(
    () => (list.data?.data ?? []).map((e) => ({ value: e.id, label: `${e.name}（${e.creditCode}）` })),
    [list.data],
  );
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={(v: string | undefined) => onChange?.(v)}
      onSearch={setSearch}
      filterOption={false}
      options={options}
      loading={list.isFetching}
      placeholder={placeholder}
      style={{ width: '100%' }}
      notFoundContent={null}
    />
  );
}

/** Picks a GB/T 4754 class (小类 by default), searchable by name or code. */
export function IndustrySelect({
  value,
  onChange,
  level = 4,
  placeholder,
  initialLabel,
  style,
}: {
  value?: string | null;
  onChange?: (v: string | undefined) => void;
  level?: number;
  placeholder?: string;
  initialLabel?: string | null;
  style?: CSSProperties;
}) {
  const [search, setSearch] = useState('');
  const [open, setOpen] = useState(false);
  const q = useDebouncedValue(search.trim(), 300);
  const list = useIndustrySearch(q, level, open || Boolean(q));
  const options = useMemo(() => {
    const opts = (list.data ?? []).map((i) => ({ value: i.code, label: `${i.code} ${i.name}` }));
    if (value && !opts.some((o) => o.value === value))
      opts.unshift({ value, label: initialLabel ? `${value} ${initialLabel}` : value });
    return opts;
  }, [list.data, value, initialLabel]);
  return (
    <Select
      showSearch
      allowClear
      value={value ?? undefined}
      onChange={(v: string | undefined) => {
        setSearch('');
        onChange?.(v);
      }}
      onSearch={setSearch}
      onOpenChange={setOpen}
      filterOption={false}
      options={options}
      loading={list.isFetching}
      placeholder={placeholder}
      style={{ width: '100%', ...style }}
      popupMatchSelectWidth={false}
      notFoundContent={null}
    />
  );
}
