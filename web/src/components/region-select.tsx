import { useMemo, useState } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useMe } from '@/lib/auth';
import { useRegions } from '@/lib/org-lookups';

/**
 * Picks a GB/T 2260 region. Without a search it offers the user's own region and the regions under it;
 * typing searches all regions by name or code.
 */
export function RegionSelect({
  value,
  onChange,
  initialLabel,
  placeholder,
  id,
}: {
  value?: string;
  onChange?: (value: string | undefined) => void;
  /** Name of the current value, so it shows before any search (e.g. unit.regionName). */
  initialLabel?: string | null;
  placeholder?: string;
  id?: string;
}) {
  const { t } = useTranslation();
  const { data: me } = useMe();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const home = me?.regionCode ?? undefined;

  const own = useRegions({ q: home }, Boolean(home) && !q);
  const children = useRegions({ parentCode: home }, Boolean(home) && !q);
  const found = useRegions({ q }, Boolean(q));

  const options = useMemo(() => {
    const list = q
      ? (found.data ?? [])
      : [...(own.data ?? []).filter((r) => r.code === home), ...(children.data ?? [])];
    const seen = new Set<string>();
    const out: { value: string; label: string }[] = [];
    for (const r of list) {
      if (seen.has(r.code)) continue;
      seen.add(r.code);
      out.push({ value: r.code, label: `${r.name}（${r.code}）` });
    }
    if (value && !seen.has(value))
      out.unshift({ value, label: initialLabel ? `${initialLabel}（${value}）` : value });
    return out;
  }, [q, found.data, own.data, children.data, home, value, initialLabel]);

  return (
    <Select
      id={id}
      value={value}
      onChange={(v: string | undefined) => {
        setSearch('');
        onChange?.(v);
      }}
      options={options}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      searchValue={search}
      onBlur={() => setSearch('')}
      loading={found.isFetching || children.isFetching}
      placeholder={placeholder ?? t('units.regionPlaceholder')}
      notFoundContent={null}
      style={{ width: '100%' }}
    />
  );
}
