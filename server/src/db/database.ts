import fs from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, type Transaction } from 'kysely';
import type { DB } from './schema';

export type Engine = 'sqlite' | 'postgres';
export type Db = Kysely<DB>;
export type Trx = Transaction<DB>;
/** Either the database or an open transaction: repositories take this so services decide the transaction. */
export type Executor = Kysely<DB>;

export type DatabaseHandle = {
  db: Db;
  engine: Engine;
  /** The raw better-sqlite3 handle (SQLite only): online backup, integrity checks. */
  sqlite?: SQLite.Database;
  close(): Promise<void>;
};

// int8 (count(*), sums, bigint money columns) arrives as a string from pg; every amount we store fits in a
// double exactly (integer 元 below 2^53), so parse it as a number on both engines.
pg.types.setTypeParser(20, (v) => Number(v));
// numeric (avg(), ratios computed in SQL) likewise.
pg.types.setTypeParser(1700, (v) => Number(v));

export type OpenOptions = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; max?: number };

export function openDatabase(opts: OpenOptions): DatabaseHandle {
  if (opts.kind === 'sqlite') {
    if (opts.file !== ':memory:') fs.mkdirSync(path.dirname(opts.file), { recursive: true });
    const sqlite = new SQLite(opts.file);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    sqlite.pragma('cache_size = -65536');
    sqlite.pragma('temp_store = MEMORY');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: sqlite }) });
    return {
      db,
      engine: 'sqlite',
      sqlite,
      close: async () => {
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: opts.url, max: opts.max ?? 10 });
  // An idle connection killed by the server (restart, failover, DROP DATABASE) must not crash the process:
  // the pool discards it and the next query opens a new one.
  pool.on('error', (err) => {
    if (process.env.LOG_LEVEL !== 'silent') console.warn(`postgres: idle connection closed (${err.message})`);
  });
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return {
    db,
    engine: 'postgres',
    close: async () => {
      await db.destroy();
    },
  };
}
