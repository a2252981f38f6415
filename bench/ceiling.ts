/**
 * The crypto ceiling of a sign-in on given cores, measured in the same run as the load
 * (docs/performance.md): how many sign-ins per second those cores could do if a sign-in were
 * nothing but its cryptography, done one operation after the other.
 *
 *   USER_PASSWORD_AUTH  2 RS256 signatures + 1 modexp (g^x, the password check)
 *   REFRESH_TOKEN_AUTH  2 RS256 signatures
 *   SRP sign-in         2 RS256 signatures + 3 modexps (g^b; v^u and (A·v^u)^b)
 *
 * Each core gets a probe process of its own, pinned to it (taskset), that times the two
 * operations as the server does them (node:crypto's RS256 with a 2048-bit key, OpenSSL's
 * Diffie-Hellman modexp over the 3072-bit group); the cores' rates add up.
 *
 * Run as a script, this file is the probe: `--ms M` of each operation, one JSON line out.
 */
import { spawn } from 'node:child_process';
import { generateKeyPairSync, randomBytes, randomUUID, sign } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { g, modPowN } from '../src/crypto/srp.ts';

/** µs of one operation on one core. */
export interface CoreCost {
  signUs: number;
  /** g^e, as for a verifier or B. */
  modexpGUs: number;
  /** b^e for another base, as for SRP's v^u and S. */
  modexpBaseUs: number;
}

export type Flow = 'USER_PASSWORD_AUTH' | 'REFRESH_TOKEN_AUTH' | 'SRP';

/** µs of crypto in one sign-in of `flow` on a core that costs `c`. */
export function cryptoUs(flow: Flow, c: CoreCost): number {
  if (flow === 'USER_PASSWORD_AUTH') return 2 * c.signUs + c.modexpGUs;
  if (flow === 'REFRESH_TOKEN_AUTH') return 2 * c.signUs;
  return 2 * c.signUs + c.modexpGUs + 2 * c.modexpBaseUs;
}

/** Sign-ins per second of `flow` the measured cores could do on crypto alone (their rates add). */
export function ceiling(flow: Flow, cores: CoreCost[]): number {
  return cores.reduce((sum, c) => sum + 1e6 / cryptoUs(flow, c), 0);
}

const thisFile = fileURLToPath(import.meta.url);

/** Runs one probe on each of `cpus` at once (pinned when `pin`), for `ms` per operation. */
export async function measureCores(cpus: number[], ms: number, pin: boolean): Promise<CoreCost[]> {
  return Promise.all(
    cpus.map(
      (cpu) =>
        new Promise<CoreCost>((resolve, reject) => {
          const node = [process.execPath, '--import', 'tsx', thisFile, '--ms', String(ms)];
          const [command, ...args] = pin ? ['taskset', '-c', String(cpu), ...node] : node;
          const child = spawn(command!, args, { stdio: ['ignore', 'pipe', 'inherit'] });
          let out = '';
          child.stdout.on('data', (chunk: Buffer) => {
            out += chunk.toString();
          });
          child.once('error', reject);
          child.once('exit', (code) => {
            if (code !== 0) reject(new Error(`the ceiling probe on CPU ${cpu} exited with ${code}`));
            else resolve(JSON.parse(out) as CoreCost);
          });
        }),
    ),
  );
}

/** Mean µs of one call of `op` over about `ms` (after a short warm-up). */
function time(op: () => void, ms: number): number {
  const warmUntil = performance.now() + Math.min(100, ms / 5);
  while (performance.now() < warmUntil) op();
  let ops = 0;
  const start = performance.now();
  while (performance.now() - start < ms) {
    op();
    op();
    ops += 2;
  }
  return ((performance.now() - start) * 1000) / ops;
}

function probe(ms: number): CoreCost {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
  // An access token's signing input, of realistic size.
  const input = Buffer.from(
    `${Buffer.from(JSON.stringify({ kid: randomUUID(), alg: 'RS256' })).toString('base64url')}.${Buffer.from(
      JSON.stringify({ sub: randomUUID(), token_use: 'access', scope: 'aws.cognito.signin.user.admin', jti: randomUUID(), username: 'user00000001' }),
    ).toString('base64url')}`,
  );
  const exponents = Array.from({ length: 64 }, () => BigInt(`0x${randomBytes(32).toString('hex')}`));
  const bases = exponents.map((e) => modPowN(g, e));
  let k = 0;
  return {
    signUs: time(() => sign('sha256', input, privateKey), ms),
    modexpGUs: time(() => modPowN(g, exponents[k++ & 63]!), ms),
    modexpBaseUs: time(() => modPowN(bases[k++ & 63]!, exponents[(k * 7) & 63]!), ms),
  };
}

if (process.argv[1] === thisFile) {
  const at = process.argv.indexOf('--ms');
  const ms = at > 0 ? Number(process.argv[at + 1]) : 1000;
  process.stdout.write(`${JSON.stringify(probe(Number.isFinite(ms) && ms > 0 ? ms : 1000))}\n`);
}
