/**
 * What the load benches share (bench/password.ts, bench/srp.ts; docs/performance.md): option
 * parsing, the server under test in a child process of its own, the pool and its app client,
 * bulk seeding of users through the storage layer, process measurements from /proc, and the
 * run's frame (watchdog, signals, clean-up, exit code).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { type Agent, request } from 'node:http';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  type ExplicitAuthFlowsType,
} from '@aws-sdk/client-cognito-identity-provider';
import pg from 'pg';
import { createSealer } from '../src/crypto/seal.ts';
import { passwordVerifier } from '../src/domain/password.ts';
import { usernameKey } from '../src/domain/pool.ts';
import type { StoredPassword, User, UserPool } from '../src/domain/types.ts';
import { openDatabase } from '../src/storage/kysely/db.ts';
import { createStores } from '../src/storage/kysely/index.ts';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const MASTER_SECRET = 'bench-master-secret-0123456789abcdef-fixed';
/** Every seeded user's password. */
export const PASSWORD = 'Bench-Passw0rd!';
/** Users that actually sign in: spread over the key space, each with its own verifier. */
export const MAX_SIGNERS = 1000;
const SEED_CHUNK = 10_000;
/** Nothing here may run longer than this, whatever happens. */
const WATCHDOG_MS = 45 * 60_000;

export const log = (line: string) => process.stdout.write(`${line}\n`);
export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
export const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

// ---------------------------------------------------------------------------------------------
// Options

export interface IntOption {
  fallback: number;
  min: number;
  max: number;
}

export interface ParsedArgs {
  ints: Record<string, number>;
  flags: Record<string, boolean>;
  /** A checked loopback postgres:// URL naming a database of its own; undefined for SQLite. */
  db: string | undefined;
  /** Folder for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
  cpuProf: string | undefined;
  /** Server processes (`serve --workers`). */
  workers: number;
  /** Pin the server and this driver to cores of their own (see pinning()). */
  pin: boolean;
}

/**
 * Parses `--name N` integers (each within its range), boolean `--flag`s, `--db URL` and
 * `--cpu-prof DIR`; prints the usage line and exits 2 on anything else (0 for --help).
 */
export function parseBenchArgs(bench: string, usageLine: string, argv: string[], ints: Record<string, IntOption>, flags: string[] = []): ParsedArgs {
  function usage(message?: string): never {
    if (message) process.stderr.write(`${bench}: ${message}\n`);
    process.stderr.write(`Usage: ${usageLine}\n`);
    process.exit(message ? 2 : 0);
  }
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        ...Object.fromEntries(Object.keys(ints).map((name) => [name, { type: 'string' as const }])),
        ...Object.fromEntries(flags.map((name) => [name, { type: 'boolean' as const }])),
        db: { type: 'string' },
        'cpu-prof': { type: 'string' },
        workers: { type: 'string' },
        'no-pin': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usage((error as Error).message.split('\n')[0]);
  }
  if (values.help) usage();
  const parsed: Record<string, number> = {};
  for (const [name, { fallback, min, max }] of Object.entries(ints)) {
    const raw = values[name];
    if (raw === undefined) {
      parsed[name] = fallback;
      continue;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} must be an integer from ${min} to ${max}`);
    parsed[name] = n;
  }
  const db = values.db as string | undefined;
  if (db !== undefined) {
    let url: URL;
    try {
      url = new URL(db);
    } catch {
      usage('--db must be a postgres:// URL');
    }
    if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') usage('--db must be a postgres:// URL');
    // Load goes to this machine only.
    if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) usage('--db must point at a loopback address');
    if (!/^\/[a-z_][a-z0-9_]*$/.test(url.pathname)) usage('--db must name a database (lowercase letters, digits, _)');
    if (url.pathname === '/postgres') usage('--db must name a database of its own, not postgres (it is created and dropped)');
  }
  const workers = values.workers === undefined ? 1 : Number(values.workers);
  if (!Number.isInteger(workers) || workers < 1 || workers > cpus().length) usage(`--workers must be an integer from 1 to ${cpus().length} (the cores)`);
  return {
    ints: parsed,
    flags: Object.fromEntries(flags.map((name) => [name, values[name] === true])),
    db,
    cpuProf: values['cpu-prof'] as string | undefined,
    workers,
    pin: values['no-pin'] !== true,
  };
}

// ---------------------------------------------------------------------------------------------
// The server under test

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The PostgreSQL database of a run: created fresh, dropped at the end. */
function postgresDatabase(url: string) {
  const name = new URL(url).pathname.slice(1);
  const admin = new URL(url);
  admin.pathname = '/postgres';
  const run = async (statement: string) => {
    const client = new pg.Client({ connectionString: admin.toString(), connectionTimeoutMillis: 5000 });
    await client.connect();
    try {
      return await client.query(statement);
    } finally {
      await client.end().catch(() => {});
    }
  };
  return {
    name,
    async create() {
      const exists = await run(`select 1 from pg_database where datname = '${name}'`);
      if (exists.rowCount) {
        // Only a database this bench names for itself is dropped unasked (a crashed earlier run).
        if (!name.startsWith('cognate_bench')) {
          throw new Error(`database ${name} exists; name a new one (or one starting with cognate_bench, which is recreated)`);
        }
        await run(`drop database ${name} with (force)`);
      }
      await run(`create database ${name}`);
    },
    async drop() {
      await run(`drop database if exists ${name} with (force)`);
    },
  };
}

/** The server under test, in its own process. */
export interface Server {
  url: string;
  pid: number;
  /** How the server process ended, when it has. */
  exitStatus(): string | undefined;
  stop(): Promise<void>;
}

/**
 * Where the server and this driver run. Pinned (the default where taskset exists and the
 * server leaves a core free): the server on CPUs 0..workers-1, this process on the rest, so that
 * neither takes the other's CPU. With as many workers as cores, the server gets every core and
 * the driver is not pinned (it shares them).
 */
export interface Pinning {
  /** The cores the server runs on (the ceiling is measured on these). */
  serverCpus: number[];
  /** The cores this process runs on, or undefined when it is not pinned. */
  driverCpus: number[] | undefined;
  /** Whether the server is pinned at all. */
  pinned: boolean;
}

let tasksetWorks: boolean | undefined;

export function pinning(workers: number, pin: boolean): Pinning {
  const cores = cpus().length;
  const serverCpus = Array.from({ length: workers }, (_, i) => i);
  tasksetWorks ??= spawnSync('taskset', ['-c', '0', 'true']).status === 0;
  if (!pin || !tasksetWorks) return { serverCpus, driverCpus: undefined, pinned: false };
  const rest = Array.from({ length: cores - workers }, (_, i) => workers + i);
  return { serverCpus, driverCpus: rest.length > 0 ? rest : undefined, pinned: true };
}

/** Pins this process (every thread it has; later ones inherit it) to the driver's cores. */
export function pinDriver(p: Pinning): void {
  if (!p.driverCpus) return;
  const result = spawnSync('taskset', ['-a', '-p', '-c', p.driverCpus.join(','), String(process.pid)]);
  if (result.status !== 0) throw new Error(`taskset could not pin the driver: ${result.stderr.toString().trim()}`);
}

export function pinningLine(p: Pinning, workers: number): string {
  if (!p.pinned) return `server: ${workers} worker${workers === 1 ? '' : 's'}, not pinned (driver and server share every core)`;
  return `server: ${workers} worker${workers === 1 ? '' : 's'} pinned to CPU ${p.serverCpus.join(',')}; driver ${p.driverCpus ? `pinned to CPU ${p.driverCpus.join(',')}` : 'not pinned (shares the server cores)'}`;
}

async function startServer(data: string, db: string | undefined, cpuProf: string | undefined, workers: number, pins: Pinning): Promise<Server> {
  const port = await freePort();
  const args = [
    ...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : []),
    '--import',
    'tsx',
    'src/cli.ts',
    'serve',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--data',
    data,
  ];
  // The default log level: one line per request, as an operator runs it (to /dev/null here).
  args.push('--master-secret', MASTER_SECRET, '--log-format', 'json', '--workers', String(workers));
  if (db) args.push('--db', db);
  const [command, ...commandArgs] = pins.pinned ? ['taskset', '-c', pins.serverCpus.join(','), process.execPath, ...args] : [process.execPath, ...args];
  const child: ChildProcess = spawn(command!, commandArgs, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  let exited = false;
  let status: string | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code, signal) => {
      exited = true;
      status = signal ? `killed by ${signal}` : `exited with code ${code}`;
      resolve();
    }),
  );
  // Last resort: the server never outlives this process.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  const stop = async () => {
    process.removeListener('exit', killOnExit);
    if (exited) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
    await exit;
    clearTimeout(timer);
  };
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error('the server exited before it was ready (see its output above)');
    if (Date.now() > deadline) {
      await stop();
      throw new Error('the server did not answer /health within 60 s');
    }
    try {
      const res = await fetch(`${url}/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await sleep(100);
  }
  return { url, pid: child.pid!, exitStatus: () => status, stop };
}

// ---------------------------------------------------------------------------------------------
// Measurements (Linux /proc; undefined elsewhere)

/** Peak resident set size in KiB (VmHWM) of a process, with its --workers summed; undefined off Linux. */
export function peakRss(pid: number): number | undefined {
  let total: number | undefined;
  for (const p of processTree(pid)) {
    try {
      const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (match) total = (total ?? 0) + Number(match[1]);
    } catch {
      // not on Linux, or ended meanwhile
    }
  }
  return total;
}

/** Restarts VmHWM from the current RSS (Linux clear_refs 5), so each phase gets its own peak. */
export function resetPeakRss(pid: number): boolean {
  try {
    for (const p of processTree(pid)) writeFileSync(`/proc/${p}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

/** Clock ticks per second of /proc's CPU times (USER_HZ: 100 on every Linux Node runs on). */
const USER_HZ = 100;

/** The process and its descendants (a server with --workers forks its workers), from /proc. */
function processTree(pid: number): number[] {
  const all = [pid];
  for (let i = 0; i < all.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${all[i]}/task`)) {
        const children = readFileSync(`/proc/${all[i]}/task/${task}/children`, 'utf8').trim();
        if (children) all.push(...children.split(/\s+/).map(Number));
      }
    } catch {
      // gone meanwhile
    }
  }
  return all;
}

function cpuOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // The command name (field 2) may hold spaces; fields are counted after its closing paren.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / USER_HZ;
}

/**
 * CPU time (user + system) a process and its descendants (its --workers) have used so far, in
 * ms: all their threads, or with `mainThread` only the threads that run their JavaScript (the
 * event loops).
 */
export function processCpuMs(pid: number, mainThread = false): number | undefined {
  try {
    let total = cpuOf(mainThread ? `/proc/${pid}/task/${pid}/stat` : `/proc/${pid}/stat`);
    for (const child of processTree(pid).slice(1)) {
      try {
        total += cpuOf(mainThread ? `/proc/${child}/task/${child}/stat` : `/proc/${child}/stat`);
      } catch {
        // ended meanwhile
      }
    }
    return total;
  } catch {
    return undefined;
  }
}

/** Busy and total jiffies of the whole machine (all cores), from /proc/stat. */
export function machineTicks(): { busy: number; total: number } | undefined {
  try {
    const line = readFileSync('/proc/stat', 'utf8').split('\n')[0]!;
    const [, ...values] = line.trim().split(/\s+/);
    const n = values.map(Number);
    // user nice system idle iowait irq softirq steal (guest time is already inside user).
    const total = n.slice(0, 8).reduce((a, b) => a + b, 0);
    const idle = n[3]! + n[4]!;
    return { busy: total - idle, total };
  } catch {
    return undefined;
  }
}

export function machineLine(): string {
  const [load1] = loadavg();
  return `machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), node ${process.version}, load average ${load1!.toFixed(2)} at start`;
}

/** Value at quantile q (0..1) of ascending-sorted numbers (nearest rank). */
export function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

/** A plain text table: first column left-aligned, the others right-aligned. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  return [line(header), ...rows.map(line)];
}

// ---------------------------------------------------------------------------------------------
// Users

export const nameOf = (i: number) => `user${String(i).padStart(8, '0')}`;

/** Indices of the users that sign in: evenly spread over [0, users). */
export function signerIndices(users: number): number[] {
  const count = Math.min(MAX_SIGNERS, users);
  return Array.from({ length: count }, (_, k) => Math.floor((k * users) / count));
}

export function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

/**
 * Seeds `count` confirmed users through the storage layer, in chunks, with progress. The signers
 * get real verifiers of PASSWORD (returned, by index); the others a copy of one.
 */
async function seedUsers(data: string, db: string | undefined, poolId: string, count: number, signers: number[]) {
  const database = await openDatabase({ url: db, dataDir: data });
  try {
    const stores = createStores(database.db, createSealer(MASTER_SECRET));
    const pool = (await stores.pools.get(poolId)) as UserPool;
    const started = performance.now();
    const verifiers = new Map<number, StoredPassword>();
    for (const i of signers) verifiers.set(i, passwordVerifier(pool, nameOf(i), PASSWORD));
    log(`  ${signers.length} verifiers in ${((performance.now() - started) / 1000).toFixed(1)} s`);
    // Users that never sign in carry a copy of one verifier: same size, no modexp each.
    const filler = verifiers.get(signers[0]!)!;
    const now = Date.now();
    const tty = process.stdout.isTTY;
    let lastReport = 0;
    let done = 0;
    const report = () => {
      const seconds = (performance.now() - started) / 1000;
      const line = `  seeded ${done.toLocaleString('en-US')}/${count.toLocaleString('en-US')} users (${Math.floor((done * 100) / count)}%) in ${seconds.toFixed(1)} s`;
      if (tty) process.stdout.write(`\r${line}`);
      else if (done === count || seconds - lastReport >= 10) {
        log(line);
        lastReport = seconds;
      }
    };
    const chunk = (from: number) => {
      const rows: { user: User; usernameKey: string }[] = [];
      for (let i = from; i < Math.min(count, from + SEED_CHUNK); i++) {
        const username = nameOf(i);
        const sub = randomUUID();
        rows.push({
          usernameKey: usernameKey(pool, username),
          user: {
            poolId,
            username,
            sub,
            status: 'CONFIRMED',
            enabled: true,
            attributes: { sub, email: `${username}@example.com`, email_verified: 'true' },
            password: verifiers.get(i) ?? filler,
            passwordSetAt: now,
            mfa: {},
            tokensValidAfter: 0,
            createdAt: now,
            updatedAt: now,
          },
        });
      }
      return rows;
    };
    // Two chunks in flight: on PostgreSQL the database works on one while this process builds
    // and seals the next (SQLite runs them one after the other anyway).
    const inFlight: Promise<number>[] = [];
    for (let from = 0; from < count || inFlight.length > 0; from += SEED_CHUNK) {
      if (from < count) {
        const rows = chunk(from);
        const insert = stores.users.insertMany(rows).then(() => rows.length);
        // Awaited below, oldest first; this keeps a failure of the newer one from counting as unhandled meanwhile.
        insert.catch(() => {});
        inFlight.push(insert);
      }
      if (inFlight.length >= 2 || from >= count) {
        done += await inFlight.shift()!;
        report();
      }
      // better-sqlite3 is synchronous: without a turn of the event loop here, signals and the
      // closing of idle keep-alive sockets would wait for the whole seeding.
      await new Promise((resolve) => setImmediate(resolve));
    }
    if (tty) process.stdout.write('\n');
    const stored = await stores.users.count(poolId);
    if (stored !== count) throw new Error(`seeded ${count} users but the pool holds ${stored}`);
    return { seconds: (performance.now() - started) / 1000, verifiers };
  } finally {
    await database.close();
  }
}

// ---------------------------------------------------------------------------------------------
// The run

/** Clean-up steps, run once in reverse order of registration (also on a signal or the watchdog). */
const cleanups: (() => Promise<void> | void)[] = [];
let cleaned: Promise<void> | undefined;
let running: Server | undefined;

function cleanup(): Promise<void> {
  cleaned ??= (async () => {
    for (const step of cleanups.reverse()) {
      try {
        await step();
      } catch (error) {
        process.stderr.write(`clean-up: ${(error as Error).message}\n`);
      }
    }
  })();
  return cleaned;
}

export interface Setup {
  server: Server;
  poolId: string;
  clientId: string;
  /** Indices of the users that sign in (see signerIndices). */
  signers: number[];
  /** The signers' salts and verifiers, by index. */
  verifiers: Map<number, StoredPassword>;
  seedSeconds: number;
}

/**
 * Starts the server (fresh data folder, or the fresh PostgreSQL database), creates a pool and a
 * public app client allowing `flows` (no secret, no refresh-token rotation) and seeds `users`
 * users. Everything it makes is undone by the run's clean-up.
 */
export async function setUp(
  options: { users: number; db: string | undefined; cpuProf: string | undefined; workers: number; pins: Pinning },
  flows: ExplicitAuthFlowsType[],
): Promise<Setup> {
  const data = mkdtempSync(join(tmpdir(), 'cognate-bench-'));
  cleanups.push(() => {
    if (existsSync(data)) rmSync(data, { recursive: true, force: true });
  });
  if (options.db) {
    const pgdb = postgresDatabase(options.db);
    await pgdb.create();
    // Only the database this run created is dropped.
    cleanups.push(async () => {
      await pgdb.drop().catch((error: Error) => process.stderr.write(`could not drop ${pgdb.name}: ${error.message}\n`));
    });
    log(`created database ${pgdb.name}`);
  }
  const server = await startServer(data, options.db, options.cpuProf, options.workers, options.pins);
  running = server;
  cleanups.push(() => server.stop());
  log(`server pid ${server.pid} on ${server.url} (${options.db ? 'postgres' : `sqlite in ${data}`})`);

  const sdk = new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: 'us-east-1',
    credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
    maxAttempts: 1,
  });
  let poolId: string;
  let clientId: string;
  try {
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
    poolId = UserPool!.Id!;
    const { UserPoolClient } = await sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'bench', ExplicitAuthFlows: flows }));
    clientId = UserPoolClient!.ClientId!;
  } finally {
    sdk.destroy();
  }

  log(`seeding ${options.users.toLocaleString('en-US')} users into ${poolId}`);
  const signers = signerIndices(options.users);
  const { seconds, verifiers } = await seedUsers(data, options.db, poolId, options.users, signers);
  return { server, poolId, clientId, signers, verifiers, seedSeconds: seconds };
}

/**
 * The frame of a bench: the 45-minute watchdog, clean-up on SIGINT/SIGTERM, errors printed with
 * the server's fate, and the exit code (1 when `main` reports a failure or throws).
 */
export async function runBench(bench: string, main: () => Promise<boolean>): Promise<never> {
  const watchdog = setTimeout(() => {
    process.stderr.write(`${bench}: still running after ${WATCHDOG_MS / 60_000} minutes; giving up\n`);
    setTimeout(() => process.exit(3), 10_000).unref();
    void cleanup().finally(() => process.exit(3));
  }, WATCHDOG_MS);
  watchdog.unref();
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`${bench}: ${signal}, cleaning up\n`);
      // Bounded: the 'exit' listener kills the server even if the clean-up hangs.
      setTimeout(() => process.exit(130), 10_000).unref();
      void cleanup().finally(() => process.exit(130));
    });
  }
  let failed: boolean;
  try {
    failed = await main();
  } catch (error) {
    failed = true;
    const cause = (error as Error).cause;
    process.stderr.write(`${bench}: ${(error as Error).stack ?? String(error)}${cause ? `\n  cause: ${String(cause)}` : ''}\n`);
    const ended = running?.exitStatus();
    if (ended) process.stderr.write(`${bench}: the server ${ended}\n`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  process.exit(failed ? 1 : 0);
}

// ---------------------------------------------------------------------------------------------
// Load at a given rate

/**
 * Open-loop load: starts `op` `rate` times a second, evenly spaced, for `seconds`, whatever the
 * answers (so a slow answer does not slow the load, as with real users); then waits for the last
 * ones. Each start's outcome goes to `done` or `failed`. `stop()` ends the starting early.
 */
export async function openLoop<T>(
  rate: number,
  seconds: number,
  op: () => Promise<T>,
  done: (result: T) => void,
  failed: (error: unknown) => void,
  stop: () => boolean = () => false,
): Promise<number> {
  const running = new Set<Promise<void>>();
  const start = performance.now();
  const end = start + seconds * 1000;
  let started = 0;
  while (performance.now() < end && !stop()) {
    // Every start due by now, at `rate` a second from the beginning.
    const due = Math.floor(((performance.now() - start) / 1000) * rate);
    for (; started < due; started++) {
      const one: Promise<void> = op().then(done, failed);
      running.add(one);
      void one.finally(() => running.delete(one));
    }
    await sleep(1);
  }
  await Promise.all(running);
  return (performance.now() - start) / 1000;
}

// ---------------------------------------------------------------------------------------------
// HTTP: node:http over a keep-alive agent; cheaper per request than fetch, which matters when
// the driver shares cores with the server.

export interface Answer {
  status: number;
  text: string;
}

/** A request that takes longer than this fails. */
const REQUEST_TIMEOUT_MS = 10_000;

/** POSTs a JSON 1.1 body for `target` (X-Amz-Target) to the server's root. */
export function post(agent: Agent, server: URL, target: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: server.hostname,
        port: server.port,
        method: 'POST',
        path: '/',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': target, 'content-length': Buffer.byteLength(body) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.setTimeout(REQUEST_TIMEOUT_MS, () => req.destroy(new Error(`no answer within ${REQUEST_TIMEOUT_MS / 1000} s`)));
    req.on('error', reject);
    req.end(body);
  });
}
