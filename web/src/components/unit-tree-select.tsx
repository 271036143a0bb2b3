import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import type { CSSProperties } from 'react';
import { buildUnitTree, useUnitTree, type UnitNode } from '@/lib/org-lookups';

type TreeOption = { value: string; title: string; children?: TreeOption[] };

function toOptions(nodes: UnitNode[], exclude?: ReadonlySet<string>): TreeOption[] {
  return nodes
    .filter((n) => !exclude?.has(n.id))
    .map((n) => {
      const children = n.children ? toOptions(n.children, exclude) : undefined;
      return { value: n.id, title: n.name, children: children?.length ? children : undefined };
    });
}

/** Picks one unit from the unit tree (searchable by name). */
export function UnitTreeSelect({
  value,
  onChange,
  placeholder,
  allowClear,
  exclude,
  style,
  id,
}: {
  value?: string | null;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
  allowClear?: boolean;
  /** Units (with their subtrees) that cannot be chosen, e.g. a unit itself when choosing its parent. */
  exclude?: ReadonlySet<string>;
  style?: CSSProperties;
  id?: string;
}) {
  const { data, isLoading } = useUnitTree();
  const treeData = useMemo(() => toOptions(buildUnitTree(data ?? []), exclude), [data, exclude]);
  return (
    <TreeSelect
      id={id}
      value={value ?? undefined}
      onChange={(v: string | undefined) => onChange?.(v ?? undefined)}
      treeData={treeData}
      loading={isLoading}
      placeholder={placeholder}
      allowClear={allowClear}
      showSearch
      treeNodeFilterProp="title"
      treeDefaultExpandAll={false}
      popupMatchSelectWidth={false}
      style={{ width: '100%', ...style }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
