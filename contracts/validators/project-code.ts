import { toHalfWidth } from './credit-code';

/**
 * 投资项目代码. Current (GB/T 40058-2021, since 2020-11): 24 characters, YYMM-RRRRRR-DD-TT-NNNNNC.
 * Legacy (2016–2020): YYYY-RRRRRR-II-TT-NNNNNN. Only the structure is checked: the check-digit algorithm of
 * GB/T 40058 §4.7 is not public (domain.md §2.3), so codes are verified online, not computed here.
 */
export const PROJECT_CODE_2020 = /^(\d{2})(0[1-9]|1[0-2])-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/;
export const PROJECT_CODE_2016 = /^(20\d{2})-(\d{6})-(\d{2})-(\d{2})-(\d{5,6})$/;

export type ProjectCodeCheck =
  | { valid: true; format: '2020' | '2016'; regionCode: string; normalised: string }
  | { valid: false; normalised: string };

export function normaliseProjectCode(raw: string): string {
  return toHalfWidth(raw)
    .trim()
    .replace(/[‐‑–—－]/g, '-')
    .replace(/\s+/g, '');
}

export function checkProjectCode(raw: string): ProjectCodeCheck {
  const code = normaliseProjectCode(raw);
  const m20 = PROJECT_CODE_2020.exec(code);
  if (m20) return { valid: true, format: '2020', regionCode: m20[3]!, normalised: code };
  const m16 = PROJECT_CODE_2016.exec(code);
  if (m16) return { valid: true, format: '2016', regionCode: m16[2]!, normalised: code };
  return { valid: false, normalised: code };
}
