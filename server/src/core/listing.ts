/** The list convention shared by every service: `{ data, total, page, pageSize }`, sort as `field` or `-field`. */
export type Page<T> = { data: T[]; total: number; page: number; pageSize: number };

export function parseSort<K extends string>(
  sort: string | undefined,
  allowed: Record<string, K>,
  fallback: { column: K; desc: boolean },
): { column: K; desc: boolean } {
  if (!sort) return fallback;
  const desc = sort.startsWith('-');
  const column = allowed[desc ? sort.slice(1) : sort];
  return column ? { column, desc } : fallback;
}

export const offsetOf = (page: number, pageSize: number) => (page - 1) * pageSize;
