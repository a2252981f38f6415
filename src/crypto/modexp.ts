import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';

/**
 * 3072-bit modular exponentiations off the event loop.
 *
 * Node's Diffie-Hellman (OpenSSL) is the fast way to compute g^e and b^e mod N, but it has no
 * asynchronous form: a modexp holds the event loop about 0.55 ms, and an SRP sign-in does three.
 * Here a few worker threads, each with its own DH object over the group, do them instead; a job
 * costs the event loop about 30 µs of messaging. Each server owns its set (built by the
 * composition root, closed with the server); the threads keep the process alive only while they
 * have work.
 */

/** What runs in each worker: `{ id, exp, base? }` in, `{ id, result }` or `{ id, error }` out. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { createDiffieHellman } = require('node:crypto');
const prime = Buffer.from(workerData.prime, 'hex');
const dh = createDiffieHellman(prime, Buffer.from([workerData.generator]));
// As srp.ts does: where computeSecret refuses a non-residue (prime - 4), it validates every
// peer key against the prime-order subgroup, and a DH object with another generator is used.
let forBases;
function basesDh() {
  if (forBases) return forBases;
  const nonResidue = Buffer.from((BigInt('0x' + workerData.prime) - 4n).toString(16).padStart(prime.length * 2, '0'), 'hex');
  dh.setPrivateKey(Buffer.from([1]));
  try {
    dh.computeSecret(nonResidue);
    forBases = dh;
  } catch {
    forBases = createDiffieHellman(prime, Buffer.from([workerData.generator + 1]));
  }
  return forBases;
}
parentPort.on('message', ({ id, exp, base }) => {
  try {
    const privateKey = Buffer.from(exp.buffer, exp.byteOffset, exp.byteLength);
    let result;
    if (base === undefined) {
      dh.setPrivateKey(privateKey);
      dh.generateKeys();
      result = dh.getPublicKey();
    } else {
      const withBases = basesDh();
      withBases.setPrivateKey(privateKey);
      result = withBases.computeSecret(Buffer.from(base.buffer, base.byteOffset, base.byteLength));
    }
    parentPort.postMessage({ id, result });
  } catch (error) {
    parentPort.postMessage({ id, error: String(error && error.message) });
  }
});
`;

interface Job {
  resolve(result: Buffer): void;
  reject(error: Error): void;
}

interface Thread {
  worker: Worker;
  pending: Map<number, Job>;
  alive: boolean;
}

/** Threads that die are replaced, up to this many times in the life of a set. */
const MAX_RESPAWNS = 16;

export interface ModexpGroup {
  /** The modulus, big-endian hex. */
  primeHex: string;
  generator: number;
}

/** A fixed set of worker threads computing modexps over one group. */
export class ModexpThreads {
  private readonly threads: Thread[] = [];
  private nextId = 0;
  private closed = false;
  private respawns = 0;

  private readonly group: ModexpGroup;
  readonly size: number;

  constructor(group: ModexpGroup, size: number) {
    this.group = group;
    this.size = size;
    for (let i = 0; i < size; i++) this.threads.push(this.spawn());
  }

  private spawn(): Thread {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      // The source is CommonJS and needs no loader: none of the process's flags (--input-type,
      // --import tsx) apply to it.
      execArgv: [],
      workerData: { prime: this.group.primeHex, generator: this.group.generator },
      // A modexp needs almost no heap: keep each thread small.
      resourceLimits: { maxOldGenerationSizeMb: 32, maxYoungGenerationSizeMb: 8 },
    });
    const thread: Thread = { worker, pending: new Map(), alive: true };
    worker.on('message', (message: { id: number; result?: Uint8Array; error?: string }) => {
      const job = thread.pending.get(message.id);
      if (!job) return;
      thread.pending.delete(message.id);
      // Not while closing: terminate() waits for the thread's exit, which an unref'd worker
      // could leave unobserved.
      if (thread.pending.size === 0 && !this.closed) worker.unref();
      if (message.result) job.resolve(Buffer.from(message.result.buffer, message.result.byteOffset, message.result.byteLength));
      else job.reject(new Error(`modexp failed: ${message.error ?? 'unknown error'}`));
    });
    const fail = (error: Error) => {
      thread.alive = false;
      for (const job of thread.pending.values()) job.reject(error);
      thread.pending.clear();
      const index = this.threads.indexOf(thread);
      // A thread that died is replaced, so one bad moment does not shrink the set for good; one
      // that keeps dying is not (callers then compute on their own thread).
      if (index >= 0 && !this.closed && this.respawns < MAX_RESPAWNS) {
        this.respawns++;
        this.threads[index] = this.spawn();
      }
    };
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`modexp thread exited (${code})`)));
    // Idle threads never keep the process alive; busy ones do, until their answers are in.
    // (After the listeners: attaching a 'message' listener refs the worker again.)
    worker.unref();
    return thread;
  }

  /**
   * exp-th power of base (or of the generator when base is undefined) modulo the prime, as
   * OpenSSL returns it: big-endian, leading zero bytes dropped for g^e, padded for base^e.
   */
  run(exp: Buffer, base?: Buffer): Promise<Buffer> {
    if (this.closed) return Promise.reject(new Error('modexp threads are closed'));
    // The least busy live thread; ties go to the first.
    let thread: Thread | undefined;
    for (const t of this.threads) if (t.alive && (!thread || t.pending.size < thread.pending.size)) thread = t;
    if (!thread) return Promise.reject(new Error('no modexp thread is running'));
    const id = this.nextId++;
    const chosen = thread;
    return new Promise<Buffer>((resolve, reject) => {
      if (chosen.pending.size === 0) chosen.worker.ref();
      chosen.pending.set(id, { resolve, reject });
      chosen.worker.postMessage({ id, exp, base });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.all(this.threads.map((t) => t.worker.terminate()));
  }
}

/**
 * Default: one thread per core the process has to itself (the cores it may run on, shared by
 * `workers` processes), at most four; none where that is a single core, where a thread would
 * only add hand-overs and switches to the same core's work (docs/performance.md).
 */
export function defaultModexpThreads(workers = 1, cores = availableParallelism()): number {
  const own = Math.floor(cores / Math.max(1, workers));
  return own >= 2 ? Math.min(4, own) : 0;
}
