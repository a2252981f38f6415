import assert from 'node:assert/strict';
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';

/**
 * What a newcomer pastes: the README's quick start and the start banner's commands, each run
 * verbatim by bash in a clean environment (PATH, and a fresh HOME with no AWS profile, region or
 * credentials), against the server started as the README says.
 *
 * Two mechanical substitutions, and only these: `npm start --` (which compiles the checkout,
 * then runs `cognate serve`) runs this checkout's CLI through tsx instead, skipping a compile
 * the suite does not need, and the port 9229 becomes a free one, since other servers may hold
 * 9229 on a shared machine.
 */

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const README = readFileSync(join(ROOT, 'README.md'), 'utf8');
const TSX = import.meta.resolve('tsx');

interface Block {
  marker: string;
  lang: string;
  body: string;
}

/** The fenced blocks of the README that a `<!-- quickstart: … -->` line announces, in order. */
function quickstartBlocks(): Block[] {
  const blocks: Block[] = [];
  const re = /<!-- quickstart: (.*?) -->\n```(\w+)\n([\s\S]*?)```/g;
  for (const m of README.matchAll(re)) blocks.push({ marker: m[1]!, lang: m[2]!, body: m[3]! });
  return blocks;
}

/** The clean shell: PATH (node, curl, aws) and an empty HOME. */
function cleanEnv(home: string): Record<string, string> {
  return { PATH: process.env.PATH ?? '/usr/bin:/bin', HOME: home };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

function bash(script: string, cwd: string, home: string, timeout = 120_000) {
  const run = spawnSync('bash', ['-c', script], { cwd, env: cleanEnv(home), encoding: 'utf8', timeout });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** Starts the server with `command` in the clean shell and resolves with what it printed once it answers. */
async function startServer(command: string, cwd: string, home: string): Promise<{ child: ChildProcess; banner: () => string }> {
  // exec: the server is the shell's process, so stopping it stops the server.
  const child = spawn('bash', ['-c', `exec ${command}`], { cwd, env: cleanEnv(home), stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  child.stderr!.on('data', (c: Buffer) => (out += c.toString('utf8')));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not start:\n${out}`)), 90_000);
    const check = () => {
      // The banner ends with the line about clients: it is all there.
      if (/\nClients take the endpoint .*\n/.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}):\n${out}`));
    });
  });
  return { child, banner: () => out };
}

async function stop(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null) return;
  const exited = once(child, 'exit');
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const hasAwsCli = spawnSync('bash', ['-c', 'command -v aws && aws --version'], { env: cleanEnv(tmpdir()), encoding: 'utf8' }).status === 0;

/**
 * Runs an `aws` command line, or, where the AWS CLI is not installed (nothing here installs it),
 * checks that it carries what a clean shell lacks: a region, the endpoint, and credentials or
 * --no-sign-request. Returns the output, or undefined when only checked.
 */
function runAws(line: string, cwd: string, home: string): string | undefined {
  if (!hasAwsCli) {
    assert.match(line, / --region \S+/, line);
    assert.match(line, / --endpoint-url http:\/\/127\.0\.0\.1:\d+/, line);
    assert.ok(/ --no-sign-request /.test(line) || /AWS_ACCESS_KEY_ID=\S+ AWS_SECRET_ACCESS_KEY=\S+ aws /.test(line), line);
    return undefined;
  }
  const run = bash(line, cwd, home);
  assert.equal(run.status, 0, `${line}\n${run.stderr}`);
  return run.stdout;
}

/**
 * Runs the commands under the banner's "Try it": curl, the AWS CLI and the SDK (from this
 * checkout, where the SDK is installed). Resolves the AWS CLI's pool list, when it ran.
 */
function runBannerCommands(banner: string, work: string, home: string): string | undefined {
  const tryIt = banner.slice(banner.indexOf('\nTry it'));
  const commands = tryIt
    .split('\n')
    .slice(2)
    .filter((l) => l.startsWith('  ') && !l.trimStart().startsWith('#'))
    .map((l) => l.trim());
  assert.equal(commands.length, 3, tryIt);
  const [curl, cli, sdk] = commands as [string, string, string];

  const health = bash(curl, work, home);
  assert.equal(health.status, 0, health.stderr);
  assert.equal((JSON.parse(health.stdout) as { status: string }).status, 'ok');

  assert.match(cli, /AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws cognito-idp list-user-pools /);
  const pools = runAws(cli, work, home);
  if (pools !== undefined) assert.ok(Array.isArray((JSON.parse(pools) as { UserPools: unknown[] }).UserPools));

  assert.match(sdk, /node --input-type=module -e "/);
  const listed = bash(sdk, ROOT, home);
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /UserPools: \[/);
  return pools;
}

test('the banner of a server on every interface, over HTTPS with a self-signed certificate: its commands run as printed', async () => {
  const work = mkdtempSync(join(tmpdir(), 'cognate-tls-'));
  const home = mkdtempSync(join(tmpdir(), 'cognate-home-'));
  const port = await freePort();
  let server: { child: ChildProcess; banner: () => string } | undefined;
  try {
    server = await startServer(`node --import ${TSX} ${join(ROOT, 'src/cli.ts')} serve --port ${port} --host 0.0.0.0 --tls --log-level warn`, work, home);
    const banner = server.banner();
    assert.match(banner, new RegExp(`^ {2}public URL: https://127\\.0\\.0\\.1:${port} \\(bound to every interface, 0\\.0\\.0\\.0`, 'm'));
    runBannerCommands(banner, work, home);
  } finally {
    await stop(server?.child);
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  }
});

test('the README quick start is marked for this test, in the order a newcomer follows it', () => {
  assert.deepEqual(
    quickstartBlocks().map((b) => b.marker),
    ['file seed.json', 'server', 'run', 'run', 'script examples/quickstart.mjs', 'run', 'run', 'run with <code>'],
  );
  assert.match(README, /^## Run it\n[\s\S]*?```sh\nnpm ci\nnpm start\n```/m, 'the first commands install and start this checkout');
  // The script the README shows is the one in examples/, as it is run below.
  const shown = /```js\n(import \{\n {2}AdminCreateUserCommand[\s\S]*?)```/.exec(README)![1]!;
  const file = readFileSync(join(ROOT, 'examples/quickstart.mjs'), 'utf8');
  assert.equal(file.replace(/^(\/\/.*\n)+/, ''), shown);
});

describe('the README quick start and the banner, pasted into a clean shell', () => {
  let work: string;
  let home: string;
  let port: number;
  let server: { child: ChildProcess; banner: () => string } | undefined;
  const blocks = quickstartBlocks();
  const local = (text: string) => text.replaceAll('127.0.0.1:9229', `127.0.0.1:${port}`);

  before(async () => {
    work = mkdtempSync(join(tmpdir(), 'cognate-quickstart-'));
    home = mkdtempSync(join(tmpdir(), 'cognate-home-'));
    port = await freePort();
    const seed = blocks.find((b) => b.marker === 'file seed.json')!;
    writeFileSync(join(work, 'seed.json'), seed.body);
    const command = blocks.find((b) => b.marker === 'server')!.body.trim();
    assert.equal(command, 'npm start -- --config seed.json');
    const here = command.replace(/^npm start -- /, `node --import ${TSX} ${join(ROOT, 'src/cli.ts')} serve `);
    server = await startServer(`${here} --port ${port} --log-level warn`, work, home);
  });

  after(async () => {
    await stop(server?.child);
    rmSync(work, { recursive: true, force: true });
    rmSync(home, { recursive: true, force: true });
  });

  test('the banner names the seeded pool and client, and the messages URL', () => {
    const banner = server!.banner();
    assert.match(banner, new RegExp(`^cognate is listening on http://127\\.0\\.0\\.1:${port}$`, 'm'));
    assert.match(banner, /^ {2}user pool us-east-1_Quickstart1 \(quickstart\)$/m);
    assert.match(banner, /^ {4}app client quickstartclient \(web\)$/m);
    assert.match(banner, new RegExp(`^ {2}messages: http://127\\.0\\.0\\.1:${port}/_cognate/messages `, 'm'));
  });

  test('every command the banner suggests runs as printed', () => {
    const pools = runBannerCommands(server!.banner(), work, home);
    if (pools !== undefined) assert.ok(pools.includes('us-east-1_Quickstart1'));
  });

  test('the sign-in, sign-up, messages and confirmation steps run as written', () => {
    const runs = blocks.filter((b) => b.marker === 'run' || b.marker === 'run with <code>');
    const [cliSignIn, curlSignIn, signUp, readMessages, confirm] = runs.map((b) => local(b.body.trim()));

    const signedIn = runAws(cliSignIn!, work, home);
    if (signedIn !== undefined)
      assert.match((JSON.parse(signedIn) as { AuthenticationResult: { AccessToken: string } }).AuthenticationResult.AccessToken, /^eyJ/);
    const viaCurl = bash(curlSignIn!, work, home);
    assert.equal(viaCurl.status, 0, viaCurl.stderr);
    assert.match((JSON.parse(viaCurl.stdout) as { AuthenticationResult: { IdToken: string } }).AuthenticationResult.IdToken, /^eyJ/);

    const signedUp = runAws(signUp!, work, home);
    if (signedUp !== undefined) assert.equal((JSON.parse(signedUp) as { UserConfirmed: boolean }).UserConfirmed, false);
    if (!hasAwsCli) return;

    // The comment lines show what comes back; the command is the first line.
    const messages = bash(readMessages!.split('\n')[0]!, work, home);
    assert.equal(messages.status, 0, messages.stderr);
    const sent = (JSON.parse(messages.stdout) as { messages: { username: string; code: string; purpose: string }[] }).messages;
    const code = sent.find((m) => m.username === 'bob' && m.purpose === 'signup')!.code;
    assert.match(code, /^\d{6}$/);

    assert.ok(confirm!.includes('<code>'));
    runAws(confirm!.replace('<code>', code), work, home);
    const bob = bash(
      `AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws cognito-idp admin-get-user --user-pool-id us-east-1_Quickstart1 --username bob --endpoint-url http://127.0.0.1:${port} --region us-east-1`,
      work,
      home,
    );
    assert.equal((JSON.parse(bob.stdout) as { UserStatus: string }).UserStatus, 'CONFIRMED');
  });

  test('the SDK script signs a user in', () => {
    // Run where the SDK is installed (this checkout), pointed at the server as the script allows.
    const run = spawnSync('bash', ['-c', 'node examples/quickstart.mjs'], {
      cwd: ROOT,
      env: { ...cleanEnv(home), COGNATE_URL: `http://127.0.0.1:${port}` },
      encoding: 'utf8',
      timeout: 120_000,
    });
    assert.equal(run.status, 0, run.stderr);
    assert.match(run.stdout, /AccessToken: 'eyJ/);
    assert.match(run.stdout, /userPoolId: 'us-east-1_/);
  });
});
