import type { Selectable } from 'kysely';

export type UnitKind =
  'party_gov_office' | 'department' | 'district_gov' | 'zone_committee' | 'task_force' | 'soe';

export type UnitTable = {
  id: string;
  code: string | null;
  name: string;
  short_name: string | null;
  kind: UnitKind;
  parent_id: string | null;
  /** Materialised path of ids, '/root/…/self/': descendants are `path LIKE '<path>%'`. */
  path: string;
  region_code: string;
  sort: number;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
};

export type UnitRow = Selectable<UnitTable>;
