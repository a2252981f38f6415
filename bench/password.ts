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
import autocannon from 'autocannon';
import {
  type Server,
  log,
  machineLine,
  mib,
  PASSWORD,
  nameOf,
  parseBenchArgs,
  peakRss,
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

interface Options {
  users: number;
  seconds: number;
  connections: number;
  db: string | undefined;
  /** Folder for a V8 CPU profile of the server (node --cpu-prof), written when it stops. */
  cpuProf: string | undefined;
}

function parseOptions(argv: string[]): Options {
  const { ints, db, cpuProf } = parseBenchArgs(
    'bench/password',
    'npx tsx bench/password.ts [--users N] [--seconds S] [--connections C] [--db postgres://user@127.0.0.1:5432/<db>] [--cpu-prof DIR]',
    argv,
    {
      users: { fallback: 10_000, min: 1, max: 10_000_000 },
      seconds: { fallback: 20, min: 1, max: 600 },
      connections: { fallback: 10, min: 1, max: 1000 },
    },
  );
  return { users: ints.users!, seconds: ints.seconds!, connections: ints.connections!, db, cpuProf };
}

interface InitiateAnswer {
  AuthenticationResult?: { AccessToken?: string; RefreshToken?: string };
}

async function initiate(url: string, body: string): Promise<{ status: number; json: InitiateAnswer }> {
  const res = await fetch(url, { method: 'POST', headers: HEADERS, body });
  return { status: res.status, json: (await res.json()) as InitiateAnswer };
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
  /** Server CPU per completed request in ms: all its threads, and its main thread (undefined off Linux). */
  cpuMs: number | undefined;
  mainCpuMs: number | undefined;
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
  const cpu0 = processCpuMs(server.pid);
  const main0 = processCpuMs(server.pid, true);
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
  const cpu1 = processCpuMs(server.pid);
  const main1 = processCpuMs(server.pid, true);
  const perRequest = (a: number | undefined, b: number | undefined) =>
    a === undefined || b === undefined || result.requests.total === 0 ? undefined : (b - a) / result.requests.total;
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
    cpuMs: perRequest(cpu0, cpu1),
    mainCpuMs: perRequest(main0, main1),
    samples,
  };
}

function printResults(results: PhaseResult[], options: Options, seedSeconds: number) {
  log('');
  log(
    `users ${options.users.toLocaleString('en-US')} (seeded in ${seedSeconds.toFixed(1)} s), storage ${options.db ? 'postgres' : 'sqlite'}, ${options.connections} connections, ${options.seconds} s per flow`,
  );
  const header = ['flow', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'errors', 'server peak RSS', 'server CPU ms/req (main thread)'];
  const rows = results.map((r) => [
    r.flow,
    r.requestsPerSecond.toFixed(0),
    String(r.p50),
    String(r.p99),
    String(r.total),
    String(r.non2xx + r.mismatches),
    String(r.errors),
    r.peakRssKiB === undefined ? 'n/a' : mib(r.peakRssKiB),
    r.cpuMs === undefined || r.mainCpuMs === undefined ? 'n/a' : `${r.cpuMs.toFixed(2)} (${r.mainCpuMs.toFixed(2)})`,
  ]);
  for (const row of table(header, rows)) log(row);
  for (const r of results) {
    if (r.timeouts > 0) log(`${r.flow}: ${r.timeouts} timeouts`);
    for (const s of r.samples) log(`${r.flow} failure: ${s}`);
  }
}

await runBench('bench/password', async () => {
  const options = parseOptions(process.argv.slice(2));
  log(machineLine());
  const { server, clientId, signers, seedSeconds } = await setUp(options, ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']);

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
    const batch = await Promise.all(Array.from({ length: 10 }, (_, j) => initiate(server.url, passwordBodies[(k + j) % passwordBodies.length]!)));
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
  const failed = results.some((r) => r.non2xx + r.mismatches + r.errors > 0);
  if (failed) log('FAILED: some requests did not succeed (see above)');
  return failed;
});
