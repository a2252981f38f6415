/**
 * Load bench of the sign-in engine: USER_PASSWORD_AUTH, then REFRESH_TOKEN_AUTH, against one
 * cognate server (one process, or --workers N) with N users in its pool, each figure set beside
 * the crypto ceiling measured on the server's cores in the same run (bench/ceiling.ts).
 *
 *   npx tsx bench/password.ts [--users N] [--seconds S] [--connections C] [--workers W] [--no-pin] [--db postgres://…/<db>]
 *
 * The server runs in a child process of its own, pinned to CPU 0 (0..W-1 with --workers), and
 * this driver on the other cores, on a free loopback port with a fresh SQLite folder, or a fresh
 * PostgreSQL database created here and dropped at the end. Users are seeded in bulk through the
 * storage layer; only a spread-out subset of them (at most 1,000) signs in, the rest make the
 * pool big. Per flow: the ceiling, the peak rate, the ceiling again, then the latency at half the
 * peak rate. See docs/performance.md.
 */
import { Agent } from 'node:http';
import autocannon from 'autocannon';
import { ceiling, type Flow, measureCores } from './ceiling.ts';
import {
  type Server,
  log,
  machineLine,
  mib,
  PASSWORD,
  nameOf,
  openLoop,
  parseBenchArgs,
  peakRss,
  post,
  quantile,
  pinDriver,
  pinning,
  pinningLine,
  processCpuMs,
  resetPeakRss,
  runBench,
  setUp,
  shuffle,
  table,
} from './common.ts';

const TARGET = 'AWSCognitoIdentityProviderService.InitiateAuth';
const HEADERS = { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': TARGET };
/** Refresh tokens collected before the refresh phase (the phase cycles over them). */
const REFRESH_TOKENS = 300;
/** ms the ceiling probe spends on each operation. */
const PROBE_MS = 1000;

interface Options {
  users: number;
  seconds: number;
  connections: number;
  workers: number;
  pin: boolean;
  db: string | undefined;
  /** Folder for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
  cpuProf: string | undefined;
  /** Only this flow (both when not given). */
  only: Flow | undefined;
}

function parseOptions(argv: string[]): Options {
  const { ints, flags, db, cpuProf, workers, pin } = parseBenchArgs(
    'bench/password',
    'npx tsx bench/password.ts [--users N] [--seconds S] [--connections C] [--workers W] [--no-pin] [--password-only | --refresh-only] [--db postgres://user@127.0.0.1:5432/<db>] [--cpu-prof DIR]',
    argv,
    {
      users: { fallback: 10_000, min: 1, max: 10_000_000 },
      seconds: { fallback: 20, min: 1, max: 600 },
      connections: { fallback: 10, min: 1, max: 1000 },
    },
    ['password-only', 'refresh-only'],
  );
  const only = flags['password-only'] ? 'USER_PASSWORD_AUTH' : flags['refresh-only'] ? 'REFRESH_TOKEN_AUTH' : undefined;
  return { users: ints.users!, seconds: ints.seconds!, connections: ints.connections!, workers, pin, db, cpuProf, only };
}

interface InitiateAnswer {
  AuthenticationResult?: { AccessToken?: string; RefreshToken?: string };
}

async function initiate(url: string, body: string): Promise<{ status: number; json: InitiateAnswer }> {
  const res = await fetch(url, { method: 'POST', headers: HEADERS, body });
  return { status: res.status, json: (await res.json()) as InitiateAnswer };
}

interface Drive {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  total: number;
  failures: number;
  timeouts: number;
  peakRssKiB: number | undefined;
  /** Server CPU per completed request in ms: all its threads, and its main threads (undefined off Linux). */
  cpuMs: number | undefined;
  mainCpuMs: number | undefined;
  samples: string[];
}

/**
 * Drives one flow with autocannon for `seconds`, cycling over prepared request bodies, as fast
 * as answers come (closed loop: C connections, each sends its next request once answered). A 200 without an AccessToken counts as a failure;
 * the first few failures are kept to be printed.
 */
async function drive(server: Server, bodies: string[], options: Options, seconds: number): Promise<Drive> {
  const samples: string[] = [];
  let mismatches = 0;
  let next = 0;
  resetPeakRss(server.pid);
  const cpu0 = processCpuMs(server.pid);
  const main0 = processCpuMs(server.pid, true);
  const instance = autocannon({
    url: server.url,
    connections: options.connections,
    duration: seconds,
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
  const cpu1 = processCpuMs(server.pid);
  const main1 = processCpuMs(server.pid, true);
  const perRequest = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || result.requests.total === 0 ? undefined : (b - a) / result.requests.total;
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    failures: result.non2xx + mismatches + result.errors,
    timeouts: result.timeouts,
    peakRssKiB: peakRss(server.pid),
    cpuMs: perRequest(cpu0, cpu1),
    mainCpuMs: perRequest(main0, main1),
    samples,
  };
}

/**
 * Drives one flow at `rate` requests a second, evenly spaced (open loop: bench/common.ts), for
 * `seconds`: the latency a client sees at that load. Latency is from the request written to the
 * answer read, in ms.
 */
async function driveAtRate(server: Server, bodies: string[], seconds: number, rate: number): Promise<Drive> {
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const url = new URL(server.url);
  const latencies: number[] = [];
  const samples: string[] = [];
  let failures = 0;
  let next = 0;
  resetPeakRss(server.pid);
  const cpu0 = processCpuMs(server.pid);
  const main0 = processCpuMs(server.pid, true);
  try {
    const elapsed = await openLoop(
      rate,
      seconds,
      async () => {
        const started = performance.now();
        const answer = await post(agent, url, TARGET, bodies[next++ % bodies.length]!);
        if (answer.status !== 200 || !answer.text.includes('"AccessToken"')) throw new Error(`${answer.status} ${answer.text.slice(0, 300)}`);
        return performance.now() - started;
      },
      (ms) => void latencies.push(ms),
      (error) => {
        failures++;
        if (samples.length < 5) samples.push((error as Error).message);
      },
    );
    const cpu1 = processCpuMs(server.pid);
    const main1 = processCpuMs(server.pid, true);
    const n = latencies.length;
    latencies.sort((a, b) => a - b);
    const per = (a: number | undefined, b: number | undefined) => (a === undefined || b === undefined || n === 0 ? undefined : (b - a) / n);
    return {
      requestsPerSecond: n / elapsed,
      p50: Math.round(quantile(latencies, 0.5) * 10) / 10,
      p99: Math.round(quantile(latencies, 0.99) * 10) / 10,
      total: n,
      failures,
      timeouts: 0,
      peakRssKiB: peakRss(server.pid),
      cpuMs: per(cpu0, cpu1),
      mainCpuMs: per(main0, main1),
      samples,
    };
  } finally {
    agent.destroy();
  }
}

interface FlowResult {
  flow: Flow;
  ceilingBefore: number;
  ceilingAfter: number;
  peak: Drive;
  half: Drive;
}

/** Ceiling, peak, ceiling, half the peak: one flow's measurements. */
async function measureFlow(flow: Flow, server: Server, bodies: string[], options: Options, cpus: number[], pin: boolean): Promise<FlowResult> {
  const probe = async () => ceiling(flow, await measureCores(cpus, PROBE_MS, pin));
  log(`${flow}: crypto ceiling on CPU ${cpus.join(',')}...`);
  const ceilingBefore = await probe();
  log(`${flow}: peak for ${options.seconds} s (${options.connections} connections)...`);
  const peak = await drive(server, bodies, options, options.seconds);
  log(`${flow}: crypto ceiling again...`);
  const ceilingAfter = await probe();
  log(`${flow}: half the peak rate (${(peak.requestsPerSecond / 2).toFixed(0)}/s) for ${options.seconds} s...`);
  const half = await driveAtRate(server, bodies, options.seconds, peak.requestsPerSecond / 2);
  return { flow, ceilingBefore, ceilingAfter, peak, half };
}

function printResults(results: FlowResult[], options: Options, seedSeconds: number) {
  log('');
  log(
    `users ${options.users.toLocaleString('en-US')} (seeded in ${seedSeconds.toFixed(1)} s), storage ${options.db ? 'postgres' : 'sqlite'}, ` +
      `${options.workers} worker${options.workers === 1 ? '' : 's'}, ${options.connections} connections, ${options.seconds} s per measurement`,
  );
  const header = [
    'flow',
    'ceiling/s',
    'peak/s',
    'of ceiling',
    'p50 / p99 ms at peak',
    'half-peak p50 / p99 ms',
    'failures',
    'server peak RSS',
    'server CPU ms/req (main)',
  ];
  const rows = results.map((r) => {
    const c = (r.ceilingBefore + r.ceilingAfter) / 2;
    return [
      r.flow,
      `${c.toFixed(0)} (${r.ceilingBefore.toFixed(0)}–${r.ceilingAfter.toFixed(0)})`,
      r.peak.requestsPerSecond.toFixed(0),
      `${((r.peak.requestsPerSecond / c) * 100).toFixed(1)}%`,
      `${r.peak.p50} / ${r.peak.p99}`,
      `${r.half.p50} / ${r.half.p99}`,
      String(r.peak.failures + r.half.failures),
      r.peak.peakRssKiB === undefined ? 'n/a' : mib(r.peak.peakRssKiB),
      r.peak.cpuMs === undefined || r.peak.mainCpuMs === undefined ? 'n/a' : `${r.peak.cpuMs.toFixed(2)} (${r.peak.mainCpuMs.toFixed(2)})`,
    ];
  });
  for (const row of table(header, rows)) log(row);
  for (const r of results) {
    for (const d of [r.peak, r.half]) {
      if (d.timeouts > 0) log(`${r.flow}: ${d.timeouts} timeouts`);
      for (const s of d.samples) log(`${r.flow} failure: ${s}`);
    }
  }
}

await runBench('bench/password', async () => {
  const options = parseOptions(process.argv.slice(2));
  const pins = pinning(options.workers, options.pin);
  pinDriver(pins);
  log(machineLine());
  log(pinningLine(pins, options.workers));
  const { server, clientId, signers, seedSeconds } = await setUp({ ...options, pins }, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);

  const passwordBodies = shuffle(
    signers.map((i) => JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: clientId, AuthParameters: { USERNAME: nameOf(i), PASSWORD } })),
  );
  // A few sign-ins first: they prove the setup, create the pool's signing keys and warm every worker.
  for (let i = 0; i < 4 * options.workers; i++) {
    const first = await initiate(server.url, passwordBodies[i % passwordBodies.length]!);
    if (first.status !== 200 || !first.json.AuthenticationResult) throw new Error(`first sign-in failed: ${first.status} ${JSON.stringify(first.json)}`);
  }
  await drive(server, passwordBodies, options, 2);

  const results: FlowResult[] = [];
  if (options.only !== 'REFRESH_TOKEN_AUTH')
    results.push(await measureFlow('USER_PASSWORD_AUTH', server, passwordBodies, options, pins.serverCpus, pins.pinned));

  if (options.only !== 'USER_PASSWORD_AUTH') {
    // Rotation is off for this client, so each refresh token can be used again and again.
    const tokens: string[] = [];
    for (let k = 0; k < REFRESH_TOKENS; k += 10) {
      const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => initiate(server.url, passwordBodies[(k + j) % passwordBodies.length]!)));
      for (const res of batch) {
        const token = res.json.AuthenticationResult?.RefreshToken;
        if (res.status !== 200 || typeof token !== 'string') throw new Error(`sign-in for a refresh token failed: ${res.status} ${JSON.stringify(res.json)}`);
        tokens.push(token);
      }
    }
    const refreshBodies = tokens.map((t) => JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: clientId, AuthParameters: { REFRESH_TOKEN: t } }));
    results.push(await measureFlow('REFRESH_TOKEN_AUTH', server, refreshBodies, options, pins.serverCpus, pins.pinned));
  }

  printResults(results, options, seedSeconds);
  const failed = results.some((r) => r.peak.failures + r.half.failures > 0);
  if (failed) log('FAILED: some requests did not succeed (see above)');
  return failed;
});
