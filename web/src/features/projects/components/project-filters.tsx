import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { LIGHTS, MILESTONES, PROJECT_CATEGORIES, PROJECT_LEVELS } from '@contracts/schemas/projects';
import { LIGHT_COLOR_LABELS } from '@contracts/schemas/lights';
import { FilterBar } from '@/components/filter-bar';
import { MoneyInput } from '@/components/money';
import { UnitTreeSelect } from '@/components/unit-tree-select';
import { useIsMobile } from '@/hooks/use-is-mobile';
import { useMe } from '@/lib/auth';
import { pickLabel } from '@/lib/i18n';
import { useRegions, useUnitTree } from '@/lib/org-lookups';
import type { MoneyUnit } from '@/lib/format';
import { useChains } from '../api/get-reference';
import { PROJECT_FILTER_KEYS, type ProjectsParams } from '../api/get-projects';

export type ProjectFilterValues = Pick<ProjectsParams, (typeof PROJECT_FILTER_KEYS)[number]>;

const csv = (v: string | undefined) => (v ? v.split(',').filter(Boolean) : []);
const joinCsv = (v: (string | number)[]) => (v.length ? v.join(',') : undefined);

/**
 * The ledger's filter bar: district (limited to the user's city), zone, stage, chain, light, level, category,
 * responsible unit, agreed-investment range in 万元 or 亿元, signing date range, keyword (pinyin initials work).
 */
export function ProjectFilters({
  values,
  onChange,
  onReset,
  extra,
}: {
  values: ProjectFilterValues;
  onChange: (patch: Partial<ProjectFilterValues>) => void;
  onReset: () => void;
  extra?: ReactNode;
}) {
  const { t, i18n } = useTranslation();
  const isMobile = useIsMobile();
  const { data: me } = useMe();
  const lang = i18n.language;
  const [keyword, setKeyword] = useState(values.q ?? '');
  // A saved view or a reset replaces the keyword from outside.
  useEffect(() => setKeyword(values.q ?? ''), [values.q]);
  const [moneyUnit, setMoneyUnit] = useState<MoneyUnit>('wan');
  const regions = useRegions({ parentCode: me?.regionCode ?? undefined }, Boolean(me?.regionCode));
  const units = useUnitTree();
  const chains = useChains();

  const zones = useMemo(
    () =>
      (units.data ?? [])
        .filter((u) => u.kind === 'zone_committee')
        .map((u) => ({ value: u.id, label: u.shortName ?? u.name })),
    [units.data],
  );
  const w = (px: number) => ({ width: isMobile ? '100%' : px });
  const active = PROJECT_FILTER_KEYS.filter((k) => values[k] !== undefined && values[k] !== '').length;

  return (
    <FilterBar
      activeCount={active - (values.q ? 1 : 0)}
      onReset={() => {
        setKeyword('');
        onReset();
      }}
      extra={extra}
      primary={
        <Input.Search
          allowClear
          data-testid="project-search"
          placeholder={t('projects.searchPlaceholder')}
          title={t('projects.searchHint')}
          value={keyword}
          onChange={(e) => {
            setKeyword(e.target.value);
            if (!e.target.value) onChange({ q: undefined });
          }}
          onSearch={(v) => onChange({ q: v.trim() || undefined })}
          style={w(280)}
        />
      }
    >
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('projects.filterDistrict')}
        value={values.regionCode}
        onChange={(v: string | undefined) => onChange({ regionCode: v })}
        options={(regions.data ?? []).map((r) => ({ value: r.code, label: r.name }))}
        style={w(150)}
        data-testid="filter-district"
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('projects.filterZone')}
        value={values.zoneUnitId}
        onChange={(v: string | undefined) => onChange({ zoneUnitId: v })}
        options={zones}
        style={w(170)}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projects.filterStage')}
        value={csv(values.stage).map(Number)}
        onChange={(v: number[]) => onChange({ stage: joinCsv(v) })}
        options={MILESTONES.map((m) => ({ value: m.stage, label: pickLabel(m, lang) }))}
        style={w(200)}
      />
      <Select
        allowClear
        showSearch
        optionFilterProp="label"
        placeholder={t('projects.filterChain')}
        value={values.chainCode}
        onChange={(v: string | undefined) => onChange({ chainCode: v })}
        options={(chains.data ?? []).filter((c) => c.active).map((c) => ({ value: c.code, label: c.name }))}
        style={w(170)}
      />
      <Select
        mode="multiple"
        allowClear
        placeholder={t('projects.filterLight')}
        value={csv(values.light)}
        onChange={(v: string[]) => onChange({ light: joinCsv(v) })}
        options={LIGHTS.map((l) => ({ value: l, label: pickLabel(LIGHT_COLOR_LABELS[l], lang) }))}
        style={w(170)}
        data-testid="filter-light"
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projects.filterLevel')}
        value={csv(values.level)}
        onChange={(v: string[]) => onChange({ level: joinCsv(v) })}
        options={PROJECT_LEVELS.map((l) => ({ value: l.value, label: pickLabel(l, lang) }))}
        style={w(170)}
      />
      <Select
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('projects.filterCategory')}
        value={csv(values.category)}
        onChange={(v: string[]) => onChange({ category: joinCsv(v) })}
        options={PROJECT_CATEGORIES.map((l) => ({ value: l.value, label: pickLabel(l, lang) }))}
        style={w(170)}
      />
      <UnitTreeSelect
        allowClear
        placeholder={t('projects.filterUnit')}
        value={values.responsibleUnitId}
        onChange={(v) => onChange({ responsibleUnitId: v })}
        style={w(200)}
      />
      <Flex gap={4} align="center" style={w(380)}>
        <MoneyInput
          unit={moneyUnit}
          suffix=""
          placeholder={t('projects.amountFrom')}
          value={values.agreedFrom ?? null}
          onChange={(v) => onChange({ agreedFrom: v ?? undefined })}
        />
        <span>~</span>
        <MoneyInput
          unit={moneyUnit}
          suffix=""
          placeholder={t('projects.amountTo')}
          value={values.agreedTo ?? null}
          onChange={(v) => onChange({ agreedTo: v ?? undefined })}
        />
        <Select
          value={moneyUnit}
          onChange={setMoneyUnit}
          aria-label={t('projects.amountUnit')}
          options={[
            { value: 'wan', label: t('money.wan') },
            { value: 'yi', label: t('money.yi') },
          ]}
          style={{ width: lang === 'en' ? 124 : 96, flex: `0 0 ${lang === 'en' ? 124 : 96}px` }}
        />
      </Flex>
      <DatePicker.RangePicker
        placeholder={[t('projects.signedFrom'), t('projects.signedTo')]}
        value={
          values.signedFrom && values.signedTo ? [dayjs(values.signedFrom), dayjs(values.signedTo)] : null
        }
        onChange={(v) =>
          onChange({ signedFrom: v?.[0]?.format('YYYY-MM-DD'), signedTo: v?.[1]?.format('YYYY-MM-DD') })
        }
        style={w(260)}
      />
      <Select
        allowClear
        placeholder={t('projects.filterFlags')}
        value={
          values.terminated === 'true' ? 'terminated' : values.suspended === 'true' ? 'suspended' : undefined
        }
        onChange={(v: string | undefined) =>
          onChange({
            terminated: v === 'terminated' ? 'true' : undefined,
            suspended: v === 'suspended' ? 'true' : undefined,
          })
        }
        options={[
          { value: 'terminated', label: t('projects.terminated') },
          { value: 'suspended', label: t('projects.suspended') },
        ]}
        style={w(130)}
      />
    </FilterBar>
  );
}
