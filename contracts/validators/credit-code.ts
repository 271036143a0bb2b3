/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from the 31-character set (no I, O, S, V, Z); characters 3–8
 * are the registering authority's GB/T 2260 code; the 18th is a mod-31 check character. Position 17 is
 * the organisation code's own check (GB 11714), reported as a warning only (legacy data has quirks).
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
export const CREDIT_CODE_RE = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = CREDIT_CODE_CHARSET.indexOf(first17[i] ?? '');
    if (v < 0) throw new Error(`invalid character at position ${i + 1}`);
    sum += v * WEIGHTS[i]!;
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** Normalises what people paste: trims, upper-cases, turns full-width characters into ASCII. */
export function normaliseCreditCode(raw: string): string {
  return toHalfWidth(raw).trim().replace(/\s+/g, '').toUpperCase();
}

export function isValidCreditCode(code: string): boolean {
  return CREDIT_CODE_RE.test(code) && creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** GB 11714 check over positions 9–16 against position 17; false means "suspicious", not invalid. */
export function organisationCodeCheckOk(code: string): boolean {
  const body = code.slice(8, 16);
  const weights = [3, 7, 9, 10, 5, 8, 4, 2];
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const ch = body[i]!;
    const v = /\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55;
    if (v < 0 || v > 35) return false;
    sum += v * weights[i]!;
  }
  const c = 11 - (sum % 11);
  const expected = c === 10 ? 'X' : c === 11 ? '0' : String(c);
  return code[16] === expected;
}

export type CreditCodeCheck = {
  valid: boolean;
  reason?: 'format' | 'check';
  warning?: 'organisation_check';
  regionCode?: string;
};

export function checkCreditCode(raw: string): CreditCodeCheck {
  const code = normaliseCreditCode(raw);
  if (!CREDIT_CODE_RE.test(code)) return { valid: false, reason: 'format' };
  if (creditCodeCheckChar(code.slice(0, 17)) !== code[17]) return { valid: false, reason: 'check' };
  return {
    valid: true,
    regionCode: code.slice(2, 8),
    ...(organisationCodeCheckOk(code) ? {} : { warning: 'organisation_check' as const }),
  };
}

export function toHalfWidth(s: string): string {
  return s
    .replace(/[\uFF01-\uFF5E]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
    .replace(/\u3000/g, ' ');
}
