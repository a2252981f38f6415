import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { ConfigError, resolveConfig } from '../src/config/schema.ts';
import { adminKeyOf, describeEachBackend, startTestServer, TEST_ADMIN_KEY, TEST_MASTER_SECRET } from './support/server.ts';
import { createPool } from './support/fixtures.ts';
import { signedGetHeaders } from './support/cognate-get.ts';

// The two postures: local mode (the default) is open for a laptop and says so; --production
// refuses to start without real admin keys and a master secret, and then closes the messages
// endpoint to anything but an admin signature.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const KEY = `${TEST_ADMIN_KEY.accessKeyId}:${TEST_ADMIN_KEY.secretAccessKey}`;
const OTHER_KEY = { accessKeyId: 'AKIAOTHERKEY0000TEST', secretAccessKey: 'another-secret-0123456789' };
const SECRET = 'a-production-master-secret-of-40-characters';

const folders: string[] = [];
function folder(): string {
  const dir = mkdtempSync(join(tmpdir(), 'cognate-posture-'));
  folders.push(dir);
  return dir;
}
after(() => {
  for (const dir of folders) rmSync(dir, { recursive: true, force: true });
});

const resolve = (flags: Record<string, string | boolean>, env: NodeJS.ProcessEnv = {}) => resolveConfig({ data: '/tmp/unused', ...flags }, env);

function refuses(flags: Record<string, string | boolean>, message: string | RegExp, env: NodeJS.ProcessEnv = {}): void {
  assert.throws(
    () => resolve(flags, env),
    (error: unknown) => {
      assert.ok(error instanceof ConfigError, String(error));
      if (typeof message === 'string') assert.equal(error.message, message);
      else assert.match(error.message, message);
      return true;
    },
  );
}

describe('posture configuration', () => {
  test('local mode is the default; --production and COGNATE_PRODUCTION=1 switch it', () => {
    assert.equal(resolve({}).production, false);
    assert.equal(resolve({ production: true, 'admin-credentials': KEY, 'master-secret': SECRET }).production, true);
    assert.equal(resolve({}, { COGNATE_PRODUCTION: '1', COGNATE_ADMIN_CREDENTIALS: KEY, COGNATE_MASTER_SECRET: SECRET }).production, true);
  });

  test('production refuses to start without admin credentials or a master secret', () => {
    refuses(
      { production: true, 'master-secret': SECRET },
      '--production needs --admin-credentials (or --admin-credentials-file): admin calls must be signed with known keys',
    );
    refuses(
      { production: true, 'admin-credentials': KEY },
      '--production needs --master-secret (or --master-secret-file): secrets at rest must not depend on a key file in the data folder',
    );
    refuses({}, /--production needs --admin-credentials/, { COGNATE_PRODUCTION: 'true' });
  });

  test('secrets come from files: trimmed, admin keys one per line or comma-separated', () => {
    const dir = folder();
    writeFileSync(join(dir, 'master'), `${SECRET}\n`);
    writeFileSync(join(dir, 'keys'), `${KEY}\n\n${OTHER_KEY.accessKeyId}:${OTHER_KEY.secretAccessKey}\n`);
    const config = resolve({ production: true, 'master-secret-file': join(dir, 'master'), 'admin-credentials-file': join(dir, 'keys') });
    assert.equal(config.masterSecret, SECRET);
    assert.equal(config.adminCredentials, `${KEY},${OTHER_KEY.accessKeyId}:${OTHER_KEY.secretAccessKey}`);
    // The environment works as for every flag.
    const fromEnv = resolve({}, { COGNATE_MASTER_SECRET_FILE: join(dir, 'master'), COGNATE_ADMIN_CREDENTIALS_FILE: join(dir, 'keys') });
    assert.equal(fromEnv.masterSecret, SECRET);
    assert.equal(fromEnv.adminCredentials?.split(',').length, 2);
  });

  test('a secret file that is missing, empty, too short or given beside the value is refused', () => {
    const dir = folder();
    writeFileSync(join(dir, 'empty'), '\n');
    writeFileSync(join(dir, 'short'), 'short\n');
    writeFileSync(join(dir, 'bad-keys'), 'not a key\n');
    refuses({ 'master-secret-file': join(dir, 'missing') }, `--master-secret-file cannot be read: ENOENT (${join(dir, 'missing')})`);
    refuses({ 'master-secret-file': join(dir, 'empty') }, `--master-secret-file is empty (${join(dir, 'empty')})`);
    refuses({ 'master-secret-file': join(dir, 'short') }, '--master-secret must be at least 32 characters');
    refuses({ 'master-secret-file': join(dir, 'short'), 'master-secret': SECRET }, 'give --master-secret or --master-secret-file, not both');
    refuses({ 'admin-credentials-file': join(dir, 'bad-keys') }, /^--admin-credentials must be ACCESS_KEY_ID:SECRET_ACCESS_KEY pairs/);
    refuses({ 'admin-credentials-file': join(dir, 'bad-keys'), 'admin-credentials': KEY }, 'give --admin-credentials or --admin-credentials-file, not both');
  });

  test('--cors-origins takes origins; --message-retention-hours a number of hours', () => {
    assert.deepEqual(resolve({ 'cors-origins': 'https://app.example.com, http://localhost:3000/' }).corsOrigins, [
      'https://app.example.com',
      'http://localhost:3000',
    ]);
    assert.equal(resolve({}).corsOrigins, undefined);
    refuses(
      { 'cors-origins': 'https://app.example.com/login' },
      "--cors-origins must be origins such as https://app.example.com separated by commas, got 'https://app.example.com/login'",
    );
    refuses({ 'cors-origins': '*' }, "--cors-origins must be origins such as https://app.example.com separated by commas, got '*'");
    assert.equal(resolve({}).messageRetentionHours, 24);
    assert.equal(resolve({ 'message-retention-hours': '2' }).messageRetentionHours, 2);
    refuses({ 'message-retention-hours': '0' }, "--message-retention-hours must be a whole number of hours from 1 to 8760, got '0'");
  });
});

// ---------------------------------------------------------------------------------------------
// `cognate serve` as a process: the one-line refusal, and the one posture line at start.

interface Run {
  child: ChildProcess;
  output: () => string;
  stderr: () => string;
}

function serve(args: string[], env: NodeJS.ProcessEnv = {}): Run {
  // Nothing of the test runner's own COGNATE_* settings leaks into the child.
  const base = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith('COGNATE_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--log-level', 'warn', ...args], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...base, CI: '', ...env },
  });
  let out = '';
  let err = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (err += c.toString('utf8')));
  return { child, output: () => out, stderr: () => err };
}

async function exitOf(run: Run): Promise<number | null> {
  if (run.child.exitCode !== null) return run.child.exitCode;
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 60_000);
  const [code] = (await once(run.child, 'exit')) as [number | null];
  clearTimeout(timer);
  return code;
}

async function listening(run: Run): Promise<string> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const m = /cognate is listening on (http:\/\/\S+)/.exec(run.output());
    if (m && /mode: /.test(run.output())) return m[1]!;
    if (run.child.exitCode !== null) throw new Error(`server exited (${run.child.exitCode}): ${run.stderr()}`);
    if (Date.now() > deadline) throw new Error(`server did not start: ${run.output()}${run.stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function stop(run: Run): Promise<void> {
  if (run.child.exitCode !== null) return;
  const exited = once(run.child, 'exit');
  run.child.kill('SIGTERM');
  const timer = setTimeout(() => run.child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

describe('cognate serve', () => {
  test('--production without admin credentials or master secret exits non-zero with one line', async () => {
    const noKeys = serve(['--production', '--data', folder(), '--master-secret', SECRET]);
    assert.notEqual(await exitOf(noKeys), 0);
    assert.equal(
      noKeys.stderr(),
      'cognate: --production needs --admin-credentials (or --admin-credentials-file): admin calls must be signed with known keys\n',
    );
    assert.doesNotMatch(noKeys.output(), /listening/);

    const noSecret = serve(['--data', folder()], { COGNATE_PRODUCTION: '1', COGNATE_ADMIN_CREDENTIALS: KEY });
    assert.notEqual(await exitOf(noSecret), 0);
    assert.equal(
      noSecret.stderr(),
      'cognate: --production needs --master-secret (or --master-secret-file): secrets at rest must not depend on a key file in the data folder\n',
    );
  });

  test('local mode says so in one line at start; the messages endpoint answers anyone', async () => {
    const run = serve(['--data', folder()]);
    try {
      const url = await listening(run);
      const modeLines = run
        .output()
        .split('\n')
        .filter((l) => /mode:/.test(l));
      assert.deepEqual(modeLines, [
        '  mode: local (admin calls accept any signature; GET /_cognate/messages is open; codes and temporary passwords are logged) — use --production on a server others can reach',
      ]);
      const res = await fetch(`${url}/_cognate/messages`);
      assert.equal(res.status, 200);
    } finally {
      await stop(run);
    }
  });

  test('production from secret files starts, says so, and answers only a signed messages GET', async () => {
    const dir = folder();
    writeFileSync(join(dir, 'master'), `${SECRET}\n`, { mode: 0o600 });
    writeFileSync(join(dir, 'keys'), `${KEY}\n`, { mode: 0o600 });
    const run = serve(['--data', join(dir, 'data')], {
      COGNATE_PRODUCTION: 'true',
      COGNATE_MASTER_SECRET_FILE: join(dir, 'master'),
      COGNATE_ADMIN_CREDENTIALS_FILE: join(dir, 'keys'),
    });
    try {
      const url = await listening(run);
      assert.match(run.output(), /\n {2}mode: production \(admin calls and GET \/_cognate\/messages need an --admin-credentials signature;/);
      assert.doesNotMatch(run.output() + run.stderr(), new RegExp(`${SECRET}|${TEST_ADMIN_KEY.secretAccessKey.replace(/[/+]/g, '\\$&')}`));
      const messages = `${url}/_cognate/messages`;
      const unsigned = await fetch(messages);
      assert.equal(unsigned.status, 400);
      assert.equal(((await unsigned.json()) as { __type: string }).__type, 'MissingAuthenticationTokenException');
      const signed = await fetch(messages, { headers: await signedGetHeaders(messages, 'us-east-1', TEST_ADMIN_KEY) });
      assert.equal(signed.status, 200);
      assert.deepEqual(await signed.json(), { messages: [] });
    } finally {
      await stop(run);
    }
  });
});

// ---------------------------------------------------------------------------------------------
// The messages endpoint and CORS, per posture.

const ORIGIN = 'https://evil.example';

describeEachBackend(
  'production: the messages endpoint answers only an admin signature',
  ({ server }) => {
    const path = (poolId: string) => `/_cognate/messages?userPoolId=${encodeURIComponent(poolId)}&username=nobody`;

    test('unsigned is MissingAuthenticationTokenException; unknown key, wrong secret, other region are refused', async () => {
      const s = server();
      const poolId = await createPool(s);
      const url = `${s.url}${path(poolId)}`;
      const answer = async (headers: Record<string, string>) => {
        const res = await fetch(url, { headers });
        return { status: res.status, type: res.headers.get('x-amzn-errortype'), body: (await res.json()) as Record<string, unknown> };
      };
      assert.deepEqual(await answer({}), {
        status: 400,
        type: 'MissingAuthenticationTokenException:',
        body: {
          __type: 'MissingAuthenticationTokenException',
          message: 'GET /_cognate/messages must be signed with AWS Signature Version 4 by an admin access key.',
        },
      });
      const unknown = await answer(await signedGetHeaders(url, s.config.region, OTHER_KEY, s.clock.now()));
      assert.deepEqual(
        [unknown.status, unknown.body.__type, unknown.body.message],
        [400, 'UnrecognizedClientException', 'The security token included in the request is invalid.'],
      );
      const wrongSecret = await answer(
        await signedGetHeaders(url, s.config.region, { accessKeyId: TEST_ADMIN_KEY.accessKeyId, secretAccessKey: 'not-the-secret-0123456789' }, s.clock.now()),
      );
      assert.deepEqual([wrongSecret.status, wrongSecret.body.__type], [400, 'InvalidSignatureException']);
      const otherRegion = await answer(await signedGetHeaders(url, 'eu-west-1', TEST_ADMIN_KEY, s.clock.now()));
      assert.deepEqual(
        [otherRegion.status, otherRegion.body.__type, otherRegion.body.message],
        [400, 'InvalidSignatureException', "Credential should be scoped to a valid region, not 'eu-west-1'."],
      );
      // A signature for another query does not open this one.
      const signedForOther = await signedGetHeaders(`${s.url}/_cognate/messages?userPoolId=${poolId}`, s.config.region, TEST_ADMIN_KEY, s.clock.now());
      assert.equal((await answer(signedForOther)).body.__type, 'InvalidSignatureException');
      const good = await answer(await signedGetHeaders(url, s.config.region, TEST_ADMIN_KEY, s.clock.now()));
      assert.deepEqual(good, { status: 200, type: null, body: { messages: [] } });
    });

    test('GET /metrics is refused unsigned and answered when signed by an admin key', async () => {
      const s = server();
      const url = `${s.url}/metrics`;
      const unsigned = await fetch(url);
      assert.deepEqual([unsigned.status, ((await unsigned.json()) as { __type: string }).__type], [400, 'MissingAuthenticationTokenException']);
      const signed = await fetch(url, { headers: await signedGetHeaders(url, s.config.region, TEST_ADMIN_KEY, s.clock.now()) });
      assert.equal(signed.status, 200);
      assert.match(await signed.text(), /^# TYPE cognate_requests_total counter$/m);
    });

    test('no CORS headers on /_cognate/*, the JSON API keeps them', async () => {
      const s = server();
      const poolId = await createPool(s);
      const url = `${s.url}${path(poolId)}`;
      const res = await fetch(url, { headers: { origin: ORIGIN, ...(await signedGetHeaders(url, s.config.region, TEST_ADMIN_KEY, s.clock.now())) } });
      assert.equal(res.status, 200);
      assert.equal(res.headers.get('access-control-allow-origin'), null);
      assert.equal(res.headers.get('access-control-expose-headers'), null);
      const preflight = await fetch(url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'GET' } });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null);
      const logo = await fetch(`${s.url}/_cognate/ui/${poolId}/ALL/1/logo`, { headers: { origin: ORIGIN } });
      assert.equal(logo.headers.get('access-control-allow-origin'), null);
      // The JSON API is callable from any origin, as Cognito's is.
      const api = await fetch(s.url, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
        body: '{}',
      });
      assert.equal(api.status, 400);
      assert.equal(api.headers.get('access-control-allow-origin'), ORIGIN);
      const apiPreflight = await fetch(s.url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
      assert.equal(apiPreflight.headers.get('access-control-allow-origin'), ORIGIN);
      assert.match(apiPreflight.headers.get('access-control-allow-methods') ?? '', /POST/);
    });

    test('the test SDK signs admin calls with the configured key', async () => {
      const s = server();
      assert.deepEqual(adminKeyOf(s.config), TEST_ADMIN_KEY);
      assert.ok(await createPool(s));
    });
  },
  { flags: { production: 'true', 'admin-credentials': KEY, 'master-secret': TEST_MASTER_SECRET } },
);

describeEachBackend(
  'local: the messages endpoint is open to anyone, from any origin',
  ({ server }) => {
    test('unsigned and cross-origin reads are answered', async () => {
      const s = server();
      const poolId = await createPool(s);
      const res = await fetch(`${s.url}/_cognate/messages?userPoolId=${poolId}`, { headers: { origin: ORIGIN } });
      assert.equal(res.status, 200);
      assert.deepEqual(await res.json(), { messages: [] });
      assert.equal(res.headers.get('access-control-allow-origin'), ORIGIN);
    });
  },
  { flags: { production: 'false' } },
);

describe('--cors-origins', () => {
  test('narrows CORS to the listed origins on the JSON API and the OAuth endpoints', async () => {
    const s = await startTestServer('sqlite', { flags: { 'cors-origins': 'https://app.example.com,http://localhost:3000' } });
    try {
      const call = (origin: string) =>
        fetch(s.url, {
          method: 'POST',
          headers: { origin, 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': 'AWSCognitoIdentityProviderService.InitiateAuth' },
          body: '{}',
        });
      const listed = await call('http://localhost:3000');
      assert.equal(listed.headers.get('access-control-allow-origin'), 'http://localhost:3000');
      assert.match(listed.headers.get('access-control-expose-headers') ?? '', /x-amzn-RequestId/);
      assert.equal(listed.headers.get('vary'), 'Origin');
      const other = await call(ORIGIN);
      assert.equal(other.status, 400, 'the call itself is answered; only browsers are kept from reading it');
      assert.equal(other.headers.get('access-control-allow-origin'), null);
      const preflight = await fetch(s.url, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } });
      assert.equal(preflight.headers.get('access-control-allow-origin'), null);
      assert.equal(preflight.headers.get('access-control-allow-methods'), null);
      const token = await fetch(`${s.url}/oauth2/token`, {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code',
      });
      assert.equal(token.status, 400);
      assert.equal(token.headers.get('access-control-allow-origin'), null, 'the token endpoint no longer answers *');
      const tokenListed = await fetch(`${s.url}/oauth2/token`, {
        method: 'POST',
        headers: { origin: 'https://app.example.com', 'content-type': 'application/x-www-form-urlencoded' },
        body: 'grant_type=authorization_code',
      });
      assert.equal(tokenListed.headers.get('access-control-allow-origin'), 'https://app.example.com');
    } finally {
      await s.close();
    }
  });
});
