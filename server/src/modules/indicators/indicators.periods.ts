/**
 * Reporting periods of the indicators, pure (no I/O, no clock). Statistics are reported by month with cumulative
 * 1–N月 figures (domain.md §11.3), so four kinds exist:
 *
 *   'YYYY'        year                 2024        → 2024-01-01 … 2024-12-31
 *   'YYYY-Qn'     quarter              2024-Q2     → 2024-04-01 … 2024-06-30
 *   'YYYY-MM'     month                2024-03     → 2024-03-01 … 2024-03-31
 *   'YYYY-01..MM' cumulative 1–N月      2024-01..06 → 2024-01-01 … 2024-06-30
 *
 * `previousYear` is the same period one year earlier (同比); `precedingPeriod` the period just before (环比, used by
 * "what changed").
 */
import type { PeriodKind } from '../../../../contracts/schemas/results';

export type Period = {
  key: string;
  kind: PeriodKind;
  year: number;
  /** First and last month (1–12) covered. */
  fromMonth: number;
  toMonth: number;
  /** First and last calendar day, 'YYYY-MM-DD'. */
  start: string;
  end: string;
  label: { zh: string; en: string };
};

const pad = (n: number) => String(n).padStart(2, '0');
const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const QUARTER_ZH = ['一', '二', '三', '四'];
const MONTHS_EN = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

export const PERIOD_RE = /^(\d{4})(?:-(0[1-9]|1[0-2])|-Q([1-4])|-01\.\.(0[1-9]|1[0-2]))?$/;

function build(kind: PeriodKind, year: number, fromMonth: number, toMonth: number): Period {
  let key: string;
  let zh: string;
  let en: string;
  switch (kind) {
    case 'year':
      key = String(year);
      zh = `${year}年`;
      en = String(year);
      break;
    case 'quarter': {
      const q = Math.ceil(toMonth / 3);
      key = `${year}-Q${q}`;
      zh = `${year}年第${QUARTER_ZH[q - 1]}季度`;
      en = `Q${q} ${year}`;
      break;
    }
    case 'month':
      key = `${year}-${pad(toMonth)}`;
      zh = `${year}年${toMonth}月`;
      en = `${MONTHS_EN[toMonth - 1]} ${year}`;
      break;
    case 'cumulative':
      key = `${year}-01..${pad(toMonth)}`;
      zh = toMonth === 1 ? `${year}年1月` : `${year}年1–${toMonth}月`;
      en = toMonth === 1 ? `Jan ${year}` : `Jan–${MONTHS_EN[toMonth - 1]} ${year}`;
      break;
  }
  return {
    key,
    kind,
    year,
    fromMonth,
    toMonth,
    start: `${year}-${pad(fromMonth)}-01`,
    end: `${year}-${pad(toMonth)}-${pad(daysInMonth(year, toMonth))}`,
    label: { zh, en },
  };
}

/** Parses a period key, or null when it is not one. */
export function parsePeriod(key: string): Period | null {
  const m = PERIOD_RE.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900 || year > 2999) return null;
  if (m[2]) return build('month', year, Number(m[2]), Number(m[2]));
  if (m[3]) {
    const q = Number(m[3]);
    return build('quarter', year, q * 3 - 2, q * 3);
  }
  if (m[4]) return build('cumulative', year, 1, Number(m[4]));
  return build('year', year, 1, 12);
}

export function mustParsePeriod(key: string): Period {
  const p = parsePeriod(key);
  if (!p) throw new RangeError(`not a period: ${key}`);
  return p;
}

/** The same period one year earlier. */
export function previousYear(p: Period): Period {
  return build(p.kind, p.year - 1, p.fromMonth, p.toMonth);
}

/** The period just before: previous month / quarter / year; 1–(N−1)月 for a cumulative period (null for 1月). */
export function precedingPeriod(p: Period): Period | null {
  switch (p.kind) {
    case 'year':
      return build('year', p.year - 1, 1, 12);
    case 'quarter':
      return p.fromMonth === 1
        ? build('quarter', p.year - 1, 10, 12)
        : build('quarter', p.year, p.fromMonth - 3, p.toMonth - 3);
    case 'month':
      return p.toMonth === 1
        ? build('month', p.year - 1, 12, 12)
        : build('month', p.year, p.toMonth - 1, p.toMonth - 1);
    case 'cumulative':
      return p.toMonth === 1 ? null : build('cumulative', p.year, 1, p.toMonth - 1);
  }
}

/** 'YYYY-MM' of the period's last month. */
export const lastMonth = (p: Period) => `${p.year}-${pad(p.toMonth)}`;

/** The date figures are taken at: the period's end, or `today` while the period is still running. */
export const asOfDate = (p: Period, today: string) => (p.end < today ? p.end : today);

/** Whether the period has started by `today`. */
export const hasStarted = (p: Period, today: string) => p.start <= today;

/**
 * The indicator periods a month's lock freezes: the month, 1–N月 of its year, and the quarter or year it closes.
 */
export function periodsClosedBy(month: string): string[] {
  const p = mustParsePeriod(month);
  if (p.kind !== 'month') throw new RangeError(`a lock names a month, got ${month}`);
  const out = [p.key, build('cumulative', p.year, 1, p.toMonth).key];
  if (p.toMonth % 3 === 0) out.push(build('quarter', p.year, p.toMonth - 2, p.toMonth).key);
  if (p.toMonth === 12) out.push(String(p.year));
  return out;
}

/** The month whose lock freezes this period (a period is locked once its last month is). */
export const lockingMonth = (p: Period) => lastMonth(p);

/** Months 'YYYY-MM' from January of the period's year to its last month. */
export function monthsToDate(p: Period): string[] {
  return Array.from({ length: p.toMonth }, (_, i) => `${p.year}-${pad(i + 1)}`);
}

/** ISO week 'YYYY-Www' → its Monday and Sunday ('YYYY-MM-DD'), or null. */
export function isoWeekRange(key: string): { start: string; end: string; year: number; week: number } | null {
  const m = /^(\d{4})-W(\d{2})$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  const week = Number(m[2]);
  if (week < 1 || week > 53) return null;
  // ISO week 1 contains 4 January.
  const jan4 = Date.UTC(year, 0, 4);
  const jan4Dow = (new Date(jan4).getUTCDay() + 6) % 7; // Monday = 0
  const monday = jan4 - jan4Dow * 86_400_000 + (week - 1) * 7 * 86_400_000;
  const start = new Date(monday).toISOString().slice(0, 10);
  const end = new Date(monday + 6 * 86_400_000).toISOString().slice(0, 10);
  if (week === 53 && isoWeekOf(start).week !== 53) return null;
  return { start, end, year, week };
}

/** The ISO week of a date. */
export function isoWeekOf(date: string): { year: number; week: number; key: string } {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
  const dow = (new Date(t).getUTCDay() + 6) % 7;
  const thursday = t + (3 - dow) * 86_400_000;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * 86_400_000)) + 1;
  return { year, week, key: `${year}-W${pad(week)}` };
}
