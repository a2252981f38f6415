import cluster, { type Worker } from 'node:cluster';
import type { ServerConfig } from './config/schema.ts';
import { aggregateMetrics } from './metrics.ts';
import type { SeededPool } from './seed/apply-seed.ts';
import { type RunningServer, startServer } from './server.ts';

/**
 * `--workers N`: N server processes on one port through node's cluster module, sharing the
 * database. The primary prepares the storage once (migrations, master key, TLS certificate, seed),
 * then forks the workers, restarts one that dies, and stops them all on SIGTERM / SIGINT. It
 * serves no request itself: `/metrics`, answered by whichever worker gets it, asks the primary,
 * which sums every worker's registry. The background work each worker starts (message delivery,
 * user import, housekeeping) claims its rows atomically, as separate processes on one database do.
 */

/** What a listening worker tells the primary, for the start banner. */
export interface Listening {
  url: string;
  publicUrl: string;
  tlsUrl: string | undefined;
  storage: { kind: string; location: string };
  tls: { selfSigned: boolean; certPath: string } | undefined;
  /** Bound to a wildcard address without --public-url: that address (public-url.ts). */
  replacedWildcard: string | undefined;
  /** What the seed file created (the primary's, with workers: it applies the seed). */
  seeded: SeededPool[];
}

type Message =
  | { type: 'cognate:listening'; info: Listening }
  | { type: 'cognate:metrics-request'; id: number }
  | { type: 'cognate:metrics-text'; id: number; text: string; contentType: string }
  | { type: 'cognate:snapshot-request'; id: number }
  | { type: 'cognate:snapshot'; id: number; metrics: object[] };

const METRICS_TIMEOUT_MS = 5_000;

const isMessage = (m: unknown): m is Message => typeof m === 'object' && m !== null && typeof (m as { type?: unknown }).type === 'string';

/** What the start banner of a server says. */
export function listeningOf(server: RunningServer): Listening {
  return {
    url: server.url,
    publicUrl: server.publicUrl,
    tlsUrl: server.tlsUrl,
    storage: { kind: server.services.database.kind, location: server.services.database.location },
    tls: server.tls ? { selfSigned: server.tls.selfSigned, certPath: server.tls.certPath } : undefined,
    replacedWildcard: server.replacedWildcard,
    seeded: server.seeded,
  };
}

export const isWorker = (): boolean => cluster.isWorker;

/**
 * The primary: prepares the storage, forks `config.workers` workers and calls `announce` once all
 * listen. A worker that dies before it listens stops everything (it printed why); one that dies
 * later is replaced.
 */
export async function runPrimary(config: ServerConfig, announce: (info: Listening, pids: number[]) => void, stop: (code: number) => never): Promise<void> {
  const prepared = await startServer(config, { prepareOnly: true });
  let shuttingDown = false;
  let announced = false;
  const listening = new Set<number>();
  let nextSnapshot = 0;
  const snapshots = new Map<number, { metrics: object[][]; pending: number; done(): void }>();

  const live = () => Object.values(cluster.workers ?? {}).filter((w): w is Worker => w?.isConnected() === true);

  async function clusterMetrics(): Promise<{ text: string; contentType: string }> {
    const id = nextSnapshot++;
    const workers = live();
    const collected: object[][] = [];
    await new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, METRICS_TIMEOUT_MS);
      const done = () => {
        clearTimeout(timer);
        resolve();
      };
      snapshots.set(id, { metrics: collected, pending: workers.length, done });
      for (const w of workers) w.send({ type: 'cognate:snapshot-request', id } satisfies Message);
      if (workers.length === 0) done();
    });
    snapshots.delete(id);
    return aggregateMetrics(collected);
  }

  function onMessage(worker: Worker, message: unknown): void {
    if (!isMessage(message)) return;
    if (message.type === 'cognate:listening') {
      listening.add(worker.id);
      if (!announced && listening.size >= config.workers) {
        announced = true;
        announce(
          { ...message.info, seeded: prepared.seeded },
          live().map((w) => w.process.pid ?? 0),
        );
      }
    } else if (message.type === 'cognate:snapshot') {
      const s = snapshots.get(message.id);
      if (!s) return;
      s.metrics.push(message.metrics);
      if (--s.pending === 0) s.done();
    } else if (message.type === 'cognate:metrics-request') {
      void clusterMetrics().then(
        (m) => worker.isConnected() && worker.send({ type: 'cognate:metrics-text', id: message.id, ...m } satisfies Message),
        () => worker.isConnected() && worker.send({ type: 'cognate:metrics-text', id: message.id, text: '', contentType: 'text/plain' } satisfies Message),
      );
    }
  }

  cluster.on('message', onMessage);
  // Replacements that die before they listen wait longer each time (1 s, 2 s, 4 s … 30 s), so a
  // database that is down does not make the primary fork in a tight loop.
  let failedStarts = 0;
  cluster.on('exit', (worker, code, signal) => {
    if (shuttingDown) return;
    const started = listening.delete(worker.id);
    if (!started && !announced) {
      // It could not start (the port is taken, the database is gone): it said why; so do the others.
      shuttingDown = true;
      for (const w of live()) w.process.kill('SIGTERM');
      stop(code || 1);
    }
    failedStarts = started ? 0 : failedStarts + 1;
    const delay = failedStarts === 0 ? 0 : Math.min(30_000, 1000 * 2 ** (failedStarts - 1));
    process.stderr.write(`cognate: worker ${worker.id} (pid ${worker.process.pid}) exited (${signal ?? code}); starting another\n`);
    setTimeout(() => {
      if (!shuttingDown) cluster.fork();
    }, delay);
  });

  const shutdown = async () => {
    if (shuttingDown) return;
    shuttingDown = true;
    const workers = Object.values(cluster.workers ?? {}).filter((w): w is Worker => w !== undefined);
    await Promise.all(
      workers.map(
        (w) =>
          new Promise<void>((resolve) => {
            if (w.isDead()) return resolve();
            const timer = setTimeout(() => w.process.kill('SIGKILL'), 10_000);
            w.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            w.process.kill('SIGTERM');
          }),
      ),
    );
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);

  for (let i = 0; i < config.workers; i++) cluster.fork();
}

/** A worker: a server that does not migrate or seed, and asks the primary for the cluster's metrics. */
export async function runWorker(config: ServerConfig): Promise<RunningServer> {
  let nextRequest = 0;
  const waiting = new Map<number, (m: { text: string; contentType: string }) => void>();
  let server: RunningServer | undefined;
  process.on('message', (message: unknown) => {
    if (!isMessage(message)) return;
    if (message.type === 'cognate:snapshot-request') {
      const reply = (metrics: object[]) => process.send?.({ type: 'cognate:snapshot', id: message.id, metrics } satisfies Message);
      void (server ? server.services.metrics.snapshot() : Promise.resolve([])).then(reply, () => reply([]));
    } else if (message.type === 'cognate:metrics-text') {
      waiting.get(message.id)?.({ text: message.text, contentType: message.contentType });
      waiting.delete(message.id);
    }
  });
  const renderMetrics = () =>
    new Promise<{ text: string; contentType: string }>((resolve, reject) => {
      const id = nextRequest++;
      const timer = setTimeout(() => {
        waiting.delete(id);
        reject(new Error('the cluster primary did not answer for the metrics'));
      }, METRICS_TIMEOUT_MS * 2);
      waiting.set(id, (m) => {
        clearTimeout(timer);
        resolve(m);
      });
      process.send?.({ type: 'cognate:metrics-request', id } satisfies Message);
    });
  server = await startServer(config, { worker: { id: cluster.worker?.id ?? 0, renderMetrics } });
  process.send?.({ type: 'cognate:listening', info: listeningOf(server) } satisfies Message);
  return server;
}
