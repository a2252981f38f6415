/**
 * The floor under the sign-in benches: how close to the crypto ceiling (bench/ceiling.ts) a
 * Node HTTP server gets when a request is nothing but a sign-in's cryptography.
 *
 *   npm run bench:floor [-- --seconds S] [--connections C] [--no-pin]
 *
 * The server is a bare node:http server in a child process, pinned to CPU 0 as cognate is in
 * bench/password.ts; for each POST it reads and parses the JSON body, does the crypto of the flow
 * the body names on its event loop (USER_PASSWORD_AUTH: one 3072-bit modexp g^x and two RS256
 * signatures; REFRESH_TOKEN_AUTH: two signatures) and answers two JWT-sized strings in JSON.
 * No routing, validation, database, sealing, logging or metrics. Driven like bench/password.ts
 * (autocannon, closed loop), each rate beside the ceiling measured on the same core just before
 * and after. What it reaches is what HTTP, JSON and the event loop alone leave of the ceiling:
 * see docs/performance.md.
 *
 * Run with `--serve`, this file is that server: it prints its port, one line, and answers until
 * killed.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { rs256 } from '../src/crypto/rs256.ts';
import { g, modPowN } from '../src/crypto/srp.ts';
import { signRs256 } from '../src/tokens/sign.ts';
import { ceiling, type Flow, measureCores } from './ceiling.ts';
import { log, machineLine, parseBenchArgs, pinDriver, pinning, pinningLine, runBench, table } from './common.ts';

const thisFile = fileURLToPath(import.meta.url);
const PROBE_MS = 1000;

function serve(): void {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  const kid = randomUUID();
  // cognate's own signer, on the event loop as a one-core server runs it.
  const sign = rs256(false);
  const jwt = (claims: Record<string, unknown>) => signRs256(sign, kid, claims, privateKey);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { AuthFlow: string; AuthParameters: { USERNAME?: string } };
      if (body.AuthFlow === 'USER_PASSWORD_AUTH') modPowN(g, BigInt(`0x${randomBytes(32).toString('hex')}`));
      const sub = randomUUID();
      const now = Math.floor(Date.now() / 1000);
      const claims = { sub, iss: 'http://127.0.0.1/floor', exp: now + 3600, iat: now, jti: randomUUID(), username: body.AuthParameters.USERNAME ?? sub };
      const answer = JSON.stringify({
        AuthenticationResult: {
          AccessToken: await jwt({ ...claims, token_use: 'access', scope: 'aws.cognito.signin.user.admin' }),
          IdToken: await jwt({ ...claims, token_use: 'id', aud: 'floor' }),
          ExpiresIn: 3600,
          TokenType: 'Bearer',
        },
      });
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(answer) });
      res.end(answer);
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    process.stdout.write(`${typeof address === 'object' && address ? address.port : 0}\n`);
  });
}

async function startFloor(cpu: number | undefined): Promise<{ url: string; stop(): void }> {
  const node = [process.execPath, '--import', 'tsx', thisFile, '--serve'];
  const [command, ...args] = cpu === undefined ? node : ['taskset', '-c', String(cpu), ...node];
  const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
  const kill = () => child.kill('SIGKILL');
  process.once('exit', kill);
  const port = await new Promise<string>((resolve, reject) => {
    child.stdout.once('data', (chunk: Buffer) => resolve(chunk.toString().trim()));
    child.once('exit', (code) => reject(new Error(`the floor server exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () => {
      process.removeListener('exit', kill);
      child.kill('SIGTERM');
    },
  };
}

async function drive(url: string, body: string, seconds: number, connections: number): Promise<{ rate: number; failures: number }> {
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    timeout: 10,
    requests: [{ method: 'POST', path: '/', headers: { 'content-type': 'application/x-amz-json-1.1' }, body }],
  });
  return { rate: result.requests.total / result.duration, failures: result.non2xx + result.errors + result.timeouts };
}

if (process.argv.includes('--serve')) {
  serve();
} else {
  await runBench('bench/floor', async () => {
    const { ints, pin } = parseBenchArgs('bench/floor', 'npx tsx bench/floor.ts [--seconds S] [--connections C] [--no-pin]', process.argv.slice(2), {
      seconds: { fallback: 20, min: 1, max: 600 },
      connections: { fallback: 10, min: 1, max: 1000 },
    });
    const seconds = ints.seconds!;
    const connections = ints.connections!;
    const pins = pinning(1, pin);
    pinDriver(pins);
    log(machineLine());
    log(pinningLine(pins, 1));
    const floor = await startFloor(pins.pinned ? pins.serverCpus[0] : undefined);
    const rows: string[][] = [];
    let failed = false;
    try {
      const flows: Array<[Flow, string]> = [
        [
          'USER_PASSWORD_AUTH',
          JSON.stringify({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: 'floor', AuthParameters: { USERNAME: 'user00000001', PASSWORD: 'Bench-Passw0rd!' } }),
        ],
        [
          'REFRESH_TOKEN_AUTH',
          JSON.stringify({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: 'floor', AuthParameters: { REFRESH_TOKEN: randomBytes(600).toString('base64url') } }),
        ],
      ];
      await drive(floor.url, flows[0]![1], 2, connections);
      for (const [flow, body] of flows) {
        log(`${flow}: crypto ceiling on CPU ${pins.serverCpus.join(',')}, ${seconds} s of load, the ceiling again...`);
        const before = ceiling(flow, await measureCores(pins.serverCpus, PROBE_MS, pins.pinned));
        const peak = await drive(floor.url, body, seconds, connections);
        const after = ceiling(flow, await measureCores(pins.serverCpus, PROBE_MS, pins.pinned));
        const c = (before + after) / 2;
        if (peak.failures > 0) failed = true;
        rows.push([
          flow,
          `${c.toFixed(0)} (${before.toFixed(0)}–${after.toFixed(0)})`,
          peak.rate.toFixed(0),
          `${((peak.rate / c) * 100).toFixed(1)}%`,
          String(peak.failures),
        ]);
      }
    } finally {
      floor.stop();
    }
    log('');
    log(`a bare node:http server doing only the crypto, ${connections} connections, ${seconds} s per measurement`);
    for (const row of table(['flow', 'ceiling/s', 'peak/s', 'of ceiling', 'failures'], rows)) log(row);
    return failed;
  });
}
