import assert from 'node:assert/strict';
import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import { after, before, describe } from 'node:test';
import { options } from '../../src/config/schema.ts';
import {
  adminKeyOf,
  type Backend,
  createTestStorage,
  postgresUnavailable,
  postureFlags,
  startTestServer,
  TEST_MASTER_SECRET,
  type TestServer,
  type TestStorage,
} from './server.ts';

/**
 * Several server processes on one database, as in production behind a load balancer: the test's
 * own in-process server (for setting things up and reading state) plus child processes started
 * with the CLI on the same SQLite folder or PostgreSQL database and master secret. Race tests
 * spread their concurrent requests over all of them.
 */
export interface Cluster {
  /** The in-process server: its SDK, services and stores are the test's tools. */
  server: TestServer;
  /** Every process's URL, the in-process one first. */
  urls: string[];
  /** An SDK client per process, in the order of `urls`. */
  sdks: CognitoIdentityProviderClient[];
  /** The SDK client for the i-th of many concurrent requests (round robin over the processes). */
  sdkFor(i: number): CognitoIdentityProviderClient;
}

const switches = new Set(options.filter((o) => o.kind === 'switch').map((o) => o.flag));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface Child {
  process: ChildProcess;
  url: string;
  /** What it has printed on standard output and error so far. */
  readonly output: string;
}

/**
 * Starts `cognate serve` in a child process on `storage` and waits for the URL it prints (with
 * `workers` in `flags`, once every worker listens).
 */
export async function startChild(storage: TestStorage, flags: Record<string, string>): Promise<Child> {
  const args = ['--import', 'tsx', 'src/cli.ts', 'serve', '--port', '0', '--data', storage.data, '--master-secret', TEST_MASTER_SECRET, '--log-level', 'warn'];
  if (storage.db) args.push('--db', storage.db);
  for (const [flag, value] of Object.entries({ ...postureFlags(flags), ...flags })) {
    // A switch (--production, --tls) takes no value on the command line.
    if (switches.has(flag)) {
      if (/^(true|1|yes|on)$/i.test(value)) args.push(`--${flag}`);
    } else args.push(`--${flag}`, value);
  }
  const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '' } });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server process did not start:\n${output}`)), 60_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /cognate is listening on (http:\/\/\S+)/.exec(output);
      // The banner's last line (src/banner.ts): with --workers, the workers' line comes before it.
      if (m && /\nClients take the endpoint [^\n]*\n/.test(output)) {
        clearTimeout(timer);
        resolve(m[1]!);
      }
    };
    child.stdout!.on('data', read);
    child.stderr!.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server process exited (${code}):\n${output}`));
    });
  });
  return {
    process: child,
    url,
    get output() {
      return output;
    },
  };
}

export async function stopChild(child: Child): Promise<void> {
  if (child.process.exitCode !== null) return;
  const exited = once(child.process, 'exit');
  child.process.kill('SIGTERM');
  const timer = setTimeout(() => child.process.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

const pgReason = await postgresUnavailable();

/**
 * Declares `body` once per storage backend with a cluster of `processes` server processes (the
 * in-process one included). Under CI PostgreSQL is required.
 */
export function describeCluster(
  name: string,
  body: (ctx: { cluster: () => Cluster; backend: Backend }) => void,
  options: { processes?: number; flags?: Record<string, string>; childWorkers?: number } = {},
): void {
  const processes = options.processes ?? 2;
  // Each child process may itself be a cluster of --workers (COGNATE_TEST_CHILD_WORKERS sets it for every race test).
  const childWorkers = options.childWorkers ?? Number(process.env.COGNATE_TEST_CHILD_WORKERS ?? 1);
  const childFlags: Record<string, string> = childWorkers > 1 ? { workers: String(childWorkers) } : {};
  // One public URL for all, as behind a load balancer: tokens name it as their issuer, and every
  // process accepts only access tokens whose issuer is its own.
  const flags = { 'public-url': 'http://cognate.cluster.test', ...options.flags };
  for (const backend of ['sqlite', 'postgres'] as const) {
    describe(`${name} [${backend}, ${processes} processes${childWorkers > 1 ? `, children with --workers ${childWorkers}` : ''}]`, () => {
      if (backend === 'postgres' && pgReason !== undefined) {
        if (process.env.CI === 'true') throw new Error(`CI requires PostgreSQL: ${pgReason}`);
        describe('postgres', { skip: pgReason }, () => {});
        return;
      }
      let storage: TestStorage | undefined;
      let server: TestServer | undefined;
      const children: Child[] = [];
      let cluster: Cluster | undefined;
      before(async () => {
        storage = await createTestStorage(backend);
        server = await startTestServer(backend, { storage, flags });
        for (let i = 1; i < processes; i++) children.push(await startChild(storage, { ...flags, ...childFlags }));
        const urls = [server.url, ...children.map((c) => c.url)];
        const sdks = [
          server.sdk,
          ...children.map(
            (c) =>
              new CognitoIdentityProviderClient({
                endpoint: c.url,
                region: server!.config.region,
                credentials: adminKeyOf(server!.config),
                maxAttempts: 1,
              }),
          ),
        ];
        cluster = { server, urls, sdks, sdkFor: (i) => sdks[i % sdks.length]! };
      });
      after(async () => {
        for (const sdk of cluster?.sdks.slice(1) ?? []) sdk.destroy();
        await Promise.all(children.map(stopChild));
        await server?.close();
        await storage?.dispose();
      });
      body({ cluster: () => cluster!, backend });
    });
  }
}

/** Settles every promise and counts fulfilled ones and rejections by error name (and message). */
export async function tally(promises: Promise<unknown>[]): Promise<{ ok: number; errors: Record<string, number>; values: unknown[] }> {
  const results = await Promise.allSettled(promises);
  const errors: Record<string, number> = {};
  const values: unknown[] = [];
  let ok = 0;
  for (const r of results) {
    if (r.status === 'fulfilled') {
      ok++;
      values.push(r.value);
    } else {
      const e = r.reason as Error;
      const key = `${e.name}: ${e.message}`;
      errors[key] = (errors[key] ?? 0) + 1;
    }
  }
  return { ok, errors, values };
}

/** Asserts the tally saw exactly these outcomes. */
export function assertTally(t: { ok: number; errors: Record<string, number> }, expected: { ok: number; errors: Record<string, number> }, what: string) {
  assert.deepEqual({ ok: t.ok, errors: t.errors }, expected, what);
}
