import type { ReformCadence, ReformSettings } from '../../../../contracts/schemas/reform';

/**
 * Report periods and due dates (pure). A period key is 'YYYY-MM' (monthly), 'YYYY-Www' (ISO week) or
 * 'YYYY-Qn' (quarter). Due dates come from the settings: the monthly day, the quarter's last month's day,
 * the ISO weekday of the week. Calendar dates are 'YYYY-MM-DD' strings, compared as strings.
 */

export type CadenceSettings = Pick<ReformSettings, 'monthlyDueDay' | 'quarterlyDueDay' | 'weeklyDueWeekday'>;

export type PeriodInfo = {
  period: string;
  kind: ReformCadence;
  startOn: string;
  endOn: string;
  dueOn: string;
};

const DAY = 86_400_000;
const toMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const fromMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

export const addDays = (date: string, n: number) => fromMs(toMs(date) + n * DAY);
/** Whole days from a to b (positive when b is later). */
export const daysBetween = (a: string, b: string) => Math.round((toMs(b) - toMs(a)) / DAY);
/** The calendar date in China Standard Time (UTC+8) of an ISO timestamp. */
export const cstDate = (iso: string) => new Date(Date.parse(iso) + 8 * 3600_000).toISOString().slice(0, 10);
/** The end of a CST calendar date as an ISO UTC timestamp (for "as of the end of the day" comparisons). */
export const endOfCstDay = (date: string) => new Date(toMs(date) + DAY - 8 * 3600_000 - 1).toISOString();

export function lastDayOfMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

export function monthRange(month: string): { startOn: string; endOn: string } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { startOn: `${month}-01`, endOn: `${month}-${pad(lastDayOfMonth(y, m))}` };
}

/** ISO-8601 week of a date: the year is the one of the week's Thursday. */
export function isoWeekOf(date: string): { year: number; week: number } {
  const ms = toMs(date);
  const dow = (new Date(ms).getUTCDay() + 6) % 7; // Monday = 0
  const thursday = ms + (3 - dow) * DAY;
  const year = new Date(thursday).getUTCFullYear();
  const jan1 = Date.UTC(year, 0, 1);
  return { year, week: Math.floor((thursday - jan1) / DAY / 7) + 1 };
}

/** Monday of an ISO week. */
export function isoWeekStart(year: number, week: number): string {
  const jan4 = Date.UTC(year, 0, 4);
  const dow = (new Date(jan4).getUTCDay() + 6) % 7;
  return fromMs(jan4 - dow * DAY + (week - 1) * 7 * DAY);
}

export function kindOfPeriod(period: string): ReformCadence | null {
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) return 'monthly';
  if (/^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$/.test(period)) return 'weekly';
  if (/^\d{4}-Q[1-4]$/.test(period)) return 'quarterly';
  return null;
}

/** The period of a cadence that contains a date. */
export function periodOf(cadence: ReformCadence, date: string): string {
  const y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  if (cadence === 'monthly') return date.slice(0, 7);
  if (cadence === 'quarterly') return `${y}-Q${Math.ceil(m / 3)}`;
  const w = isoWeekOf(date);
  return `${w.year}-W${pad(w.week)}`;
}

/** Start, end and due date of a period; null for a malformed key (e.g. week 53 of a 52-week year). */
export function periodInfo(period: string, s: CadenceSettings): PeriodInfo | null {
  const kind = kindOfPeriod(period);
  if (!kind) return null;
  const y = Number(period.slice(0, 4));
  if (kind === 'monthly') {
    const { startOn, endOn } = monthRange(period);
    const m = Number(period.slice(5, 7));
    const day = Math.min(s.monthlyDueDay, lastDayOfMonth(y, m));
    return { period, kind, startOn, endOn, dueOn: `${period}-${pad(day)}` };
  }
  if (kind === 'quarterly') {
    const q = Number(period.slice(6));
    const lastMonth = `${y}-${pad(q * 3)}`;
    const startOn = `${y}-${pad(q * 3 - 2)}-01`;
    const { endOn } = monthRange(lastMonth);
    const day = Math.min(s.quarterlyDueDay, lastDayOfMonth(y, q * 3));
    return { period, kind, startOn, endOn, dueOn: `${lastMonth}-${pad(day)}` };
  }
  const week = Number(period.slice(6));
  const startOn = isoWeekStart(y, week);
  if (isoWeekOf(startOn).year !== y || isoWeekOf(startOn).week !== week) return null;
  return {
    period,
    kind,
    startOn,
    endOn: addDays(startOn, 6),
    dueOn: addDays(startOn, s.weeklyDueWeekday - 1),
  };
}

function nextPeriod(kind: ReformCadence, p: PeriodInfo, s: CadenceSettings): PeriodInfo {
  return periodInfo(periodOf(kind, addDays(p.endOn, 1)), s)!;
}

/** Every period of a cadence whose due date lies in [from, to], in order. */
export function periodsDueBetween(
  cadence: ReformCadence,
  from: string,
  to: string,
  s: CadenceSettings,
): PeriodInfo[] {
  const out: PeriodInfo[] = [];
  if (to < from) return out;
  // Start one period early: a period's due date can fall before or after its own end.
  let p = periodInfo(
    periodOf(cadence, addDays(from, cadence === 'quarterly' ? -100 : cadence === 'monthly' ? -35 : -8)),
    s,
  )!;
  for (let guard = 0; guard < 2000 && p.dueOn <= to; guard++) {
    if (p.dueOn >= from) out.push(p);
    p = nextPeriod(cadence, p, s);
  }
  return out;
}

export type CadenceTask = { cadence: ReformCadence; startOn: string; closedOn: string | null };

/**
 * The periods a task must report for with a due date in [from, to]: due on or after the task's start, and
 * (once closed) not after its closure. Open tasks keep reporting after their deadline until they are closed.
 */
export function expectedPeriods(
  task: CadenceTask,
  from: string,
  to: string,
  s: CadenceSettings,
): PeriodInfo[] {
  const lo = from > task.startOn ? from : task.startOn;
  const hi = task.closedOn && task.closedOn < to ? task.closedOn : to;
  return periodsDueBetween(task.cadence, lo, hi, s);
}

/** Whether a report for `period` may be filed by a task of this cadence. */
export function periodMatchesCadence(period: string, cadence: ReformCadence): boolean {
  return kindOfPeriod(period) === cadence;
}

export type ScoreWindow = { kind: 'month' | 'quarter' | 'year'; from: string; to: string };

/** The calendar window of a scoring period: 'YYYY-MM', 'YYYY-Qn' or 'YYYY'. */
export function scoreWindow(period: string): ScoreWindow | null {
  if (/^\d{4}$/.test(period)) return { kind: 'year', from: `${period}-01-01`, to: `${period}-12-31` };
  if (/^\d{4}-(0[1-9]|1[0-2])$/.test(period)) {
    const r = monthRange(period);
    return { kind: 'month', from: r.startOn, to: r.endOn };
  }
  const q = /^(\d{4})-Q([1-4])$/.exec(period);
  if (q) {
    const y = q[1]!;
    const n = Number(q[2]);
    return { kind: 'quarter', from: `${y}-${pad(n * 3 - 2)}-01`, to: monthRange(`${y}-${pad(n * 3)}`).endOn };
  }
  return null;
}

/** The month before 'YYYY-MM'. */
export function previousMonth(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 1 ? `${y - 1}-12` : `${y}-${pad(m - 1)}`;
}
