import type { Config } from '../config';
import type { Db, Engine } from '../db/database';

/** What every route module receives: the database, its engine and the configuration. */
export type AppDeps = { db: Db; engine: Engine; config: Config };
