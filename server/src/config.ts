import path from 'node:path';
import { z } from 'zod';

/**
 * Every setting Gongjian reads from the environment, validated once at boot.
 * This table is the one place configuration is documented; README.md repeats it for operators.
 */
const EnvSchema = z.object({
  /** Interface to listen on. */
  HOST: z.string().min(1).default('127.0.0.1'),
  /** TCP port for the API and the web UI. */
  PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  /** Where the SQLite file, attachments, backups and generated demo credentials live. */
  DATA_DIR: z.string().min(1).default('./data'),
  /** postgres://… selects PostgreSQL; absent selects the embedded SQLite file DATA_DIR/gongjian.sqlite. */
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must start with postgres:// or postgresql://')
    .optional(),
  /** Password of the demo accounts; when absent one is generated, printed once and written to DATA_DIR/demo-credentials.txt. */
  GONGJIAN_DEMO_PASSWORD: z
    .string()
    .min(10, 'GONGJIAN_DEMO_PASSWORD must be at least 10 characters')
    .optional(),
  /** Load the demo city when the database is empty: on (organisation and ledgers), org (organisation and users only), off. */
  GONGJIAN_DEMO: z.enum(['on', 'org', 'off']).default('on'),
  /** Mark the session cookie Secure (set to "on" behind TLS). */
  COOKIE_SECURE: z.enum(['on', 'off']).default('off'),
  /** Session lifetime in hours (sliding). */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 30)
    .default(12),
  /** Largest accepted upload (attachments, imports), in megabytes. */
  UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(512).default(25),
  /** Sign-in attempts allowed per client address per minute (on top of the per-account lockout). */
  LOGIN_RATE_PER_MINUTE: z.coerce.number().int().min(1).max(100000).default(10),
  /** Log level for the server (pino). */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** Run scheduled jobs (light recomputation, reminders) in this process. */
  GONGJIAN_JOBS: z.enum(['on', 'off']).default('on'),
});

export type Config = {
  host: string;
  port: number;
  dataDir: string;
  database: { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string };
  demo: { enabled: boolean; ledgers?: boolean; password?: string };
  cookieSecure: boolean;
  sessionTtlHours: number;
  uploadMaxBytes: number;
  loginRatePerMinute: number;
  logLevel: z.infer<typeof EnvSchema>['LOG_LEVEL'];
  jobs: boolean;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const dataDir = path.resolve(e.DATA_DIR);
  return {
    host: e.HOST,
    port: e.PORT,
    dataDir,
    database: e.DATABASE_URL
      ? { kind: 'postgres', url: e.DATABASE_URL }
      : { kind: 'sqlite', file: path.join(dataDir, 'gongjian.sqlite') },
    demo: {
      enabled: e.GONGJIAN_DEMO !== 'off',
      ledgers: e.GONGJIAN_DEMO === 'on',
      password: e.GONGJIAN_DEMO_PASSWORD,
    },
    cookieSecure: e.COOKIE_SECURE === 'on',
    sessionTtlHours: e.SESSION_TTL_HOURS,
    uploadMaxBytes: e.UPLOAD_MAX_MB * 1024 * 1024,
    loginRatePerMinute: e.LOGIN_RATE_PER_MINUTE,
    logLevel: e.LOG_LEVEL,
    jobs: e.GONGJIAN_JOBS === 'on',
  };
}
