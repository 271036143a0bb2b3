import { hostname } from 'node:os';
import type { Db } from '../../db/database';
import { nowDate, nowIso } from '../clock';

/**
 * Scheduled jobs (light recomputation, reminders). Each run claims its time slot by inserting
 * (name, slot) into job_runs: the primary key lets exactly one instance win a slot, on SQLite and on
 * PostgreSQL alike, so several app instances on one database run each job once per slot.
 */
export type JobDef = {
  name: string;
  /** Slot length in minutes (e.g. 60 = hourly); a slot runs once across instances. */
  everyMinutes: number;
  run(db: Db): Promise<string | void>;
};

const JOBS: JobDef[] = [];
export function registerJob(job: JobDef) {
  if (!JOBS.some((j) => j.name === job.name)) JOBS.push(job);
}
export const registeredJobs = () => [...JOBS];

export const INSTANCE_ID = `${hostname()}:${process.pid}`;

export function slotOf(at: Date, everyMinutes: number): string {
  const ms = everyMinutes * 60_000;
  return new Date(Math.floor(at.getTime() / ms) * ms).toISOString().slice(0, 16);
}

/** Tries to claim and run one job's current slot; returns whether this instance ran it. */
export async function runJobOnce(db: Db, job: JobDef, instance = INSTANCE_ID): Promise<boolean> {
  const slot = slotOf(nowDate(), job.everyMinutes);
  try {
    await db
      .insertInto('job_runs')
      .values({
        name: job.name,
        slot,
        instance,
        started_at: nowIso(),
        finished_at: null,
        status: 'running',
        detail: null,
      })
      .execute();
  } catch {
    return false; // another instance holds this slot
  }
  try {
    const detail = await job.run(db);
    await db
      .updateTable('job_runs')
      .set({ status: 'done', finished_at: nowIso(), detail: detail ?? null })
      .where('name', '=', job.name)
      .where('slot', '=', slot)
      .execute();
  } catch (err) {
    await db
      .updateTable('job_runs')
      .set({ status: 'failed', finished_at: nowIso(), detail: String((err as Error).message).slice(0, 2000) })
      .where('name', '=', job.name)
      .where('slot', '=', slot)
      .execute();
  }
  return true;
}

/** Starts the in-process scheduler: every minute, each registered job tries its current slot. */
export function startScheduler(db: Db, log: (msg: string) => void = () => {}): () => void {
  let stopped = false;
  const tick = async () => {
    for (const job of JOBS) {
      if (stopped) return;
      try {
        if (await runJobOnce(db, job)) log(`job ${job.name} ran`);
      } catch (err) {
        log(`job ${job.name} failed to start: ${(err as Error).message}`);
      }
    }
  };
  const timer = setInterval(() => void tick(), 60_000);
  timer.unref();
  setTimeout(() => void tick(), 5_000).unref();
  return () => {
    stopped = true;
    clearInterval(timer);
  };
}
