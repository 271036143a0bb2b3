import { useMemo } from 'react';
import { TreeSelect } from 'antd';
import { buildUnitTree, useUnitTree, type UnitNode } from '@/lib/org-lookups';

type Option = { value: string; title: string; children?: Option[] };
const toOptions = (nodes: UnitNode[]): Option[] =>
  nodes.map((n) => ({
    value: n.id,
    title: n.name,
    children: n.children?.length ? toOptions(n.children) : undefined,
  }));

/** Several units from the unit tree (配合单位), searchable by name. */
export function UnitMultiSelect({
  value,
  onChange,
  placeholder,
  id,
}: {
  value?: string[];
  onChange?: (value: string[]) => void;
  placeholder?: string;
  id?: string;
}) {
  const { data, isLoading } = useUnitTree();
  const treeData = useMemo(() => toOptions(buildUnitTree(data ?? [])), [data]);
  return (
    <TreeSelect
      id={id}
      multiple
      treeCheckable={false}
      value={value ?? []}
      onChange={(v: string[]) => onChange?.(v)}
      treeData={treeData}
      loading={isLoading}
      placeholder={placeholder}
      showSearch
      treeNodeFilterProp="title"
      allowClear
      popupMatchSelectWidth={false}
      style={{ width: '100%' }}
      styles={{ popup: { root: { maxWidth: 'calc(100vw - 24px)' } } }}
    />
  );
}
