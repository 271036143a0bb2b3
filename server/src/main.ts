import { buildApp } from './app';
import { openFromConfig, prepareDatabase } from './bootstrap';
import { ConfigError, loadConfig } from './config';
import { startScheduler } from './core/jobs/scheduler';

/** Starts listening; nothing else. Everything is built in app.ts and bootstrap.ts. */
export async function serve(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const database = openFromConfig(config);
  await prepareDatabase(database, config);
  const app = await buildApp({ config, database });
  const stopJobs = config.jobs ? startScheduler(database.db, (m) => app.log.info(m)) : () => {};
  const shutdown = async () => {
    stopJobs();
    await app.close();
    await database.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await app.listen({ host: config.host, port: config.port });
  console.log(`Gongjian is serving http://${config.host}:${config.port} (${database.engine})`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await serve();
}
