import { randomUUID } from 'node:crypto';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TriggerOutcome as Outcome } from '../services.ts';

/**
 * Trigger functions run from a folder (`--functions DIR`): `NAME.mjs` or `NAME.js` exporting
 * `handler(event, context)`. They run in a small pool of worker threads, never on the server's
 * event loop, so a slow or looping function cannot stall other requests: when one overruns the
 * time limit its thread is terminated and a fresh one takes its place. As on Lambda, a thread
 * keeps modules loaded between invocations (module state survives "warm" calls); when a module
 * changes on disk, every thread is replaced, as a redeployment replaces Lambda's containers.
 */

export interface LocalFunctions {
  /** The module's file URL when `name` exists in the folder, else undefined. */
  find(name: string): string | undefined;
  invoke(call: LocalCall): Promise<Outcome>;
  /** Terminates every thread; calls still waiting fail. */
  close(): Promise<void>;
}

export interface LocalCall {
  url: string;
  name: string;
  qualifier: string | undefined;
  arn: string;
  event: unknown;
}

// The thread's program. Plain JavaScript run with `eval`, so it needs no TypeScript loader in
// the thread whichever way the server was started.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');

const describe = (e) => {
  if (e instanceof Error) return e.message;
  if (typeof e === 'string') return e;
  try { return JSON.stringify(e) ?? String(e); } catch { return String(e); }
};

parentPort.on('message', async (job) => {
  let settled = false;
  const settle = (message) => {
    if (settled) return;
    settled = true;
    parentPort.postMessage({ id: job.id, ...message });
  };
  const ok = (value) => {
    let payload;
    try { payload = JSON.stringify(value === undefined ? null : value); } catch { payload = undefined; }
    settle({ kind: 'returned', payload });
  };
  const bad = (e) => settle({ kind: 'threw', message: describe(e) });
  let mod;
  try {
    mod = await import(job.url);
  } catch (e) {
    settle({ kind: 'threw', message: e instanceof Error ? e.name + ': ' + e.message : describe(e) });
    return;
  }
  const handler = typeof mod.handler === 'function' ? mod.handler
    : mod.default && typeof mod.default.handler === 'function' ? mod.default.handler : undefined;
  if (!handler) {
    settle({ kind: 'threw', message: job.name + '.handler is undefined or not exported' });
    return;
  }
  const deadline = Date.now() + job.timeoutMs;
  const context = {
    ...job.context,
    callbackWaitsForEmptyEventLoop: true,
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    succeed: ok,
    fail: bad,
    done: (e, v) => (e != null ? bad(e) : ok(v)),
  };
  try {
    const result = handler(job.event, context, (e, v) => (e != null ? bad(e) : ok(v)));
    if (result && typeof result.then === 'function') result.then(ok, bad);
    // A handler that takes no callback answers with what it returns.
    else if (handler.length < 3) ok(result);
  } catch (e) {
    bad(e);
  }
});
`;

interface Job {
  id: number;
  call: LocalCall;
  resolve(outcome: Outcome): void;
}

interface Slot {
  worker: Worker;
  job: Job | undefined;
  timer: NodeJS.Timeout | undefined;
  /** The {@link generation} it was started in: older threads may hold outdated modules. */
  generation: number;
}

const describe = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createLocalFunctions(dir: string, options: { timeoutMs: number; maxThreads: number }): LocalFunctions {
  const slots = new Set<Slot>();
  const queue: Job[] = [];
  let nextId = 1;
  let closed = false;
  // Bumped whenever a module's file changes; threads of an older generation are replaced.
  let generation = 0;
  const seen = new Map<string, number>();

  function settle(slot: Slot, outcome: Outcome): void {
    const job = slot.job;
    if (!job) return;
    clearTimeout(slot.timer);
    slot.job = undefined;
    slot.timer = undefined;
    job.resolve(outcome);
  }

  /** Drops a thread (it died or overran) and lets a queued call start on a new one. */
  function retire(slot: Slot): void {
    if (!slots.delete(slot)) return;
    void slot.worker.terminate();
    pump();
  }

  function spawn(): Slot {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    // Idle threads must not keep the process alive.
    worker.unref();
    const slot: Slot = { worker, job: undefined, timer: undefined, generation };
    worker.on('message', (m: { id: number; kind: 'returned'; payload: string | undefined } | { id: number; kind: 'threw'; message: string }) => {
      if (slot.job?.id !== m.id) return;
      settle(slot, m.kind === 'returned' ? { kind: 'returned', payload: m.payload } : { kind: 'threw', message: m.message });
      if (slot.generation !== generation) retire(slot);
      else pump();
    });
    // An uncaught exception or rejection inside the function: Lambda reports it as the
    // invocation's error, and the thread is gone.
    worker.on('error', (error) => {
      settle(slot, { kind: 'threw', message: describe(error) });
      retire(slot);
    });
    worker.on('exit', () => {
      settle(slot, { kind: 'threw', message: 'Runtime exited without providing a reason' });
      retire(slot);
    });
    slots.add(slot);
    return slot;
  }

  function start(slot: Slot, job: Job): void {
    slot.job = job;
    slot.timer = setTimeout(() => {
      settle(slot, { kind: 'failed', cause: 'Socket timeout while invoking Lambda function' });
      retire(slot);
    }, options.timeoutMs);
    const { call } = job;
    slot.worker.postMessage({
      id: job.id,
      url: call.url,
      name: call.name,
      event: call.event,
      timeoutMs: options.timeoutMs,
      context: {
        functionName: call.name,
        functionVersion: call.qualifier ?? '$LATEST',
        invokedFunctionArn: call.arn,
        memoryLimitInMB: '128',
        awsRequestId: randomUUID(),
        logGroupName: `/aws/lambda/${call.name}`,
        logStreamName: 'cognate',
      },
    });
  }

  function pump(): void {
    while (queue.length > 0 && !closed) {
      for (const stale of [...slots].filter((s) => s.job === undefined && s.generation !== generation)) {
        slots.delete(stale);
        void stale.worker.terminate();
      }
      let slot = [...slots].find((s) => s.job === undefined);
      if (!slot && slots.size < options.maxThreads) slot = spawn();
      if (!slot) return;
      start(slot, queue.shift()!);
    }
  }

  return {
    find(name) {
      for (const ext of ['.mjs', '.js']) {
        const file = join(dir, `${name}${ext}`);
        try {
          const stat = statSync(file);
          if (!stat.isFile()) continue;
          const stamp = stat.mtimeMs + stat.size;
          const before = seen.get(file);
          seen.set(file, stamp);
          if (before !== undefined && before !== stamp) generation++;
          return pathToFileURL(file).href;
        } catch {
          // not there: try the next extension
        }
      }
      return undefined;
    },
    invoke(call) {
      if (closed) return Promise.resolve({ kind: 'failed', cause: 'ServiceException' });
      return new Promise((resolve) => {
        queue.push({ id: nextId++, call, resolve });
        pump();
      });
    },
    async close() {
      closed = true;
      for (const job of queue.splice(0)) job.resolve({ kind: 'failed', cause: 'ServiceException' });
      const all = [...slots];
      slots.clear();
      for (const slot of all) settle(slot, { kind: 'failed', cause: 'ServiceException' });
      await Promise.all(all.map((s) => s.worker.terminate()));
    },
  };
}
