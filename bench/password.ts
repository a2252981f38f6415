/**
 * Load bench of the sign-in engine: USER_PASSWORD_AUTH, then REFRESH_TOKEN_AUTH, against one
 * cognate server process with N users in its pool.
 *
 *   npx tsx bench/password.ts [--users N] [--seconds S] [--connections C] [--db postgres://…/<db>]
 *
 * The server runs in a child process of its own (so the load generator's CPU is not counted as
 * the server's) on a free loopback port with a fresh SQLite folder, or a fresh PostgreSQL
 * database created here and dropped at the end. Users are seeded in bulk through the storage
 * layer; only a spread-out subset of them (at most 1,000) signs in, the rest make the pool big.
 * See docs/performance.md.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CognitoIdentityProviderClient, CreateUserPoolClientCommand, CreateUserPoolCommand } from '@aws-sdk/client-cognito-identity-provider';
import autocannon from 'autocannon';
import pg from 'pg';
import { createSealer } from '../src/crypto/seal.ts';
import { passwordVerifier } from '../src/domain/password.ts';
import { usernameKey } from '../src/domain/pool.ts';
import type { StoredPassword, User, UserPool } from '../src/domain/types.ts';
import { openDatabase } from '../src/storage/kysely/db.ts';
import { createStores } from '../src/storage/kysely/index.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const MASTER_SECRET = 'bench-master-secret-0123456789abcdef-fixed';
const PASSWORD = 'Bench-Passw0rd!';
const TARGET = 'AWSCognitoIdentityProviderService.InitiateAuth';
const HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET };
/** Users that actually sign in: spread over the key space, each with its own verifier. */
const MAX_SIGNERS = 1000;
/** Refresh tokens collected before the refresh phase (the phase cycles over them). */
const REFRESH_TOKENS = 300;
const SEED_CHUNK = 10_000;
/** Nothing here may run longer than this, whatever happens. */
const WATCHDOG_MS = 45 * 60_000;

interface Options {
  users: number;
  seconds: number;
  connections: number;
  db: string | undefined;
  /** Folder for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
  cpuProf: string | undefined;
}

function usage(message?: string): never {
  if (message) process.stderr.write(`bench/password: ${message}\n`);
  process.stderr.write('Usage: npx tsx bench/password.ts [--users N] [--seconds S] [--connections C] [--db postgres://user@127.0.0.1:5432/<db>] [--cpu-prof DIR]\n');
  process.exit(message ? 2 : 0);
}

function parseOptions(argv: string[]): Options {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        users: { type: 'string' },
        seconds: { type: 'string' },
        connections: { type: 'string' },
        db: { type: 'string' },
        'cpu-prof': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    usage((error as Error).message.split('\n')[0]);
  }
  if (values.help) usage();
  const int = (name: string, fallback: number, min: number, max: number) => {
    const raw = values[name];
    if (raw === undefined) return fallback;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) usage(`--${name} must be an integer from ${min} to ${max}`);
    return n;
  };
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
  return {
    users: int('users', 10_000, 1, 10_000_000),
    seconds: int('seconds', 20, 1, 600),
    connections: int('connections', 10, 1, 1000),
    db,
    cpuProf: values['cpu-prof'] as string | undefined,
  };
}

const log = (line: string) => process.stdout.write(`${line}\n`);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (kib: number) => `${(kib / 1024).toFixed(0)} MiB`;

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
interface Server {
  url: string;
  pid: number;
  /** How the server process ended, when it has. */
  exitStatus(): string | undefined;
  stop(): Promise<void>;
}

async function startServer(data: string, db: string | undefined, cpuProf: string | undefined): Promise<Server> {
  const port = await freePort();
  const args = [...(cpuProf ? ['--cpu-prof', '--cpu-prof-dir', cpuProf] : []), '--import', 'tsx', 'src/cli.ts', 'serve', '--host', '127.0.0.1', '--port', String(port), '--data', data];
  args.push('--log-level', 'warn', '--master-secret', MASTER_SECRET);
  if (db) args.push('--db', db);
  const child: ChildProcess = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
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

/** Peak resident set size of a process in KiB (VmHWM), or undefined off Linux. */
function peakRss(pid: number): number | undefined {
  try {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Restarts VmHWM from the current RSS (Linux clear_refs 5), so each phase gets its own peak. */
function resetPeakRss(pid: number): boolean {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

const nameOf = (i: number) => `user${String(i).padStart(8, '0')}`;

/** Indices of the users that sign in: evenly spread over [0, users). */
function signerIndices(users: number): number[] {
  const count = Math.min(MAX_SIGNERS, users);
  return Array.from({ length: count }, (_, k) => Math.floor((k * users) / count));
}

/** Seeds `count` confirmed users through the storage layer, in chunks, with progress. */
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
    return (performance.now() - started) / 1000;
  } finally {
    await database.close();
  }
}

interface InitiateAnswer {
  AuthenticationResult?: { AccessToken?: string; RefreshToken?: string };
}

async function initiate(url: string, body: string): Promise<{ status: number; json: InitiateAnswer }> {
  const res = await fetch(url, { method: 'POST', headers: HEADERS, body });
  return { status: res.status, json: (await res.json()) as InitiateAnswer };
}

function shuffle<T>(items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(Math.random() * (i + 1));
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

interface PhaseResult {
  flow: string;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  non2xx: number;
  errors: number;
  timeouts: number;
  mismatches: number;
  peakRssKiB: number | undefined;
  samples: string[];
}

/**
 * Drives one flow with autocannon, cycling over prepared request bodies. A 200 without an
 * AccessToken counts as a mismatch; the first few failures are kept to be printed.
 */
async function drive(flow: string, server: Server, bodies: string[], options: Options): Promise<PhaseResult> {
  const samples: string[] = [];
  let mismatches = 0;
  let next = 0;
  const hwmReset = resetPeakRss(server.pid);
  const instance = autocannon({
    url: server.url,
    connections: options.connections,
    duration: options.seconds,
    timeout: 10,
    requests: [
      {
        method: 'POST',
        path: '/',
        headers: HEADERS,
        setupRequest: (request) => ({ ...request, body: bodies[next++ % bodies.length]! }),
        onResponse: (status, body) => {
          const ok = status === 200 && body.includes('"AccessToken"');
          if (ok) return;
          if (status === 200) mismatches++;
          if (samples.length < 5) samples.push(`${status} ${body.slice(0, 300)}`);
        },
      },
    ],
  });
  instance.on('reqError', (error) => {
    if (samples.length < 5) samples.push(`request error: ${error.message}`);
  });
  const result = await instance;
  const peak = peakRss(server.pid);
  return {
    flow: hwmReset ? flow : `${flow} (RSS: peak since start)`,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    mismatches,
    peakRssKiB: peak,
    samples,
  };
}

function printResults(results: PhaseResult[], options: Options, seedSeconds: number) {
  log('');
  log(`users ${options.users.toLocaleString('en-US')} (seeded in ${seedSeconds.toFixed(1)} s), storage ${options.db ? 'postgres' : 'sqlite'}, ${options.connections} connections, ${options.seconds} s per flow`);
  const header = ['flow', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'server peak RSS'];
  const rows = results.map((r) => [
    r.flow,
    r.requestsPerSecond.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.total),
    String(r.non2xx + r.mismatches),
    String(r.errors),
    r.peakRssKiB === undefined ? 'n/a' : mib(r.peakRssKiB),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  log(line(header));
  for (const row of rows) log(line(row));
  for (const r of results) {
    if (r.timeouts > 0) log(`${r.flow}: ${r.timeouts} timeouts`);
    for (const s of r.samples) log(`${r.flow} failure: ${s}`);
  }
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const watchdog = setTimeout(() => {
    process.stderr.write(`bench/password: still running after ${WATCHDOG_MS / 60_000} minutes; giving up\n`);
    setTimeout(() => process.exit(3), 10_000).unref();
    void cleanup().finally(() => process.exit(3));
  }, WATCHDOG_MS);
  watchdog.unref();

  const [load1] = loadavg();
  log(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), node ${process.version}, load average ${load1!.toFixed(2)} at start`);

  const data = mkdtempSync(join(tmpdir(), 'cognate-bench-'));
  const pgdb = options.db ? postgresDatabase(options.db) : undefined;
  let server: Server | undefined;
  let sdk: CognitoIdentityProviderClient | undefined;
  let failed = false;
  let cleaned: Promise<void> | undefined;
  let created = false;
  cleanup = () =>
    (cleaned ??= (async () => {
      sdk?.destroy();
      await server?.stop();
      // Only the database this run created is dropped.
      if (pgdb && created) await pgdb.drop().catch((error: Error) => process.stderr.write(`could not drop ${pgdb.name}: ${error.message}\n`));
      if (existsSync(data)) rmSync(data, { recursive: true, force: true });
    })());
  try {
    if (pgdb) {
      await pgdb.create();
      created = true;
      log(`created database ${pgdb.name}`);
    }
    server = await startServer(data, options.db, options.cpuProf);
    log(`server pid ${server.pid} on ${server.url} (${options.db ? 'postgres' : `sqlite in ${data}`})`);

    sdk = new CognitoIdentityProviderClient({
      endpoint: server.url,
      region: 'us-east-1',
      credentials: { accessKeyId: 'AKIDBENCH', secretAccessKey: 'bench-secret' },
      maxAttempts: 1,
    });
    const { UserPool } = await sdk.send(new CreateUserPoolCommand({ PoolName: 'bench' }));
    const poolId = UserPool!.Id!;
    const { UserPoolClient } = await sdk.send(
      new CreateUserPoolClientCommand({
        UserPoolId: poolId,
        ClientName: 'bench',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      }),
    );
    const clientId = UserPoolClient!.ClientId!;

    log(`seeding ${options.users.toLocaleString('en-US')} users into ${poolId}`);
    const signers = signerIndices(options.users);
    const seedSeconds = await seedUsers(data, options.db, poolId, options.users, signers);

    const passwordBodies = shuffle(
      signers.map((i) => JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: nameOf(i), PASSWORD } })),
    );
    // One sign-in first: proves the setup and creates the pool's signing keys outside the measurement.
    const first = await initiate(server.url, passwordBodies[0]!);
    if (first.status !== 200 || !first.json.AuthenticationResult) throw new Error(`first sign-in failed: ${first.status} ${JSON.stringify(first.json)}`);

    const results: PhaseResult[] = [];
    log(`USER_PASSWORD_AUTH for ${options.seconds} s over ${signers.length} users...`);
    results.push(await drive('USER_PASSWORD_AUTH', server, passwordBodies, options));

    // Rotation is off for this client, so each refresh token can be used again and again.
    const tokens: string[] = [];
    for (let k = 0; k < REFRESH_TOKENS; k += 10) {
      const batch = await Promise.all(
        Array.from({ length: 10 }, (_, j) => initiate(server!.url, passwordBodies[(k + j) % passwordBodies.length]!)),
      );
      for (const res of batch) {
        const token = res.json.AuthenticationResult?.RefreshToken;
        if (res.status !== 200 || typeof token !== 'string') throw new Error(`sign-in for a refresh token failed: ${res.status} ${JSON.stringify(res.json)}`);
        tokens.push(token);
      }
    }
    const refreshBodies = tokens.map((t) => JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: t } }));
    log(`REFRESH_TOKEN_AUTH for ${options.seconds} s over ${tokens.length} refresh tokens...`);
    results.push(await drive('REFRESH_TOKEN_AUTH', server, refreshBodies, options));

    printResults(results, options, seedSeconds);
    failed = results.some((r) => r.non2xx + r.mismatches + r.errors > 0);
    if (failed) log('FAILED: some requests did not succeed (see above)');
  } catch (error) {
    failed = true;
    const cause = (error as Error).cause;
    process.stderr.write(`bench/password: ${(error as Error).stack ?? String(error)}${cause ? `\n  cause: ${String(cause)}` : ''}\n`);
    const ended = server?.exitStatus();
    if (ended) process.stderr.write(`bench/password: the server ${ended}\n`);
  } finally {
    await cleanup();
    clearTimeout(watchdog);
  }
  process.exit(failed ? 1 : 0);
}

/** Stops the server and removes the run's data; set once there is something to clean. */
let cleanup: () => Promise<void> = async () => {};

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    process.stderr.write(`bench/password: ${signal}, cleaning up\n`);
    // Bounded: the 'exit' listener kills the server even if the clean-up hangs.
    setTimeout(() => process.exit(130), 10_000).unref();
    void cleanup().finally(() => process.exit(130));
  });
}

await main();
