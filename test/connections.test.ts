import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { startTestServer } from './support/server.ts';

// A client cannot hold a connection, or a shutdown, for ever: headers, whole requests and idle
// kept-alive connections have deadlines, and SIGTERM finishes the requests under way, then cuts
// what is left after --shutdown-timeout.

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const folders: string[] = [];
after(() => {
  for (const f of folders) rmSync(f, { recursive: true, force: true });
});

const LIST_POOLS_HEADERS = (host: string, length: number, keepAlive = true) =>
  'POST / HTTP/1.1\r\n' +
  `Host: ${host}\r\n` +
  'Content-Type: application/x-amz-json-1.1\r\n' +
  'X-Amz-Target: AWSCognitoIdentityProviderService.ListUserPools\r\n' +
  'Authorization: AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date;x-amz-target, Signature=00\r\n' +
  `Content-Length: ${length}\r\n` +
  (keepAlive ? '' : 'Connection: close\r\n') +
  '\r\n';
const BODY = '{"MaxResults":10}';

/** A raw TCP client: what it received, and when the server closed it (ms after it connected). */
interface Raw {
  socket: Socket;
  received: () => string;
  /** Resolves the milliseconds from connect to the server ending the connection. */
  closed: Promise<number>;
}

async function rawSocket(url: string): Promise<Raw> {
  const u = new URL(url);
  const socket = connect(Number(u.port), u.hostname);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', resolve);
    socket.once('error', reject);
  });
  const start = Date.now();
  let data = '';
  socket.on('data', (chunk) => (data += chunk.toString('utf8')));
  socket.on('error', () => {});
  const closed = new Promise<number>((resolve) => socket.once('close', () => resolve(Date.now() - start)));
  return { socket, received: () => data, closed };
}

/** Fails when `promise` has not settled within `ms`. */
async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what}: still waiting after ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

describe('deadlines on requests and connections', () => {
  test('a body that never completes is answered 408 RequestTimeoutException and closed after --request-timeout; so are unfinished headers and a silent connection', async () => {
    const server = await startTestServer('sqlite', { flags: { 'request-timeout': '2' } });
    try {
      const host = new URL(server.url).host;
      const body = await rawSocket(server.url);
      body.socket.write(`${LIST_POOLS_HEADERS(host, BODY.length)}{"MaxRes`);
      const headers = await rawSocket(server.url);
      headers.socket.write('POST / HTTP/1.1\r\nHost: x\r\nX-Amz-Tar');
      const silent = await rawSocket(server.url);
      const [bodyMs, headersMs, silentMs] = await within(Promise.all([body.closed, headers.closed, silent.closed]), 20_000, 'unfinished requests');
      for (const [raw, ms, what] of [
        [body, bodyMs, 'half a body'],
        [headers, headersMs, 'half the headers'],
        [silent, silentMs, 'not a byte'],
      ] as const) {
        // Checked every second; the upper bound leaves room for a loaded machine.
        assert.ok(ms >= 1900 && ms < 10_000, `${what} closed after ${ms} ms`);
        assert.match(raw.received(), /^HTTP\/1\.1 408 Request Timeout\r\n/, what);
        assert.match(raw.received(), /x-amzn-ErrorType: RequestTimeoutException:/, what);
        assert.deepEqual(JSON.parse(raw.received().split('\r\n\r\n')[1]!), {
          __type: 'RequestTimeoutException',
          message: 'The request was not received completely within the timeout period.',
        });
      }
    } finally {
      await server.close();
    }
  });

  test('an idle kept-alive connection is closed after --keep-alive-timeout, which the answer announces; 65 seconds by default', async () => {
    const server = await startTestServer('sqlite', { flags: { 'keep-alive-timeout': '2' } });
    try {
      const raw = await rawSocket(server.url);
      raw.socket.write(`${LIST_POOLS_HEADERS(new URL(server.url).host, BODY.length)}${BODY}`);
      const ms = await within(raw.closed, 20_000, 'idle connection');
      assert.match(raw.received(), /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(raw.received(), /\r\nKeep-Alive: timeout=2\r\n/i);
      assert.ok(ms >= 1900 && ms < 10_000, `closed after ${ms} ms`);
    } finally {
      await server.close();
    }
    // Longer than the 60-second idle timeout of most load balancers and client agents, so that an
    // idle connection is closed by them and never by the server under a request they just sent.
    const defaults = await startTestServer('sqlite');
    try {
      const raw = await rawSocket(defaults.url);
      raw.socket.write(`${LIST_POOLS_HEADERS(new URL(defaults.url).host, BODY.length)}${BODY}`);
      await new Promise((resolve) => setTimeout(resolve, 3000));
      assert.match(raw.received(), /^HTTP\/1\.1 200 OK\r\n/);
      assert.match(raw.received(), /\r\nKeep-Alive: timeout=65\r\n/i);
      assert.equal(raw.socket.destroyed, false, 'the connection is still open after 3 seconds idle');
      raw.socket.destroy();
    } finally {
      await defaults.close();
    }
  });
});

/** `cognate serve` in a child process; resolves once it prints the URL it listens on. */
async function serve(flags: string[]): Promise<{ child: ChildProcess; url: string; output: () => string }> {
  const data = mkdtempSync(join(tmpdir(), 'cognate-shutdown-'));
  folders.push(data);
  const args = ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--data', data, '--master-secret', 'test-master-secret-0123456789abcdef'];
  const child = spawn(process.execPath, [...args, '--crypto-threads', '0', ...flags], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /cognate is listening on (http:\/\/\S+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited (${code}):\n${output}`));
    });
  });
  return { child, url, output: () => output };
}

describe('SIGTERM', () => {
  test('finishes a request under way, then exits within --shutdown-timeout although a client never finishes its request', async () => {
    const { child, url, output } = await serve(['--shutdown-timeout', '2', '--log-level', 'info']);
    try {
      const host = new URL(url).host;
      // A client that sends half a body and then nothing: the request deadline (30 s) is far off.
      const stalled = await rawSocket(url);
      stalled.socket.write(`${LIST_POOLS_HEADERS(host, 100)}{"MaxRes`);
      // A client that opened a connection and never sent a byte.
      const silent = await rawSocket(url);
      // A normal request under way when the signal comes: its body is still being sent.
      const inFlight = await rawSocket(url);
      inFlight.socket.write(`${LIST_POOLS_HEADERS(host, BODY.length)}${BODY.slice(0, 5)}`);
      await new Promise((resolve) => setTimeout(resolve, 300));

      const signalled = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      await new Promise((resolve) => setTimeout(resolve, 300));
      inFlight.socket.write(BODY.slice(5));

      await within(inFlight.closed, 10_000, 'the request under way');
      const answer = inFlight.received();
      assert.match(answer, /^HTTP\/1\.1 200 OK\r\n/, answer);
      assert.match(answer, /\r\nconnection: close\r\n/i, 'not kept alive while draining');
      assert.deepEqual(JSON.parse(answer.split('\r\n\r\n')[1]!), { UserPools: [] });

      // The drain deadline (2 s) and a margin for a loaded machine; without deadlines it never exits.
      const code = await within(exited, 2_000 + 8_000, 'process exit');
      const took = Date.now() - signalled;
      assert.equal(code, 0, output());
      assert.ok(took >= 1_900, `waited for the drain deadline before cutting the stalled client (${took} ms)`);
      assert.match(output(), /shutting down/);
      await within(Promise.all([stalled.closed, silent.closed]), 2_000, 'left-over connections closed');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  test('with nothing under way it exits at once', async () => {
    const { child } = await serve(['--shutdown-timeout', '30', '--log-level', 'warn']);
    try {
      const signalled = Date.now();
      const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
      child.kill('SIGTERM');
      assert.equal(await within(exited, 10_000, 'process exit'), 0);
      assert.ok(Date.now() - signalled < 10_000, 'well before the 30 s drain deadline');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });
});
