/**
 * Field checks shared by the API and the Excel import, pure (no I/O): each problem names the field in both
 * languages, so the API answers 422 with it and the import writes it next to the cell.
 */
import { checkCreditCode, normaliseCreditCode } from '../../../../contracts/validators/credit-code';
import { pinyin } from 'pinyin-pro';
import { checkProjectCode } from '../../../../contracts/validators/project-code';

export type FieldProblem = { field: string; zh: string; en: string };

export const FIELD_LABELS: Record<string, { zh: string; en: string }> = {
  projectCode: { zh: '投资项目代码', en: 'investment project code' },
  legacyProjectCode: { zh: '投资项目代码（2016 版）', en: 'legacy investment project code' },
  investorCreditCode: { zh: '投资方统一社会信用代码', en: 'investor’s unified social credit code' },
  companyCreditCode: { zh: '项目公司统一社会信用代码', en: 'project company’s unified social credit code' },
  regionCode: { zh: '所在地区', en: 'location (region)' },
  responsibleUnitId: { zh: '责任单位', en: 'responsible unit' },
  attractedByUnitId: { zh: '招引单位', en: 'attracting unit' },
  firstContactUnitId: { zh: '首谈单位', en: 'first-contact unit' },
  zoneUnitId: { zh: '所在园区（开发区）', en: 'development zone' },
  taskForceId: { zh: '专班', en: 'task force' },
  coUnitIds: { zh: '配合单位', en: 'co-units' },
  industryCode: { zh: '国民经济行业（小类）', en: 'industry (GB/T 4754 class)' },
  chainCode: { zh: '产业链', en: 'industrial chain' },
  predecessorProjectId: { zh: '关联的前次签约项目', en: 'earlier signing' },
  foreignAmountUsd: { zh: '外资金额（美元）', en: 'foreign amount (USD)' },
  fxRate: { zh: '汇率', en: 'exchange rate' },
};

const label = (field: string) => FIELD_LABELS[field] ?? { zh: field, en: field };

/**
 * 投资项目代码: a 2020-format code goes to project_code, a 2016-format one to legacy_project_code, whichever field
 * it came in. In the result undefined = leave unchanged, null = clear.
 */
export function normaliseProjectCodes(
  projectCode: string | null | undefined,
  legacyProjectCode: string | null | undefined,
):
  | { ok: true; project_code: string | null | undefined; legacy_project_code: string | null | undefined }
  | { ok: false; problem: FieldProblem } {
  let project_code: string | null | undefined =
    projectCode === undefined ? undefined : projectCode ? undefined : null;
  let legacy_project_code: string | null | undefined =
    legacyProjectCode === undefined ? undefined : legacyProjectCode ? undefined : null;
  for (const [field, raw] of [
    ['projectCode', projectCode],
    ['legacyProjectCode', legacyProjectCode],
  ] as const) {
    if (!raw) continue;
    const c = checkProjectCode(raw);
    if (!c.valid)
      return {
        ok: false,
        problem: {
          field,
          zh: `${label(field).zh}“${raw}”格式无效：应为 2020 版 24 位（如 2306-320924-89-02-799920）或 2016 版（如 2017-321100-34-03-012345）`,
          en: `${label(field).en} “${raw}” is not valid: use the 2020 format (24 characters, e.g. 2306-320924-89-02-799920) or the 2016 format (e.g. 2017-321100-34-03-012345)`,
        },
      };
    if (c.format === '2020') {
      if (field === 'legacyProjectCode')
        return {
          ok: false,
          problem: {
            field,
            zh: `${label(field).zh}应为 2016 版代码，“${raw}”是 2020 版`,
            en: `${label(field).en} must be a 2016-format code; “${raw}” is a 2020 one`,
          },
        };
      project_code = c.normalised;
    } else {
      if (legacy_project_code && legacy_project_code !== c.normalised)
        return {
          ok: false,
          problem: {
            field,
            zh: `填写了两个不同的 2016 版投资项目代码`,
            en: 'two different 2016-format project codes were given',
          },
        };
      legacy_project_code = c.normalised;
    }
  }
  return { ok: true, project_code, legacy_project_code };
}

/** A 统一社会信用代码 field: normalised when valid, a problem naming the field when not. */
export function normaliseCreditField(
  field: 'investorCreditCode' | 'companyCreditCode',
  raw: string | null | undefined,
) {
  if (raw === undefined) return { ok: true as const, value: undefined };
  if (raw === null || raw.trim() === '') return { ok: true as const, value: null };
  const c = checkCreditCode(raw);
  if (!c.valid) {
    const why =
      c.reason === 'check'
        ? { zh: '校验位不符', en: 'the check character does not match' }
        : {
            zh: '应为 18 位数字或大写字母（不含 I、O、S、V、Z）',
            en: 'it must be 18 digits or capital letters (no I, O, S, V, Z)',
          };
    return {
      ok: false as const,
      problem: {
        field,
        zh: `${label(field).zh}“${raw}”无效：${why.zh}`,
        en: `${label(field).en} “${raw}” is invalid: ${why.en}`,
      },
    };
  }
  return { ok: true as const, value: normaliseCreditCode(raw) };
}

/** GB/T 4754 小类: '2761' or 'C2761' → '2761' (the section letter, when given, is checked by the caller). */
export function parseIndustryCode(raw: string): { code: string; section: string | null } | null {
  const m = /^([A-Ta-t])?\s*(\d{4})$/.exec(raw.trim());
  if (!m) return null;
  return { code: m[2]!, section: m[1] ? m[1].toUpperCase() : null };
}

export const problem = (field: string, zh: string, en: string): FieldProblem => ({ field, zh, en });
export const notFoundProblem = (field: string, value: string): FieldProblem => ({
  field,
  zh: `${label(field).zh}“${value}”不存在`,
  en: `${label(field).en} “${value}” does not exist`,
});

/** Pinyin initials of a name, lower-case letters and digits only ("哈电汽轮机" → "hdqlj"), for keyword search. */
export function nameInitials(name: string): string {
  return pinyin(name, { pattern: 'first', toneType: 'none', type: 'array' })
    .join('')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
    .slice(0, 200);
}

/** The lower-case text the keyword search looks in: name, project codes, internal id and pinyin initials. */
export function searchTextOf(r: {
  name: string;
  project_code: string | null;
  legacy_project_code: string | null;
  internal_id: string;
  name_initials: string;
}): string {
  return [r.name, r.project_code, r.legacy_project_code, r.internal_id, r.name_initials]
    .filter(Boolean)
    .join('|')
    .toLowerCase();
}
