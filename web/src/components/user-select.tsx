import { useMemo, useState } from 'react';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import type { User } from '@contracts/schemas/org';
import { useDebouncedValue } from '@/hooks/use-debounced-value';
import { useUserSearch } from '@/lib/org-lookups';

/** Picks one user by searching name or username (GET /users?q=). */
export function UserSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  exclude,
  style,
  initialLabel,
}: {
  value?: string;
  onChange?: (value: string | undefined, user: User | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  exclude?: ReadonlySet<string>;
  style?: CSSProperties;
  initialLabel?: string;
}) {
  const [open, setOpen] = useState(false);
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim(), 300);
  const { data, isFetching } = useUserSearch(q, open || Boolean(q));

  const options = useMemo(() => {
    const list = (data ?? []).filter((u) => !exclude?.has(u.id));
    const opts = list.map((u) => ({
      value: u.id,
      label: `${u.displayName}（${u.username}）${u.unitName ? ` · ${u.unitName}` : ''}`,
    }));
    if (value && !opts.some((o) => o.value === value)) opts.unshift({ value, label: initialLabel ?? value });
    return opts;
  }, [data, exclude, value, initialLabel]);

  return (
    <Select
      value={value}
      onChange={(v: string | undefined) => {
        setSearch('');
        onChange?.(
          v,
          (data ?? []).find((u) => u.id === v),
        );
      }}
      options={options}
      showSearch
      filterOption={false}
      onSearch={setSearch}
      searchValue={search}
      onOpenChange={setOpen}
      loading={isFetching}
      placeholder={placeholder}
      allowClear={allowClear}
      notFoundContent={null}
      popupMatchSelectWidth={false}
      style={{ minWidth: 200, ...style }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
