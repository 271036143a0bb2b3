import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Unit } from '@contracts/schemas/org';

type UnitKind = Unit['kind'];

export const UNIT_KIND_COLORS: Record<UnitKind, string> = {
  party_gov_office: 'red',
  department: 'blue',
  district_gov: 'green',
  zone_committee: 'purple',
  task_force: 'orange',
  soe: 'cyan',
};

/** Every unit kind, in display order (the Record above makes the type check fail when contracts add one). */
export const UNIT_KIND_LIST = Object.keys(UNIT_KIND_COLORS) as UnitKind[];

export function UnitKindTag({ kind }: { kind: UnitKind }) {
  const { t } = useTranslation();
  return <Tag color={UNIT_KIND_COLORS[kind]}>{t(`unitKind.${kind}`)}</Tag>;
}
