/**
 * Per-operation cost of the work one sign-in does in process, to set beside the server figures
 * of bench/password.ts (docs/performance.md):
 *
 *   npx tsx bench/crypto.ts [--ms 1000]
 *
 * A USER_PASSWORD_AUTH is about one verifyPassword + two RS256 signatures + two AES-GCM opens
 * (the stored verifier and MFA settings) + JSON; a REFRESH_TOKEN_AUTH the same less the
 * password check. An SRP sign-in (USER_SRP_AUTH) adds the modexps of B and S.
 */
import { generateKeyPairSync, randomBytes, randomUUID } from 'node:crypto';
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import { createSealer } from '../src/crypto/seal.ts';
import { rs256 } from '../src/crypto/rs256.ts';
import { signRs256 } from '../src/tokens/sign.ts';
import { N, createVerifier, g, modPowN, verifyPassword } from '../src/crypto/srp.ts';

const { values } = parseArgs({ options: { ms: { type: 'string' } }, strict: true });
const budgetMs = Number(values.ms ?? 1000);
if (!Number.isFinite(budgetMs) || budgetMs < 10 || budgetMs > 60_000) {
  process.stderr.write('bench/crypto: --ms must be a number from 10 to 60000\n');
  process.exit(2);
}

interface Measured {
  name: string;
  ops: number;
  usPerOp: number;
}

/** Runs `op` for about `budgetMs` (after a short warm-up) and reports the mean cost of one call. */
async function measure(name: string, op: () => unknown | Promise<unknown>): Promise<Measured> {
  const warmUntil = performance.now() + Math.min(200, budgetMs / 5);
  while (performance.now() < warmUntil) await op();
  let ops = 0;
  const start = performance.now();
  const end = start + budgetMs;
  // Batches of 8 keep the clock reads out of the figure for the sub-microsecond operations.
  while (performance.now() < end) {
    for (let i = 0; i < 8; i++) await op();
    ops += 8;
  }
  const elapsed = performance.now() - start;
  return { name, ops, usPerOp: (elapsed * 1000) / ops };
}

const random256 = () => BigInt(`0x${randomBytes(32).toString('hex')}`);
const exponents = Array.from({ length: 64 }, random256);
const bases = Array.from({ length: 64 }, () => modPowN(g, random256()));
const stored = createVerifier('AbCdEfGhI', 'user00000001', 'Bench-Passw0rd!');

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048, publicExponent: 0x10001 });
const claims = () => ({
  sub: randomUUID(),
  iss: 'http://127.0.0.1:9229/us-east-1_AbCdEfGhI',
  client_id: 'abcdefghijklmnopqrstuvwxyz',
  origin_jti: randomUUID(),
  event_id: randomUUID(),
  token_use: 'access',
  scope: 'aws.cognito.signin.user.admin',
  auth_time: 1_700_000_000,
  exp: 1_700_003_600,
  iat: 1_700_000_000,
  jti: randomUUID(),
  username: 'user00000001',
});

const sealer = createSealer('bench-master-secret-0123456789abcdef-fixed');
const sealedVerifier = sealer.seal(JSON.stringify(stored));

// What a USER_PASSWORD_AUTH answer looks like on the wire: three tokens of realistic size.
const jwt = `${'a'.repeat(36)}.${'b'.repeat(700)}.${'c'.repeat(342)}`;
const answer = {
  ChallengeParameters: {},
  AuthenticationResult: { AccessToken: jwt, ExpiresIn: 3600, TokenType: 'Bearer', IdToken: jwt, RefreshToken: randomBytes(48).toString('base64url') },
};
const request = JSON.stringify({
  AuthFlow: 'USER_PASSWORD_AUTH',
  ClientId: 'abcdefghijklmnopqrstuvwxyz',
  AuthParameters: { USERNAME: 'user00000001', PASSWORD: 'Bench-Passw0rd!' },
});

let k = 0;
const results: Measured[] = [];
results.push(await measure('modPowN(g, 256-bit exponent)  [3072-bit group]', () => modPowN(g, exponents[k++ & 63]!)));
results.push(await measure('modPowN(base, 256-bit exponent) [SRP S]', () => modPowN(bases[k++ & 63]!, exponents[k & 63]!)));
results.push(await measure('verifyPassword (USER_PASSWORD_AUTH check)', () => verifyPassword('AbCdEfGhI', 'user00000001', 'Bench-Passw0rd!', stored)));
results.push(await measure('RS256 sign, cached KeyObject (signRs256)', () => signRs256(rs256(true), 'kid', claims(), privateKey)));
// node:crypto's asynchronous sign runs in libuv's thread pool: with several signatures in
// flight (as under load) the wall time per signature drops when a second core is free.
const sign = () => signRs256(rs256(true), 'kid', claims(), privateKey);
const eight = await measure('RS256 sign, 8 in flight (wall time per signature)', () => Promise.all(Array.from({ length: 8 }, sign)));
results.push({ ...eight, ops: eight.ops * 8, usPerOp: eight.usPerOp / 8 });
results.push(await measure('AES-256-GCM open of a stored verifier', () => sealer.open(sealedVerifier)));
results.push(await measure('JSON round trip (request parse + answer stringify)', () => [JSON.parse(request), JSON.stringify(answer)]));

const [load1] = loadavg();
process.stdout.write(`machine: ${cpus().length} cores (${cpus()[0]?.model.trim() ?? 'unknown'}), node ${process.version}, load average ${load1!.toFixed(2)}\n`);
process.stdout.write(`group: ${N.toString(2).length}-bit N, ${budgetMs} ms per operation\n\n`);
const width = Math.max(...results.map((r) => r.name.length));
process.stdout.write(`${'operation'.padEnd(width)}  ${'µs/op'.padStart(9)}  ${'ops/s'.padStart(9)}\n`);
for (const r of results) {
  process.stdout.write(`${r.name.padEnd(width)}  ${r.usPerOp.toFixed(1).padStart(9)}  ${(1e6 / r.usPerOp).toFixed(0).padStart(9)}\n`);
}
const byName = (prefix: string) => results.find((r) => r.name.startsWith(prefix))!.usPerOp;
// One at a time: the cost a lone request pays (the floor ignores the thread pool's parallelism).
const signIn = byName('verifyPassword') + 2 * byName('RS256 sign, cached') + 2 * byName('AES') + byName('JSON');
const refresh = 2 * byName('RS256 sign, cached') + 2 * byName('AES') + byName('JSON');
process.stdout.write(
  `\nSum of the parts, one call at a time (no HTTP, no queries): USER_PASSWORD_AUTH ≈ ${signIn.toFixed(0)} µs → ${(1e6 / signIn).toFixed(0)}/s; ` +
    `REFRESH_TOKEN_AUTH ≈ ${refresh.toFixed(0)} µs → ${(1e6 / refresh).toFixed(0)}/s\n`,
);
