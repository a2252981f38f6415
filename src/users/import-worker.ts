import type { Services } from '../services.ts';
import { startPollLoop } from '../work/poll-loop.ts';
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

  async function pass(): Promise<boolean> {
    for (const job of await jobs.withStatus(['Pending'], 10)) {
      if (loop.stopped) return false;
      const startedAt = services.clock.now();
      if (!(await jobs.transition(job.poolId, job.jobId, ['Pending'], 'InProgress', { startedAt }))) continue;
      const pool = await services.stores.pools.get(job.poolId);
      if (!pool) continue;
      await runImportJob(services, pool, { ...job, status: 'InProgress', startedAt }, () => loop.stopped);
    }
    return false;
  }

  const loop = startPollLoop({
    pass,
    pollMs: POLL_MS,
    onError: (error) => services.log.error({ err: error }, 'user import: a job could not be run'),
  });
  return { nudge: () => loop.nudge(), stop: () => loop.stop() };
}
