/** Timestamps are ISO-8601 UTC strings made in code (never NOW() in SQL), so both engines store the same text. */
let fixed: Date | null = null;

export function nowDate(): Date {
  return fixed ? new Date(fixed.getTime()) : new Date();
}

export function nowIso(): string {
  return nowDate().toISOString();
}

/** Today's calendar date in China Standard Time (UTC+8), as YYYY-MM-DD. */
export function todayCst(): string {
  return new Date(nowDate().getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

/** Tests pin the clock; pass null to release it. */
export function setClock(at: Date | null): void {
  fixed = at;
}
