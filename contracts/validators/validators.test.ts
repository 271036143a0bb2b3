import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CREDIT_CODE_CHARSET, checkCreditCode, creditCodeCheckChar, isValidCreditCode } from './credit-code';
import { checkProjectCode } from './project-code';

const charArb = fc.constantFrom(...CREDIT_CODE_CHARSET.split(''));
const validCodeArb = fc
  .tuple(
    fc.array(charArb, { minLength: 2, maxLength: 2 }),
    fc.array(fc.constantFrom(...'0123456789'.split('')), { minLength: 6, maxLength: 6 }),
    fc.array(charArb, { minLength: 9, maxLength: 9 }),
  )
  .map(([a, b, c]) => {
    const first17 = [...a, ...b, ...c].join('');
    return first17 + creditCodeCheckChar(first17);
  });

describe('统一社会信用代码', () => {
  it('accepts the published fixtures and rejects the altered one', () => {
    expect(isValidCreditCode('914403001922038216')).toBe(true);
    expect(isValidCreditCode('91520000214434146R')).toBe(true);
    expect(isValidCreditCode('91440300708461136T')).toBe(true);
    expect(isValidCreditCode('914403001922038217')).toBe(false);
    expect(checkCreditCode(' ９１４４０３００１９２２０３８２１６ ')).toMatchObject({
      valid: true,
      regionCode: '440300',
    });
    expect(checkCreditCode('91440300192203821I').valid).toBe(false);
  });
  it('every generated valid code passes', () => {
    fc.assert(
      fc.property(validCodeArb, (code) => isValidCreditCode(code)),
      { numRuns: 2000 },
    );
  });
  it('any single-character change to a valid code is rejected', () => {
    fc.assert(
      fc.property(validCodeArb, fc.integer({ min: 0, max: 17 }), charArb, (code, pos, ch) => {
        fc.pre(code[pos] !== ch);
        const changed = code.slice(0, pos) + ch + code.slice(pos + 1);
        return !isValidCreditCode(changed);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('统一社会信用代码: organisation-code check (position 17) is only a warning', () => {
  const orgCheck = (body: string) => {
    const w = [3, 7, 9, 10, 5, 8, 4, 2];
    const c =
      11 -
      ([...body].reduce((s, ch, i) => s + (/\d/.test(ch) ? Number(ch) : ch.charCodeAt(0) - 55) * w[i]!, 0) %
        11);
    return c === 10 ? 'X' : c === 11 ? '0' : String(c);
  };
  const bodyArb = fc
    .array(fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUWXY'.split('')), { minLength: 8, maxLength: 8 })
    .map((a) => a.join(''));
  const regionArb = fc
    .array(fc.constantFrom(...'0123456789'.split('')), { minLength: 6, maxLength: 6 })
    .map((a) => a.join(''));
  it('a code with a consistent organisation check has no warning; any other 17th character warns but stays valid', () => {
    fc.assert(
      fc.property(regionArb, bodyArb, charArb, (region, body, other) => {
        const good17 = `91${region}${body}${orgCheck(body)}`;
        const good = good17 + creditCodeCheckChar(good17);
        const ok = checkCreditCode(good);
        if (!(ok.valid && ok.regionCode === region && ok.warning === undefined)) return false;
        fc.pre(other !== orgCheck(body));
        const bad17 = `91${region}${body}${other}`;
        const warned = checkCreditCode(bad17 + creditCodeCheckChar(bad17));
        return warned.valid && warned.warning === 'organisation_check';
      }),
      { numRuns: 2000 },
    );
  });
});

describe('投资项目代码', () => {
  it('accepts both formats and rejects malformed codes', () => {
    expect(checkProjectCode('2306-320924-89-02-799920')).toMatchObject({
      valid: true,
      format: '2020',
      regionCode: '320924',
    });
    expect(checkProjectCode('2016-440784-70-03-006957')).toMatchObject({ valid: true, format: '2016' });
    expect(checkProjectCode('２４０１－３２０２７０－８９－０３－３８５８６９')).toMatchObject({
      valid: true,
      format: '2020',
    });
    expect(checkProjectCode('2313-320924-89-02-799920').valid).toBe(false);
    expect(checkProjectCode('2306-320924-89-02-79992').valid).toBe(false);
  });
});
