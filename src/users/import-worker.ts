import type { Services } from '../services.ts';
import { runImportJob } from './import-run.ts';

/**
 * The user import worker: runs started (Pending) jobs one at a time. A job is claimed with a
 * compare-and-swap from Pending to InProgress, so of the processes sharing the database one runs
 * it; StartUserImportJob wakes the worker of its own process, and every worker also looks for
 * jobs now and then (one started on a process that stopped). A job interrupted by the server
 * stopping goes back to Pending, and runs again from the start: the users it imported already
 * then count as skipped.
 */

const POLL_MS = 5_000;

export interface ImportWorker {
  nudge(): void;
  /** Stops looking for jobs and waits for the one running, if any, to end. */
  stop(): Promise<void>;
}

export function startImportWorker(services: Services): ImportWorker {
  const jobs = services.stores.importJobs;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = pass()
      .catch((error: unknown) => services.log.error({ err: error }, 'user import: a job could not be run'))
      .then(() => {
        running = undefined;
        const soon = again;
        again = false;
        schedule(soon ? 0 : POLL_MS);
      });
  }

  async function pass(): Promise<void> {
    for (const job of await jobs.withStatus(['Pending'], 10)) {
      if (stopped) return;
      const startedAt = services.clock.now();
      if (!(await jobs.transition(job.poolId, job.jobId, ['Pending'], 'InProgress', { startedAt }))) continue;
      const pool = await services.stores.pools.get(job.poolId);
      if (!pool) continue;
      await runImportJob(services, pool, { ...job, status: 'InProgress', startedAt }, () => stopped);
    }
  }

  schedule(0);
  return {
    nudge: () => {
      if (!stopped) setImmediate(run);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
  };
}
