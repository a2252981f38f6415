/**
 * Load bench of SRP sign-in: InitiateAuth USER_SRP_AUTH → PASSWORD_VERIFIER →
 * RespondToAuthChallenge with the proof → tokens, both calls per sign-in, against one cognate
 * server process with N users in its pool.
 *
 *   npx tsx bench/srp.ts [--users N] [--seconds S] [--concurrency C] [--warmup S] [--ephemerals E] [--fresh-a] [--db postgres://…/<db>]
 *
 * The server runs in a child process of its own, as in bench/password.ts (bench/common.ts). The
 * load driver is this process, and its client side of SRP is kept cheap so that it is not what
 * limits the figure: per user it precomputes x and g^x (the client's equivalent of the verifier,
 * so k·g^x needs no modexp per sign-in); its secret a is 256 bits (a client's legitimate choice:
 * the server cannot tell), from a pool of E (a, A = g^a) pairs computed before the run (or one
 * fresh pair per sign-in with --fresh-a). What is left per sign-in is one modexp,
 * (B − k·g^x)^(a + u·x) mod N with a ~512-bit exponent, and the hashing. It keeps C sign-ins in
 * flight over C keep-alive connections, and prints its own CPU per sign-in next to the server's.
 * See docs/performance.md.
 */
import { randomBytes } from 'node:crypto';
import { Agent } from 'node:http';
import { cpus } from 'node:os';
import { performance } from 'node:perf_hooks';
import { formatTimestamp } from '../src/auth/timestamp.ts';
import { ceiling, measureCores } from './ceiling.ts';
import { N, claimSignature, computeX, deriveKey, g, hexToBigInt, k, modPowN, scrambler, srpPoolName } from '../src/crypto/srp.ts';
import {
  type Server,
  log,
  machineLine,
  machineTicks,
  mib,
  nameOf,
  PASSWORD,
  parseBenchArgs,
  peakRss,
  pinDriver,
  pinning,
  pinningLine,
  processCpuMs,
  quantile,
  resetPeakRss,
  runBench,
  setUp,
  openLoop,
  shuffle,
  post,
  type Answer,
  table,
} from './common.ts';

const INITIATE = 'AWSCognitoIdentityProviderService.InitiateAuth';
const RESPOND = 'AWSCognitoIdentityProviderService.RespondToAuthChallenge';
/** A run whose failures pile up this high stops early (the server is gone or refuses everything). */
const MAX_ERRORS = 1000;
/** ms the ceiling probe spends on each operation. */
const PROBE_MS = 1000;

interface Options {
  users: number;
  seconds: number;
  concurrency: number;
  warmup: number;
  ephemerals: number;
  freshA: boolean;
  workers: number;
  pin: boolean;
  db: string | undefined;
  cpuProf: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const { ints, flags, db, cpuProf, workers, pin } = parseBenchArgs(
    'bench/srp',
    'npx tsx bench/srp.ts [--users N] [--seconds S] [--concurrency C] [--warmup S] [--ephemerals E] [--fresh-a] [--workers W] [--no-pin] [--db postgres://user@127.0.0.1:5432/<db>] [--cpu-prof DIR]',
    argv,
    {
      users: { fallback: 10_000, min: 1, max: 10_000_000 },
      seconds: { fallback: 20, min: 1, max: 600 },
      concurrency: { fallback: 10, min: 1, max: 1000 },
      warmup: { fallback: 2, min: 0, max: 60 },
      ephemerals: { fallback: 1024, min: 1, max: 100_000 },
    },
    ['fresh-a'],
  );
  return {
    users: ints.users!,
    seconds: ints.seconds!,
    concurrency: ints.concurrency!,
    warmup: ints.warmup!,
    ephemerals: ints.ephemerals!,
    freshA: flags['fresh-a']!,
    workers,
    pin,
    db,
    cpuProf,
  };
}

// ---------------------------------------------------------------------------------------------
// The client side of SRP, with everything that does not depend on B done
// ahead of time.

interface SignInUser {
  username: string;
  /** SALT as the server sends it (hex of the salt integer). */
  salt: string;
  x: bigint;
  /** k·g^x mod N: g^x is what the client knows in place of the verifier. */
  kgx: bigint;
}

interface Ephemeral {
  a: bigint;
  /** SRP_A as clients send it: lowercase hex, unpadded. */
  A: bigint;
  hex: string;
}

/** a: 256 random bits (never 0); A = g^a mod N. */
function ephemeral(): Ephemeral {
  for (;;) {
    const a = BigInt(`0x${randomBytes(32).toString('hex')}`);
    if (a === 0n) continue;
    const A = modPowN(g, a);
    return { a, A, hex: A.toString(16) };
  }
}

/** TIMESTAMP changes once a second: format it once a second. */
let stampSecond = -1;
let stamp = '';
function timestamp(): string {
  const now = Date.now();
  const second = Math.floor(now / 1000);
  if (second !== stampSecond) {
    stampSecond = second;
    stamp = formatTimestamp(now);
  }
  return stamp;
}

/** The PASSWORD_VERIFIER answer: S = (B − k·g^x)^(a + u·x) mod N, K = HKDF(S, u), HMAC proof. */
function prove(poolName: string, user: SignInUser, eph: Ephemeral, params: Record<string, string>): Record<string, string> {
  const B = hexToBigInt(params.SRP_B!);
  if (B % N === 0n) throw new Error('B cannot be zero.');
  const u = scrambler(eph.A, B);
  if (u === 0n) throw new Error('U cannot be zero.');
  const base = (((B - user.kgx) % N) + N) % N;
  const key = deriveKey(modPowN(base, eph.a + u * user.x), u);
  const block = params.SECRET_BLOCK!;
  const time = timestamp();
  return {
    USERNAME: params.USER_ID_FOR_SRP!,
    PASSWORD_CLAIM_SECRET_BLOCK: block,
    TIMESTAMP: time,
    PASSWORD_CLAIM_SIGNATURE: claimSignature(key, poolName, params.USER_ID_FOR_SRP!, Buffer.from(block, 'base64'), time),
  };
}

// ---------------------------------------------------------------------------------------------
// One sign-in, and the driver

class SignInError extends Error {}

interface Timing {
  /** ms of wall time: the whole sign-in, InitiateAuth, the driver's own work, RespondToAuthChallenge. */
  whole: number;
  initiate: number;
  client: number;
  respond: number;
  /** ms of this process's CPU in the SRP proof (B's checks, u, the modexp, K, the HMAC). */
  proofCpu: number;
}

interface Driver {
  agent: Agent;
  server: URL;
  clientId: string;
  poolName: string;
  users: SignInUser[];
  ephemerals: Ephemeral[];
  freshA: boolean;
  next: number;
}

function describe(call: string, answer: Answer): string {
  return `${call} ${answer.status} ${answer.text.slice(0, 300)}`;
}

async function signIn(d: Driver): Promise<Timing> {
  const n = d.next++;
  const user = d.users[n % d.users.length]!;
  const started = performance.now();
  // With --fresh-a, the client's g^a is part of its SRP work: its CPU is counted with the proof's.
  const cpuA = process.cpuUsage();
  const eph = d.freshA ? ephemeral() : d.ephemerals[n % d.ephemerals.length]!;
  const aCpu = process.cpuUsage(cpuA);
  const initiateBody = JSON.stringify({ AuthFlow: 'USER_SRP_AUTH', ClientId: d.clientId, AuthParameters: { USERNAME: user.username, SRP_A: eph.hex } });
  const sent1 = performance.now();
  const first = await post(d.agent, d.server, INITIATE, initiateBody);
  const got1 = performance.now();
  if (first.status !== 200) throw new SignInError(describe('InitiateAuth', first));
  const challenge = JSON.parse(first.text) as { ChallengeName?: string; ChallengeParameters?: Record<string, string> };
  const params = challenge.ChallengeParameters ?? {};
  if (challenge.ChallengeName !== 'PASSWORD_VERIFIER' || !params.SRP_B || !params.SECRET_BLOCK || !params.SALT) {
    throw new SignInError(describe('InitiateAuth (not a PASSWORD_VERIFIER challenge)', first));
  }
  if (params.USER_ID_FOR_SRP !== user.username || params.SALT !== user.salt) {
    throw new SignInError(describe('InitiateAuth (USER_ID_FOR_SRP or SALT not the seeded one)', first));
  }
  const cpu0 = process.cpuUsage();
  const responses = prove(d.poolName, user, eph, params);
  const proofCpu = process.cpuUsage(cpu0);
  const respondBody = JSON.stringify({ ChallengeName: 'PASSWORD_VERIFIER', ClientId: d.clientId, ChallengeResponses: responses });
  const sent2 = performance.now();
  const second = await post(d.agent, d.server, RESPOND, respondBody);
  const got2 = performance.now();
  if (second.status !== 200 || !second.text.includes('"AccessToken"')) throw new SignInError(describe('RespondToAuthChallenge', second));
  return {
    whole: got2 - started,
    initiate: got1 - sent1,
    client: sent1 - started + (sent2 - got1),
    proofCpu: (aCpu.user + aCpu.system + proofCpu.user + proofCpu.system) / 1000,
    respond: got2 - sent2,
  };
}

interface PhaseResult {
  seconds: number;
  timings: Timing[];
  errors: number;
  samples: string[];
  /** ms of CPU: this process, the server; undefined where /proc is not there. */
  driverCpuMs: number;
  /** Fraction of the time the driver's event loop was busy: near 1, the driver would be the limit. */
  driverLoopBusy: number;
  serverCpuMs: number | undefined;
  /** ms of CPU of the server's main thread (its event loop: everything but the thread pool's work). */
  serverMainCpuMs: number | undefined;
  /** Fraction of all cores the whole machine was busy. */
  machineBusy: number | undefined;
  peakRssKiB: number | undefined;
  rssIsPhasePeak: boolean;
}

/**
 * Keeps `concurrency` sign-ins in flight for `seconds` (closed loop), or with `rate` starts that
 * many sign-ins a second whatever the answers (open loop: latency at a given load); sign-ins
 * started in time may finish.
 */
async function drive(d: Driver, server: Server, seconds: number, concurrency: number, rate?: number): Promise<PhaseResult> {
  const timings: Timing[] = [];
  const samples: string[] = [];
  let errors = 0;
  const rssIsPhasePeak = resetPeakRss(server.pid);
  const cpu0 = process.cpuUsage();
  const elu0 = performance.eventLoopUtilization();
  const server0 = processCpuMs(server.pid);
  const main0 = processCpuMs(server.pid, true);
  const machine0 = machineTicks();
  const start = performance.now();
  const end = start + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end && errors < MAX_ERRORS) {
      try {
        timings.push(await signIn(d));
      } catch (error) {
        errors++;
        if (samples.length < 5) samples.push(error instanceof SignInError ? error.message : `request error: ${(error as Error).message}`);
      }
    }
  };
  if (rate === undefined) await Promise.all(Array.from({ length: concurrency }, worker));
  else {
    await openLoop(
      rate,
      seconds,
      () => signIn(d),
      (t) => void timings.push(t),
      (error) => {
        errors++;
        if (samples.length < 5) samples.push(error instanceof SignInError ? error.message : `request error: ${(error as Error).message}`);
      },
      () => errors >= MAX_ERRORS,
    );
  }
  const elapsed = (performance.now() - start) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const elu = performance.eventLoopUtilization(elu0);
  const server1 = processCpuMs(server.pid);
  const main1 = processCpuMs(server.pid, true);
  const machine1 = machineTicks();
  return {
    seconds: elapsed,
    timings,
    errors,
    samples,
    driverCpuMs: (cpu.user + cpu.system) / 1000,
    driverLoopBusy: elu.utilization,
    serverCpuMs: server0 !== undefined && server1 !== undefined ? server1 - server0 : undefined,
    serverMainCpuMs: main0 !== undefined && main1 !== undefined ? main1 - main0 : undefined,
    machineBusy: machine0 && machine1 ? (machine1.busy - machine0.busy) / Math.max(1, machine1.total - machine0.total) : undefined,
    peakRssKiB: peakRss(server.pid),
    rssIsPhasePeak,
  };
}

function printResult(r: PhaseResult, options: Options, seedSeconds: number, cores: number, serverCores: number) {
  const done = r.timings.length;
  const rate = done / r.seconds;
  const ms = (v: number) => v.toFixed(1);
  log('');
  log(
    `users ${options.users.toLocaleString('en-US')} (seeded in ${seedSeconds.toFixed(1)} s), storage ${options.db ? 'postgres' : 'sqlite'}, ` +
      `${options.concurrency} sign-ins in flight, ${r.seconds.toFixed(1)} s measured after ${options.warmup} s of warm-up, ` +
      `client a: 256 bits, ${options.freshA ? 'fresh per sign-in' : `${options.ephemerals} precomputed (a, A) pairs`}`,
  );
  for (const row of table(
    ['flow', 'SRP sign-ins/s', 'completed', 'errors', `server peak RSS${r.rssIsPhasePeak ? '' : ' (since start)'}`],
    [['USER_SRP_AUTH → PASSWORD_VERIFIER → tokens', rate.toFixed(0), String(done), String(r.errors), r.peakRssKiB === undefined ? 'n/a' : mib(r.peakRssKiB)]],
  ))
    log(row);
  log('');
  const column = (pick: (t: Timing) => number) => r.timings.map(pick).sort((a, b) => a - b);
  const stats = (name: string, values: number[]) => [
    name,
    ms(quantile(values, 0.5)),
    ms(quantile(values, 0.99)),
    ms(values.reduce((a, b) => a + b, 0) / Math.max(1, values.length)),
  ];
  for (const row of table(
    ['latency, ms', 'p50', 'p99', 'mean'],
    [
      stats(
        'whole sign-in (both calls + proof)',
        column((t) => t.whole),
      ),
      stats(
        'InitiateAuth USER_SRP_AUTH',
        column((t) => t.initiate),
      ),
      stats(
        'RespondToAuthChallenge PASSWORD_VERIFIER',
        column((t) => t.respond),
      ),
      stats(
        "driver's own work between and before the calls",
        column((t) => t.client),
      ),
    ],
  ))
    log(row);
  log('');
  const proof = r.timings.reduce((a, t) => a + t.proofCpu, 0);
  const per = (cpuMs: number) => (done > 0 ? ms(cpuMs / done) : 'n/a');
  const busy = (cpuMs: number) => (cpuMs / 1000 / r.seconds).toFixed(2);
  const rows = [
    ['server process (all its threads)', r.serverCpuMs === undefined ? 'n/a' : per(r.serverCpuMs), r.serverCpuMs === undefined ? 'n/a' : busy(r.serverCpuMs)],
    [
      '  of which its main thread',
      r.serverMainCpuMs === undefined ? 'n/a' : per(r.serverMainCpuMs),
      r.serverMainCpuMs === undefined ? 'n/a' : busy(r.serverMainCpuMs),
    ],
    ['driver (this process: HTTP, JSON, SRP)', per(r.driverCpuMs), busy(r.driverCpuMs)],
    ['  of which the SRP maths', per(proof), busy(proof)],
  ];
  if (r.machineBusy !== undefined) {
    const all = r.machineBusy * cores;
    const others = all - (r.serverCpuMs ?? 0) / 1000 / r.seconds - r.driverCpuMs / 1000 / r.seconds;
    rows.push(['everything else on the machine', 'n/a', Math.max(0, others).toFixed(2)]);
    rows.push([`whole machine (${cores} cores)`, 'n/a', all.toFixed(2)]);
  }
  for (const row of table(['CPU', 'ms per sign-in', 'cores busy'], rows)) log(row);
  log(`driver event loop busy ${(r.driverLoopBusy * 100).toFixed(0)}% of the time (near 100% the driver would be what limits the figure)`);
  if (done > 0 && r.serverCpuMs !== undefined) {
    // What the server alone could do on its cores if CPU is the limit (no driver beside it).
    const own = (1000 * serverCores * done) / r.serverCpuMs;
    log(`server's own limit from its CPU per sign-in (its ${serverCores} core${serverCores === 1 ? '' : 's'} to itself): ${own.toFixed(0)}/s`);
  }
  for (const s of r.samples) log(`failure: ${s}`);
}

await runBench('bench/srp', async () => {
  const options = parseOptions(process.argv.slice(2));
  const pins = pinning(options.workers, options.pin);
  pinDriver(pins);
  log(machineLine());
  log(pinningLine(pins, options.workers));
  const { server, poolId, clientId, signers, verifiers, seedSeconds } = await setUp({ ...options, pins }, ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);
  const poolName = srpPoolName(poolId);

  // What a client knows before it signs in: its password, hence x (once SALT is known) and g^x.
  const started = performance.now();
  const users: SignInUser[] = shuffle(
    signers.map((i) => {
      const { salt, verifier } = verifiers.get(i)!;
      const x = computeX(poolName, nameOf(i), PASSWORD, hexToBigInt(salt));
      const gx = modPowN(g, x);
      // The driver's side and the server's agree (or every sign-in would fail).
      if (gx !== hexToBigInt(verifier)) throw new Error(`g^x of ${nameOf(i)} is not its stored verifier`);
      return { username: nameOf(i), salt, x, kgx: (k * gx) % N };
    }),
  );
  const ephemerals = options.freshA ? [] : Array.from({ length: options.ephemerals }, ephemeral);
  log(
    `  driver: x and g^x of ${users.length} users${options.freshA ? '' : `, ${ephemerals.length} (a, A) pairs`} in ${((performance.now() - started) / 1000).toFixed(1)} s`,
  );

  const driver: Driver = {
    agent: new Agent({ keepAlive: true, maxSockets: Math.max(options.concurrency, 64) }),
    server: new URL(server.url),
    clientId,
    poolName,
    users,
    ephemerals,
    freshA: options.freshA,
    next: 0,
  };
  try {
    // One sign-in first: proves the setup and creates the pool's signing keys outside the measurement.
    try {
      await signIn(driver);
    } catch (error) {
      throw new Error(`first SRP sign-in failed: ${(error as Error).message}`);
    }
    if (options.warmup > 0) {
      log(`warm-up for ${options.warmup} s...`);
      const warm = await drive(driver, server, options.warmup, options.concurrency);
      if (warm.errors > 0) throw new Error(`warm-up: ${warm.errors} sign-ins failed; first: ${warm.samples[0]}`);
    }
    const probe = async () => ceiling('SRP', await measureCores(pins.serverCpus, PROBE_MS, pins.pinned));
    log(`crypto ceiling on CPU ${pins.serverCpus.join(',')}...`);
    const ceilingBefore = await probe();
    log(`USER_SRP_AUTH + PASSWORD_VERIFIER for ${options.seconds} s over ${users.length} users...`);
    const result = await drive(driver, server, options.seconds, options.concurrency);
    log('crypto ceiling again...');
    const ceilingAfter = await probe();
    const peak = result.timings.length / result.seconds;
    log(`half the peak rate (${(peak / 2).toFixed(0)} sign-ins/s) for ${options.seconds} s...`);
    const half = await drive(driver, server, options.seconds, options.concurrency, peak / 2);
    printResult(result, options, seedSeconds, cpus().length, pins.serverCpus.length);
    const c = (ceilingBefore + ceilingAfter) / 2;
    const whole = (r: PhaseResult) => r.timings.map((t) => t.whole).sort((a, b) => a - b);
    log('');
    for (const row of table(
      ['SRP sign-in (both calls)', 'ceiling/s', 'peak/s', 'of ceiling', 'p50 / p99 ms at peak', 'rate at half peak', 'p50 / p99 ms there', 'errors'],
      [
        [
          `${options.workers} worker${options.workers === 1 ? '' : 's'}`,
          `${c.toFixed(0)} (${ceilingBefore.toFixed(0)}–${ceilingAfter.toFixed(0)})`,
          peak.toFixed(0),
          `${((peak / c) * 100).toFixed(1)}%`,
          `${quantile(whole(result), 0.5).toFixed(1)} / ${quantile(whole(result), 0.99).toFixed(1)}`,
          `${(half.timings.length / half.seconds).toFixed(0)}/s`,
          `${quantile(whole(half), 0.5).toFixed(1)} / ${quantile(whole(half), 0.99).toFixed(1)}`,
          String(result.errors + half.errors),
        ],
      ],
    ))
      log(row);
    for (const sample of half.samples) log(`half-peak failure: ${sample}`);
    const failed = result.errors + half.errors > 0 || result.timings.length === 0;
    if (failed) log('FAILED: some sign-ins did not succeed (see above)');
    return failed;
  } finally {
    driver.agent.destroy();
  }
});
