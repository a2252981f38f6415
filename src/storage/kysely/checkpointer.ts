import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite's WAL checkpoints off the event loop.
 *
 * In WAL mode a commit appends pages to the -wal file; a checkpoint copies them back into the
 * database file and syncs both, and SQLite runs one by itself inside whichever commit finds the
 * WAL past 1,000 pages. With better-sqlite3 that commit runs on the thread that serves every
 * request, so a few times a second a sign-in would wait for a page copy and two fsyncs, and so
 * would everything queued behind it (docs/performance.md measures the cost). Here the serving
 * connection never checkpoints (`wal_autocheckpoint = 0`); a worker thread with a connection
 * of its own runs a PASSIVE checkpoint every `everyMs`, which never blocks a reader or a writer
 * (https://www.sqlite.org/pragma.html#pragma_wal_checkpoint). Once it has copied every frame,
 * the next commit starts the WAL over from its beginning, so the file stays the size of a
 * second's writes.
 *
 * When the thread cannot start or dies, `fallback` is called (the caller turns the serving
 * connection's own checkpoints back on): the database never grows its WAL without bound.
 */

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
db.pragma('busy_timeout = 1000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    // Busy or locked: the next tick tries again.
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', (message) => {
  if (message !== 'close') return;
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Runs a last checkpoint, closes the thread's connection and waits for the thread to end. */
  close(): Promise<void>;
}

/** Starts checkpointing the SQLite database at `file` (already in WAL mode) every `everyMs`. */
export function startCheckpointer(file: string, everyMs: number, fallback: (error: Error) => void): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    // CommonJS that needs no loader: none of the process's flags (--import tsx) apply to it.
    execArgv: [],
    workerData: { module, file, everyMs },
    resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
  });
  let closing = false;
  let failed = false;
  const fail = (error: unknown) => {
    if (closing || failed) return;
    failed = true;
    // An error thrown in the thread arrives as a structured clone: better-sqlite3's SqliteError
    // as a bare object with its code.
    if (error instanceof Error) fallback(error);
    else fallback(new Error(`the checkpoint thread failed: ${(error as { code?: string } | null)?.code ?? String(error)}`));
  };
  const exited = new Promise<void>((resolve) => {
    worker.once('exit', (code) => {
      fail(new Error(`the checkpoint thread exited (${code})`));
      resolve();
    });
  });
  worker.on('error', fail);
  // The thread never keeps the process alive.
  worker.unref();
  return {
    async close() {
      if (closing) return exited;
      closing = true;
      worker.postMessage('close');
      const timer = setTimeout(() => void worker.terminate(), 5000);
      await exited;
      clearTimeout(timer);
    },
  };
}
