import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { after, before, describe } from 'node:test';
import { CognitoIdentityProviderClient } from '@aws-sdk/client-cognito-identity-provider';
import pg from 'pg';
import { resolveConfig, type ServerConfig } from '../../src/config/schema.ts';
import { type RunningServer, startServer } from '../../src/server.ts';
import type { Clock } from '../../src/services.ts';

export type Backend = 'sqlite' | 'postgres';

export const PG_ADMIN_URL = process.env.COGNATE_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/postgres';

let pgCheck: Promise<string | undefined> | undefined;

/** Resolves undefined when PostgreSQL is reachable, else the reason it is not. */
export function postgresUnavailable(): Promise<string | undefined> {
  pgCheck ??= (async () => {
    const client = new pg.Client({ connectionString: PG_ADMIN_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('select 1');
      return undefined;
    } catch (error) {
      return `PostgreSQL is not reachable at ${new URL(PG_ADMIN_URL).host}: ${(error as Error).message}`;
    } finally {
      await client.end().catch(() => {});
    }
  })();
  return pgCheck;
}

/** A clock tests can move: `clock.advance(ms)`. */
export interface TestClock extends Clock {
  advance(ms: number): void;
}

export function testClock(start = Date.now()): TestClock {
  let offset = 0;
  return { now: () => start + offset + (Date.now() - start), advance: (ms) => (offset += ms) };
}

export interface TestServer extends RunningServer {
  backend: Backend;
  clock: TestClock;
  /** The official SDK client pointed at this server (SigV4 with its admin key, or dummy credentials). */
  sdk: CognitoIdentityProviderClient;
  config: ServerConfig;
  /** The parsed log lines, when started with captureLog. */
  log: Array<Record<string, unknown>>;
}

export interface TestServerOptions {
  flags?: Record<string, string>;
  /**
   * Storage to reuse instead of a fresh one (from {@link createTestStorage}), so a test can stop
   * a server and start another on the same data. The server's close() leaves it in place.
   */
  storage?: TestStorage;
  /** Keep the server's log lines in `log` (give `log-level` in flags to see more than the default). */
  captureLog?: boolean;
}

/** A data folder and, on PostgreSQL, a database, that outlive the servers started on them. */
export interface TestStorage {
  data: string;
  db: string | undefined;
  /** Removes the folder and drops the database. */
  dispose(): Promise<void>;
}

/** Creates a fresh SQLite folder, or a fresh PostgreSQL database, for one or more servers. */
export async function createTestStorage(backend: Backend): Promise<TestStorage> {
  const data = mkdtempSync(join(tmpdir(), 'cognate-test-'));
  let dbUrl: string | undefined;
  let dropDb: (() => Promise<void>) | undefined;
  if (backend === 'postgres') {
    const name = `cognate_t_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: PG_ADMIN_URL });
    await admin.connect();
    await admin.query(`create database ${name}`);
    await admin.end();
    const u = new URL(PG_ADMIN_URL);
    u.pathname = `/${name}`;
    dbUrl = u.toString();
    dropDb = async () => {
      const c = new pg.Client({ connectionString: PG_ADMIN_URL });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    };
  }
  return {
    data,
    db: dbUrl,
    async dispose() {
      rmSync(data, { recursive: true, force: true });
      await dropDb?.();
    },
  };
}

/** The master secret every test server (and cluster process) shares. */
export const TEST_MASTER_SECRET = 'test-master-secret-0123456789abcdef';

/** The admin access key test servers run with under COGNATE_TEST_PRODUCTION=1. */
export const TEST_ADMIN_KEY = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' };

/**
 * The posture flags of a test server: with COGNATE_TEST_PRODUCTION=1 every server runs with
 * --production and {@link TEST_ADMIN_KEY}, so the suite shows production behaves as local mode
 * does; a test that gives `production` itself (`'true'` or `'false'`) keeps its own choice.
 */
export function postureFlags(flags: Record<string, string> = {}): Record<string, string> {
  if (process.env.COGNATE_TEST_PRODUCTION !== '1' || flags.production !== undefined) return {};
  const key = `${TEST_ADMIN_KEY.accessKeyId}:${TEST_ADMIN_KEY.secretAccessKey}`;
  return { production: 'true', ...(flags['admin-credentials-file'] === undefined ? { 'admin-credentials': key } : {}) };
}

/** The key the test SDK signs admin calls with: the server's first --admin-credentials pair, else dummy keys (accepted when none are configured). */
export function adminKeyOf(config: ServerConfig): { accessKeyId: string; secretAccessKey: string } {
  const first = config.adminCredentials?.split(',')[0];
  if (!first) return { accessKeyId: 'AKIDTEST', secretAccessKey: 'test-secret' };
  const i = first.indexOf(':');
  return { accessKeyId: first.slice(0, i), secretAccessKey: first.slice(i + 1) };
}

/** Starts a server on a free port with a fresh SQLite folder or a fresh PostgreSQL database. */
export async function startTestServer(backend: Backend, options: TestServerOptions = {}): Promise<TestServer> {
  const storage = options.storage ?? (await createTestStorage(backend));
  const config = resolveConfig(
    {
      port: '0',
      data: storage.data,
      'log-level': process.env.COGNATE_TEST_LOG ?? 'silent',
      ...(options.flags?.['master-secret-file'] === undefined ? { 'master-secret': TEST_MASTER_SECRET } : {}),
      ...(storage.db ? { db: storage.db } : {}),
      ...postureFlags(options.flags),
      ...options.flags,
    },
    {},
  );
  const clock = testClock();
  const log: Array<Record<string, unknown>> = [];
  const logStream = options.captureLog ? { write: (line: string) => void log.push(JSON.parse(line)) } : undefined;
  const server = await startServer(config, { clock, ...(logStream ? { logStream } : {}) }).catch(async (error: unknown) => {
    if (!options.storage) await storage.dispose();
    throw error;
  });
  const sdk = new CognitoIdentityProviderClient({
    endpoint: server.url,
    region: config.region,
    credentials: adminKeyOf(config),
    maxAttempts: 1,
  });
  // Sign with the server's clock, which tests move on: with --admin-credentials (production) a
  // signature dated by the real clock would be more than 15 minutes off once a test skips hours.
  sdk.middlewareStack.add(
    (next) => async (args) => {
      sdk.config.systemClockOffset = clock.now() - Date.now();
      return next(args);
    },
    { step: 'initialize', name: 'testClockSigning' },
  );
  return {
    ...server,
    backend,
    clock,
    sdk,
    config,
    log,
    async close() {
      sdk.destroy();
      await server.close();
      if (!options.storage) await storage.dispose();
    },
  };
}

// Known before any suite is declared, so that declaring suites needs no await.
const pgReason = await postgresUnavailable();

/**
 * Declares `body` once per storage backend. Under CI (CI=true) PostgreSQL is required; on a
 * machine without it the PostgreSQL suite is skipped with the reason.
 */
export function describeEachBackend(name: string, body: (ctx: { server: () => TestServer; backend: Backend }) => void, options: TestServerOptions = {}): void {
  for (const backend of ['sqlite', 'postgres'] as const) {
    // Synchronous on purpose: node:test attaches tests declared after an `await` inside a
    // describe callback to whichever suite is current then (the first PostgreSQL suite).
    describe(`${name} [${backend}]`, () => {
      if (backend === 'postgres') {
        const reason = pgReason;
        if (reason !== undefined) {
          if (process.env.CI === 'true') throw new Error(`CI requires PostgreSQL: ${reason}`);
          describe('postgres', { skip: reason }, () => {});
          return;
        }
      }
      let server: TestServer | undefined;
      before(async () => {
        server = await startTestServer(backend, options);
      });
      after(async () => {
        await server?.close();
      });
      body({ server: () => server!, backend });
    });
  }
}
