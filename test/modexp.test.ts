import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ConfigError, resolveConfig } from '../src/config/schema.ts';
import { defaultModexpThreads, ModexpThreads } from '../src/crypto/modexp.ts';
import {
  N,
  createVerifier,
  g,
  hexToBigInt,
  modPowBigInt,
  modPowOn,
  srpGroup,
  serverEphemeralAsync,
  serverKey,
  serverKeyAsync,
  verifyPasswordAsync,
  k,
} from '../src/crypto/srp.ts';
import { PASSWORD, passwordAuth, signInSetup } from './support/auth.ts';
import { rejectsWith } from './support/sdk.ts';
import { startTestServer } from './support/server.ts';

// The worker-thread modexps must give exactly what the reference (BigInt) gives, for every base
// the server can meet, whatever the thread count and however many are in flight.

const randomBelowN = () => hexToBigInt(randomBytes(384).toString('hex')) % N;
const random256 = () => hexToBigInt(randomBytes(32).toString('hex'));

// Thread sets made here, closed when the file is done.
const sets: ModexpThreads[] = [];
const threadsOf = (count: number) => {
  if (count === 0) return undefined;
  const set = new ModexpThreads(srpGroup, count);
  sets.push(set);
  return set;
};
after(() => Promise.all(sets.map((set) => set.close())));

for (const threads of [2, 1, 0]) {
  test(`modPowNAsync equals BigInt square-and-multiply with ${threads} thread(s)`, async () => {
    const set = threadsOf(threads);
    assert.equal(set?.size, threads === 0 ? undefined : threads);
    const modPowNAsync = modPowOn(set);
    const cases: Array<[bigint, bigint]> = [
      [g, random256()],
      [randomBelowN(), random256()],
      [randomBelowN(), hexToBigInt(randomBytes(64).toString('hex'))], // a 512-bit exponent, as the client's
      [randomBelowN() + N, random256()], // bases at or above N are reduced first
      [-5n, 3n], // and negative ones
      [0n, 7n],
      [1n, random256()],
      [N - 1n, 3n],
      [N - 2n, random256()],
      [N - 4n, random256()], // a quadratic non-residue, as half of all bases are
      [4n, random256()], // and a residue
      [randomBelowN(), 0n],
      [g, 1n],
    ];
    for (const [base, exp] of cases) {
      const want = modPowBigInt(((base % N) + N) % N, exp, N);
      assert.equal(await modPowNAsync(base, exp), want, `base ${base.toString(16).slice(0, 12)}…, exp ${exp.toString(16).slice(0, 12)}…`);
    }
  });
}

test('200 modexps in flight over 2 threads all come back right', async () => {
  const modPowNAsync = modPowOn(threadsOf(2));
  const jobs = Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? ([g, random256()] as const) : ([randomBelowN(), random256()] as const)));
  const results = await Promise.all(jobs.map(([base, exp]) => modPowNAsync(base, exp)));
  for (const [i, r] of results.entries()) assert.equal(r, modPowBigInt(jobs[i]![0], jobs[i]![1], N));
});

test('the SRP server steps give the same answers on threads as on the event loop', async () => {
  const pow = modPowOn(threadsOf(2));
  const stored = createVerifier('Pool1', 'bob', 'S3cret!pass');
  assert.equal(await verifyPasswordAsync(pow, 'Pool1', 'bob', 'S3cret!pass', stored), true);
  assert.equal(await verifyPasswordAsync(pow, 'Pool1', 'bob', 'S3cret!pasS', stored), false);
  assert.equal(await verifyPasswordAsync(pow, 'Pool1', 'Bob', 'S3cret!pass', stored), false);

  const v = hexToBigInt(stored.verifier);
  const { b, B } = await serverEphemeralAsync(pow, v);
  assert.ok(b > 0n && b < 1n << 256n, 'b is 256 bits');
  assert.equal(B, (k * v + modPowBigInt(g, b, N)) % N);
  const A = modPowBigInt(g, random256(), N);
  assert.deepEqual(await serverKeyAsync(pow, A, B, b, v), serverKey(A, B, b, v));
});

test('closed threads refuse new work instead of hanging', async () => {
  const threads = new ModexpThreads({ primeHex: N.toString(16), generator: 2 }, 1);
  const exp = Buffer.from([5]);
  assert.deepEqual(await threads.run(exp), Buffer.from([32]));
  await threads.close();
  await assert.rejects(threads.run(exp), /closed/);
});

test('a process whose modexp threads are idle exits by itself', () => {
  // The threads are unref'd: a server or a script that is done must not be kept alive by them.
  const script =
    "import { ModexpThreads } from './src/crypto/modexp.ts'; import { modPowOn, srpGroup } from './src/crypto/srp.ts'; " +
    'console.log(String(await modPowOn(new ModexpThreads(srpGroup, 2))(3n, 5n)));';
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: fileURLToPath(new URL('..', import.meta.url)),
    encoding: 'utf8',
    timeout: 60_000,
  });
  assert.equal(run.signal, null, 'killed: the process did not exit by itself');
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), '243');
});

test('a thread that dies is replaced, and its jobs are answered on the calling thread instead', async () => {
  const set = threadsOf(2)!;
  const modPowNAsync = modPowOn(set);
  const threads = set as unknown as { threads: { worker: { terminate(): Promise<number> } }[] };
  const exp = random256();
  const base = randomBelowN();
  // Kill both threads while jobs are on their way to them, as a crash would (nobody waits for
  // the threads to stop: the jobs are what must come back).
  const inFlight = Promise.all([modPowNAsync(base, exp), modPowNAsync(g, exp)]);
  for (const t of threads.threads) void t.worker.terminate();
  assert.deepEqual(await inFlight, [modPowBigInt(base, exp, N), modPowBigInt(g, exp, N)]);
  // New work is answered too (by a replacement thread, or here while none is up yet).
  assert.equal(await modPowNAsync(base, exp), modPowBigInt(base, exp, N));
});

test('a set whose threads keep dying stops replacing them and refuses work, without hanging', async () => {
  const set = new ModexpThreads({ primeHex: N.toString(16), generator: 2 }, 1);
  const inner = set as unknown as { threads: { worker: { terminate(): Promise<number> } }[] };
  for (let i = 0; i <= 16; i++) {
    await inner.threads[0]!.worker.terminate();
    await new Promise((resolve) => setImmediate(resolve));
  }
  await assert.rejects(set.run(Buffer.from([5])), /no modexp thread/);
  await set.close();
});

test('by default, one modexp thread per core a server process has to itself (at most 4), none where that is one core', () => {
  assert.deepEqual(
    [
      [1, 1],
      [1, 2],
      [2, 2],
      [3, 2],
      [1, 8],
      [2, 8],
      [4, 8],
      [8, 8],
    ].map(([workers, cores]) => defaultModexpThreads(workers, cores)),
    [0, 2, 0, 0, 4, 4, 2, 0],
  );
});

test('--crypto-threads takes a whole number from 0 to 64, and a server with 0 still signs users in', async () => {
  assert.equal(resolveConfig({ 'crypto-threads': '0' }, {}).cryptoThreads, 0);
  assert.equal(resolveConfig({}, { COGNATE_CRYPTO_THREADS: '3' }).cryptoThreads, 3);
  assert.equal(resolveConfig({}, {}).cryptoThreads, undefined);
  for (const bad of ['-1', '1.5', 'two', '65']) {
    assert.throws(
      () => resolveConfig({ 'crypto-threads': bad }, {}),
      (e: unknown) => e instanceof ConfigError && e.message === `--crypto-threads must be a whole number from 0 to 64, got '${bad}'`,
    );
  }
  const s = await startTestServer('sqlite', { flags: { 'crypto-threads': '0' } });
  try {
    const setup = await signInSetup(s);
    assert.ok((await passwordAuth(s, setup, setup.username, PASSWORD)).AuthenticationResult?.AccessToken);
    await rejectsWith(passwordAuth(s, setup, setup.username, 'Wrong-Passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
  } finally {
    await s.close();
  }
});
