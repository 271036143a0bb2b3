/**
 * 新签约亿元以上项目 crediting (domain.md §1.1, §1.2 不重复统计, §1.8), pure. A signing is credited once, to the
 * first signing of the project:
 *
 * - `new` and `investor_change` (更换投资方 counts under the new signing) are credited in full;
 * - `upgrade` (升格) and `capital_increase` (增资) are credited only with the increment over their predecessor
 *   (this signing's agreed amount − the predecessor's); the threshold applies to the increment;
 * - `re_sign` (重复签约 / 补充协议) is never credited: the project stays with its first signing;
 * - only the configured categories (产业类) count; the amount threshold is 1亿元 for domestic projects, USD 10
 *   million for foreign-invested ones (USD as agreed, FX at signing).
 */
import { SIGNING_RULES } from './indicators.config';

export type SigningFacts = {
  category: string;
  foreignInvested: boolean;
  signingKind: string;
  terminated: boolean;
  agreedYuan: number | null;
  usd: number | null;
  fxRate: number | null;
  predecessor: { agreedYuan: number | null; usd: number | null; fxRate: number | null } | null;
};

export type Credit =
  | { credited: true; amountYuan: number; usd: number | null; basis: string }
  | { credited: false; reason: string };

/** A signing's amount in 元: the agreed 元, or the USD amount at the signing's rate. */
export function yuanOf(agreedYuan: number | null, usd: number | null, fxRate: number | null): number | null {
  if (agreedYuan !== null && agreedYuan !== undefined) return agreedYuan;
  if (usd !== null && usd !== undefined && fxRate) return Math.round(usd * fxRate);
  return null;
}

/** A signing's amount in USD: as agreed, or the 元 amount at the signing's rate. */
export function usdOf(agreedYuan: number | null, usd: number | null, fxRate: number | null): number | null {
  if (usd !== null && usd !== undefined) return usd;
  if (agreedYuan !== null && agreedYuan !== undefined && fxRate) return agreedYuan / fxRate;
  return null;
}

export function creditSigning(f: SigningFacts, rules = SIGNING_RULES): Credit {
  if (!rules.categories.includes(f.category)) return { credited: false, reason: 'category' };
  if (f.terminated && !rules.countTerminated) return { credited: false, reason: 'terminated' };
  if (f.signingKind === 're_sign') return { credited: false, reason: 're_sign' };
  const incremental = f.signingKind === 'upgrade' || f.signingKind === 'capital_increase';
  let yuan = yuanOf(f.agreedYuan, f.usd, f.fxRate);
  let usd = f.foreignInvested ? usdOf(f.agreedYuan, f.usd, f.fxRate) : null;
  if (incremental && f.predecessor) {
    const p = f.predecessor;
    const py = yuanOf(p.agreedYuan, p.usd, p.fxRate ?? f.fxRate);
    if (yuan !== null) yuan -= py ?? 0;
    if (usd !== null) {
      const pu = usdOf(p.agreedYuan, p.usd, p.fxRate ?? f.fxRate);
      usd -= pu ?? 0;
    }
  }
  if (yuan === null || yuan <= 0) return { credited: false, reason: 'no_amount' };
  if (f.foreignInvested) {
    if (usd === null || usd < rules.foreignMinUsd) return { credited: false, reason: 'below_threshold' };
    return { credited: true, amountYuan: yuan, usd, basis: incremental ? 'increment_usd' : 'usd' };
  }
  if (yuan < rules.domesticMinYuan) return { credited: false, reason: 'below_threshold' };
  return { credited: true, amountYuan: yuan, usd: null, basis: incremental ? 'increment' : 'domestic' };
}
