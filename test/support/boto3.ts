import { type ChildProcessWithoutNullStreams, spawn, spawnSync } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rejectsWith } from './sdk.ts';
import { adminKeyOf, type Backend, describeEachBackend, type TestServer, type TestServerOptions } from './server.ts';

// boto3 (the AWS SDK for Python; on Debian the python3-boto3 package) driven from node:test, so
// a second official SDK checks the wire. One python3 process serves a whole suite: the test
// sends it calls one at a time and gets back what a boto3 user would see.
//
//   describeBoto3('boto3: users', ({ server, boto3 }) => {
//     test('…', async () => {
//       const out = await boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'alice' });
//       await boto3RejectsWith(boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'nobody' }), 'UserNotFoundException', 'User does not exist.');
//
// Results are boto3's parsed output as JSON (dates as ISO 8601 strings in UTC, ResponseMetadata
// kept); a ClientError rejects with a Boto3Error, which rejectsWith (./sdk.ts) understands too;
// anything else boto3 raises (its own parameter validation, an answer it cannot parse) rejects
// with a Boto3Failure carrying the Python traceback.

/** The interpreter: COGNATE_TEST_PYTHON, else python3 on the PATH. */
export const PYTHON = process.env.COGNATE_TEST_PYTHON ?? 'python3';
const DRIVER = fileURLToPath(new URL('./boto3_driver.py', import.meta.url));
/** botocore's own read timeout is 30 s; a driver silent for longer is stuck. */
const ANSWER_TIMEOUT_MS = 60_000;

/** The client a call is made with; any member left out is the suite's default. */
export interface Boto3ClientSpec {
  access_key?: string;
  secret_key?: string;
  session_token?: string;
  region?: string;
  /** botocore's client-side parameter validation (on by default, as for users). */
  validate?: boolean;
}

/** A botocore ClientError, shaped so that rejectsWith(promise, Code, Message) checks it. */
export class Boto3Error extends Error {
  /** The error code botocore parsed (also `name`). */
  readonly code: string;
  readonly $metadata: { httpStatusCode: number; requestId?: string };
  readonly headers: Record<string, string>;
  /** The exception class botocore raised: the code for a modeled error, else ClientError. */
  readonly errorClass: string;
  constructor(e: { Code: string; Message: string; HTTPStatusCode: number; RequestId?: string; Headers: Record<string, string>; Class: string }) {
    super(e.Message);
    this.name = e.Code;
    this.code = e.Code;
    this.$metadata = { httpStatusCode: e.HTTPStatusCode, requestId: e.RequestId };
    this.headers = e.Headers;
    this.errorClass = e.Class;
  }
}

/** boto3 raised something other than a ClientError: validation, an unparsable answer, a crash. */
export class Boto3Failure extends Error {
  /** The Python exception class, e.g. ParamValidationError. */
  readonly type: string;
  readonly traceback: string;
  constructor(type: string, message: string, traceback: string) {
    super(`boto3 raised ${type}: ${message}${traceback ? `\n${traceback}` : ''}`);
    this.name = 'Boto3Failure';
    this.type = type;
    this.traceback = traceback;
  }
}

export interface Boto3 {
  /** boto3, botocore and Python versions of the running driver. */
  readonly versions: { boto3: string; botocore: string; python: string };
  /** Calls an operation by boto3's method name (snake_case) with its parameters. */
  call(operation: string, params?: Record<string, unknown>, client?: Boto3ClientSpec): Promise<any>;
  /**
   * Runs Python statements with `vars`, `client`, `boto3` and `secret_hash(username, client_id,
   * client_secret)` in scope; answers the value the code leaves in `result`.
   */
  python(source: string, vars?: Record<string, unknown>, client?: Boto3ClientSpec): Promise<any>;
  close(): Promise<void>;
}

/** Why boto3 cannot be driven here, or undefined when it can. */
export function boto3Unavailable(): string | undefined {
  const probe = spawnSync(PYTHON, ['-c', 'import boto3, botocore'], { encoding: 'utf8', timeout: 30_000, env: childEnv() });
  if (probe.error) return `${PYTHON} cannot be run (${probe.error.message}); install Debian's python3-boto3`;
  if (probe.status !== 0) {
    const last = probe.stderr.trim().split('\n').at(-1) ?? '';
    return `${PYTHON} cannot import boto3 (${last}); install Debian's python3-boto3`;
  }
  return undefined;
}

/** The child's environment: no AWS profile, credentials, endpoint or CA settings of the host's. */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith('AWS_')) env[k] = v;
  const noProxy = ['127.0.0.1', 'localhost', env.NO_PROXY ?? env.no_proxy].filter(Boolean).join(',');
  return {
    ...env,
    AWS_CONFIG_FILE: '/dev/null',
    AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_PROXY: noProxy,
    no_proxy: noProxy,
    PYTHONUNBUFFERED: '1',
    PYTHONIOENCODING: 'utf-8',
    PYTHONDONTWRITEBYTECODE: '1',
  };
}

interface Answer {
  id: number;
  result?: unknown;
  error?: ConstructorParameters<typeof Boto3Error>[0];
  failure?: { Type: string; Message: string; Traceback: string };
}

/** Starts the driver against `server` (its URL, region us-east-1, the server's credentials). */
export async function startBoto3(server: TestServer): Promise<Boto3> {
  const { accessKeyId, secretAccessKey } = adminKeyOf(server.config);
  const child: ChildProcessWithoutNullStreams = spawn(PYTHON, [DRIVER, server.url, accessKeyId, secretAccessKey], { env: childEnv() });
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-8000);
  });
  const pending = new Map<number, { resolve: (a: Answer) => void; reject: (e: Error) => void; timer: NodeJS.Timeout }>();
  let nextId = 1;
  let exited: Error | undefined;
  let hello: ((line: string) => void) | undefined;
  const lines = createInterface({ input: child.stdout });
  lines.on('line', (line) => {
    if (hello) {
      const h = hello;
      hello = undefined;
      h(line);
      return;
    }
    let answer: Answer;
    try {
      answer = JSON.parse(line) as Answer;
    } catch {
      stderr = `${stderr}${line}\n`.slice(-8000); // not an answer: kept for the error report
      return;
    }
    const p = pending.get(answer.id);
    pending.delete(answer.id);
    if (p) clearTimeout(p.timer);
    p?.resolve(answer);
  });
  let ended: () => void = () => {};
  const closed = new Promise<void>((resolve) => {
    ended = resolve;
  });
  const finish = (why: string) => {
    exited ??= new Error(`the boto3 driver ${why}${stderr ? `:\n${stderr}` : ''}`);
    for (const p of pending.values()) {
      clearTimeout(p.timer);
      p.reject(exited);
    }
    pending.clear();
    hello?.('');
    ended();
  };
  child.on('close', (code, signal) => finish(`exited (${signal ?? code})`));
  child.on('error', (error) => finish(`could not run ${PYTHON}: ${error.message}`));

  const versions = await new Promise<Boto3['versions']>((resolve, reject) => {
    hello = (line) => {
      try {
        const h = JSON.parse(line) as { ready: boolean } & Boto3['versions'];
        resolve({ boto3: h.boto3, botocore: h.botocore, python: h.python });
      } catch {
        reject(new Error(`the boto3 driver did not start: ${line || stderr}`));
      }
    };
  });

  async function send(request: Record<string, unknown>): Promise<unknown> {
    if (exited) throw exited;
    const id = nextId++;
    const answer = await new Promise<Answer>((resolve, reject) => {
      const timer = setTimeout(() => {
        pending.delete(id);
        reject(new Error(`the boto3 driver did not answer within ${ANSWER_TIMEOUT_MS / 1000} s: ${JSON.stringify(request).slice(0, 200)}`));
      }, ANSWER_TIMEOUT_MS);
      pending.set(id, { resolve, reject, timer });
      child.stdin.write(`${JSON.stringify({ id, ...request })}\n`);
    });
    if (answer.error) throw new Boto3Error(answer.error);
    if (answer.failure) throw new Boto3Failure(answer.failure.Type, answer.failure.Message, answer.failure.Traceback);
    return answer.result;
  }

  return {
    versions,
    call: (operation, params = {}, client) => send({ call: operation, params, client }),
    python: (source, vars = {}, client) => send({ python: source, vars, client }),
    async close() {
      if (!exited) child.stdin.end();
      await closed;
    },
  };
}

// Known before any suite is declared, as server.ts does for PostgreSQL.
const unavailable = boto3Unavailable();

/**
 * describeEachBackend with a boto3 driver per suite: `boto3()` is bound to that suite's server.
 * Without python3 and boto3 the suites fail under CI=true and are skipped, with the reason, elsewhere.
 */
export function describeBoto3(
  name: string,
  body: (ctx: { server: () => TestServer; boto3: () => Boto3; backend: Backend }) => void,
  options: TestServerOptions = {},
): void {
  if (unavailable !== undefined) {
    if (process.env.CI === 'true') {
      describe(name, () => {
        test('boto3 is installed', () => {
          throw new Error(`CI requires boto3: ${unavailable}`);
        });
      });
    } else {
      describe(name, { skip: unavailable }, () => {});
    }
    return;
  }
  describeEachBackend(
    name,
    ({ server, backend }) => {
      let driver: Boto3 | undefined;
      before(async () => {
        driver = await startBoto3(server());
      });
      after(async () => {
        await driver?.close();
      });
      body({ server, boto3: () => driver!, backend });
    },
    options,
  );
}

/**
 * rejectsWith for boto3: the call fails with a ClientError of this code (and message), and
 * botocore raises its modeled exception class for it (client.exceptions.<Code>), as a Python
 * `except` clause expects, unless `modeled` is false (errors outside the cognito-idp model).
 */
export async function boto3RejectsWith(promise: Promise<unknown>, code: string, message?: string | RegExp, modeled = true): Promise<Boto3Error> {
  const e = await rejectsWith(promise, code, message);
  assert.ok(e instanceof Boto3Error, `expected a botocore ClientError, got ${e}`);
  assert.equal(e.errorClass, modeled ? code : 'ClientError', `botocore raised ${e.errorClass} for ${code}`);
  return e;
}

/**
 * Asserts that boto3's view of a value is the JavaScript SDK's: every member boto3 parsed has the
 * same value there (dates compared as instants), and boto3 parsed at least the members `required`
 * names. Members a botocore model is too old to know are dropped by botocore and not compared.
 */
export function assertSameAsJs(boto: unknown, js: unknown, required: string[] = [], path = '$'): void {
  if (js instanceof Date) {
    assert.equal(typeof boto, 'string', `${path}: boto3 gave ${JSON.stringify(boto)} for a date`);
    const t = Date.parse(boto as string);
    assert.ok(Math.abs(t - js.getTime()) < 1, `${path}: boto3 ${boto as string}, JS SDK ${js.toISOString()}`);
    return;
  }
  if (Array.isArray(js)) {
    assert.ok(Array.isArray(boto), `${path}: boto3 gave ${JSON.stringify(boto)} for a list`);
    assert.equal(boto.length, js.length, `${path}: list lengths`);
    js.forEach((v, i) => {
      assertSameAsJs((boto as unknown[])[i], v, [], `${path}[${i}]`);
    });
    return;
  }
  if (js !== null && typeof js === 'object') {
    assert.ok(boto !== null && typeof boto === 'object' && !Array.isArray(boto), `${path}: boto3 gave ${JSON.stringify(boto)} for a structure`);
    const b = boto as Record<string, unknown>;
    const j = js as Record<string, unknown>;
    for (const key of required) assert.ok(key in b, `${path}.${key}: boto3 did not parse it`);
    for (const key of Object.keys(b)) {
      if (path === '$' && key === 'ResponseMetadata') continue;
      assert.ok(key in j, `${path}.${key}: boto3 has it, the JS SDK does not`);
      assertSameAsJs(b[key], j[key], [], `${path}.${key}`);
    }
    return;
  }
  assert.deepEqual(boto, js, `${path}: boto3 ${JSON.stringify(boto)}, JS SDK ${JSON.stringify(js)}`);
}
