import path from 'node:path';
import { openDatabase, type DatabaseHandle } from '../../server/src/db/database';

/** Bench database: a SQLite file path, or a postgres:// URL. */
export function openBenchDatabase(target: string): DatabaseHandle {
  return /^postgres(ql)?:\/\//.test(target)
    ? openDatabase({ kind: 'postgres', url: target, max: 4 })
    : openDatabase({ kind: 'sqlite', file: path.resolve(target) });
}

/** The password of the bench's demo accounts (the generator loads the demo organisation with it). */
export const BENCH_PASSWORD = 'Bench-Passw0rd!';

export function arg(name: string, fallback?: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0 && process.argv[i + 1]) return process.argv[i + 1];
  const eq = process.argv.find((a) => a.startsWith(`--${name}=`));
  return eq ? eq.slice(name.length + 3) : fallback;
}
