import type { Selectable } from 'kysely';

export type RegionKind =
  'province' | 'prefecture' | 'district' | 'county' | 'county_city' | 'functional_zone';

export type RegionTable = {
  code: string;
  name: string;
  kind: RegionKind;
  parent_code: string | null;
  /** Province-level code for fast "within province" filters. */
  province_code: string;
  sort: number;
};

export type RegionRow = Selectable<RegionTable>;
