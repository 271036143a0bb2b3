/**
 * The four enterprise counts (新认定高企 / 独角兽 / 省级瞪羚 / 省级以上专精特新), computed on the enterprise registry
 * with the registry's own rule and tier arguments (enterprises.config.ts HEADLINE_COUNTS, the same ones its
 * `countNewQualifications` uses): a first recognition (is_new) dated in the period (granted_on, else valid_from),
 * not revoked or under review, of the tier's types at the level or above; each enterprise counts once. Here the
 * records themselves are returned (for drill-down and any period, not only whole years); the results tests check
 * the figure equals `countNewQualifications` for a year.
 */
import type { CountTier, QualificationLevel } from '../../../../contracts/schemas/enterprises';
import { LEVEL_RANK, QUALIFICATION_LEVELS } from '../../../../contracts/schemas/enterprises';
import { COUNT_TIER_TYPES } from '../enterprises/enterprises.config';
import type { Contribution } from './indicators.aggregate';
import type { CollectCtx, IndicatorDef } from './indicators.registry';
import * as repo from './indicators.repository';

const levelsFrom = (minLevel: QualificationLevel | null) =>
  minLevel ? QUALIFICATION_LEVELS.filter((l) => LEVEL_RANK[l] >= LEVEL_RANK[minLevel]) : null;

function collector(tier: CountTier, minLevel: QualificationLevel | null) {
  return async (ctx: CollectCtx): Promise<Contribution[]> => {
    const rows = await repo.newRecognitions(ctx.db, ctx, {
      start: ctx.period.start,
      end: ctx.period.end,
      types: COUNT_TIER_TYPES[tier],
      levels: levelsFrom(minLevel),
    });
    const seen = new Set<string>();
    const out: Contribution[] = [];
    for (const r of rows) {
      if (seen.has(r.enterprise_id)) continue;
      seen.add(r.enterprise_id);
      out.push({
        id: r.enterprise_id,
        entity: 'enterprise',
        name: r.name,
        regionCode: r.region_code,
        unitId: r.owner_unit_id,
        zoneId: null,
        chainCode: null,
        date: r.recognised_on,
        num: 1,
        den: 1,
        detail: {
          creditCode: r.credit_code,
          type: r.type,
          level: r.level,
          recognisedOn: r.recognised_on,
          certNo: r.cert_no,
          qualificationId: r.id,
        },
      });
    }
    return out;
  };
}

const enterpriseLink = (c: { id: string }) => `/enterprises/${c.id}`;
const PERIODS = ['year', 'quarter', 'month', 'cumulative'] as const;

export const ENTERPRISE_INDICATORS: IndicatorDef[] = [
  {
    code: 'new_hitech_enterprises',
    label: { zh: '新认定国家高新技术企业', en: 'Newly recognised national high-tech enterprises' },
    unit: { zh: '家', en: 'enterprises' },
    kind: 'count',
    direction: 'higher',
    periods: PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'enterprise',
    definition: {
      zh: '认定日期在统计期内、首次认定（不含复审、重新认定）的国家级高新技术企业家数，已撤销或审核中的不计，每家企业计一次。',
      en: 'Enterprises first recognised (not re-certified) as national high-tech enterprises with a recognition date in the period; revoked or pending records excluded; each enterprise once.',
    },
    link: enterpriseLink,
    collect: collector('hitech', 'national'),
  },
  {
    code: 'new_unicorns',
    label: { zh: '新增独角兽企业', en: 'New unicorns' },
    unit: { zh: '家', en: 'enterprises' },
    kind: 'count',
    direction: 'higher',
    periods: PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'enterprise',
    definition: {
      zh: '统计期内首次入选独角兽企业榜单（任一级别）的企业家数，每家企业计一次。',
      en: 'Enterprises first listed as unicorns (any level) in the period; each enterprise once.',
    },
    link: enterpriseLink,
    collect: collector('unicorn', null),
  },
  {
    code: 'new_gazelles',
    label: { zh: '新认定省级瞪羚企业', en: 'Newly recognised provincial gazelles' },
    unit: { zh: '家', en: 'enterprises' },
    kind: 'count',
    direction: 'higher',
    periods: PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'enterprise',
    definition: {
      zh: '统计期内首次认定为省级（含以上）瞪羚企业的企业家数，每家企业计一次。',
      en: 'Enterprises first recognised as gazelles at provincial level or above in the period; each enterprise once.',
    },
    link: enterpriseLink,
    collect: collector('gazelle', 'provincial'),
  },
  {
    code: 'new_specialized_smes',
    label: { zh: '新认定省级以上专精特新企业', en: 'Newly recognised provincial-or-higher specialised SMEs' },
    unit: { zh: '家', en: 'enterprises' },
    kind: 'count',
    direction: 'higher',
    periods: PERIODS,
    breakdowns: ['region', 'unit'],
    source: 'enterprise',
    definition: {
      zh: '统计期内首次认定为省级以上专精特新中小企业或国家级专精特新“小巨人”的企业家数，同一企业同时获两项的计一次。',
      en: 'Enterprises first recognised as provincial-or-higher specialised SMEs or national “little giants” in the period; an enterprise with both counts once.',
    },
    link: enterpriseLink,
    collect: collector('specialized', 'provincial'),
  },
];
