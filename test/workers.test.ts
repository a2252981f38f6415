import assert from 'node:assert/strict';
import { request } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, test } from 'node:test';
import { type Child, startChild, stopChild } from './support/cluster.ts';
import { parseMetrics, sampleValue } from './support/metrics.ts';
import { createTestStorage, postgresUnavailable, type TestStorage } from './support/server.ts';

// `cognate serve --workers 2`: two server processes on one port and one database. Each call here
// opens its own connection (no keep-alive), so the cluster's round robin spreads them.

interface Answer {
  status: number;
  worker: string | undefined;
  text: string;
  json: any;
}

function call(url: string, path: string, init: { method?: string; target?: string; body?: unknown } = {}): Promise<Answer> {
  const body = init.body === undefined ? undefined : JSON.stringify(init.body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}${path}`,
      {
        method: init.method ?? 'GET',
        agent: false,
        headers: {
          connection: 'close',
          ...(init.target
            ? {
                'content-type': 'application/x-amz-json-1.1',
                'x-amz-target': `AWSCognitoIdentityProviderService.${init.target}`,
                // A stand-in signature: without --admin-credentials any is accepted.
                authorization: 'AWS4-HMAC-SHA256 Credential=AKIDTEST/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host, Signature=00',
              }
            : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => {
          let json: any;
          try {
            json = JSON.parse(text);
          } catch {
            json = undefined;
          }
          const worker = res.headers['x-cognate-worker'];
          resolve({ status: res.statusCode ?? 0, worker: typeof worker === 'string' ? worker : undefined, text, json });
        });
      },
    );
    req.on('error', reject);
    req.setTimeout(15_000, () => req.destroy(new Error(`no answer to ${path} within 15 s`)));
    req.end(body);
  });
}

const api = (url: string, target: string, body: unknown) => call(url, '/', { method: 'POST', target, body });

const pgReason = await postgresUnavailable();

for (const backend of ['sqlite', 'postgres'] as const) {
  describe(`--workers 2 [${backend}]`, () => {
    if (backend === 'postgres' && pgReason !== undefined) {
      if (process.env.CI === 'true') throw new Error(`CI requires PostgreSQL: ${pgReason}`);
      describe('postgres', { skip: pgReason }, () => {});
      return;
    }
    let storage: TestStorage | undefined;
    let child: Child | undefined;
    before(async () => {
      storage = await createTestStorage(backend);
      child = await startChild(storage, { workers: '2' });
    });
    after(async () => {
      if (child) await stopChild(child);
      await storage?.dispose();
    });

    test('two worker processes answer on one port', async () => {
      assert.match(child!.output, /workers: 2 \(pids \d+, \d+\)/);
      const pids = /workers: 2 \(pids (\d+), (\d+)\)/.exec(child!.output)!.slice(1);
      assert.notEqual(pids[0], pids[1]);
      const seen = new Set<string>();
      for (let i = 0; i < 10 && seen.size < 2; i++) {
        const res = await call(child!.url, '/ready');
        assert.equal(res.status, 200);
        assert.deepEqual(res.json, { status: 'ready', database: backend });
        if (res.worker) seen.add(res.worker);
      }
      assert.deepEqual([...seen].sort(), ['1', '2']);
    });

    test("a sign-in's session started on one worker is answered on the other", async () => {
      const url = child!.url;
      const pool = await api(url, 'CreateUserPool', { PoolName: 'workers' });
      assert.equal(pool.status, 200, pool.text);
      const poolId = pool.json.UserPool.Id as string;
      const client = await api(url, 'CreateUserPoolClient', {
        UserPoolId: poolId,
        ClientName: 'app',
        ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'],
      });
      const clientId = client.json.UserPoolClient.ClientId as string;
      let crossed = 0;
      for (let i = 0; i < 8 && crossed < 2; i++) {
        const username = `user${i}`;
        const created = await api(url, 'AdminCreateUser', {
          UserPoolId: poolId,
          Username: username,
          TemporaryPassword: 'Temp-Passw0rd!',
          MessageAction: 'SUPPRESS',
        });
        assert.equal(created.status, 200, created.text);
        const started = await api(url, 'InitiateAuth', {
          AuthFlow: 'USER_PASSWORD_AUTH',
          ClientId: clientId,
          AuthParameters: { USERNAME: username, PASSWORD: 'Temp-Passw0rd!' },
        });
        assert.equal(started.json.ChallengeName, 'NEW_PASSWORD_REQUIRED');
        const answered = await api(url, 'RespondToAuthChallenge', {
          ClientId: clientId,
          ChallengeName: 'NEW_PASSWORD_REQUIRED',
          Session: started.json.Session,
          ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'New-Passw0rd-1!' },
        });
        assert.equal(answered.status, 200, answered.text);
        assert.ok(answered.json.AuthenticationResult.AccessToken, 'signed in');
        if (started.worker !== answered.worker) crossed++;
      }
      assert.ok(crossed >= 1, 'some sessions were answered by the other worker');
    });

    test('/metrics sums the requests of both workers', async () => {
      const count = (text: string) => sampleValue(parseMetrics(text), 'cognate_requests_total', { operation: 'GET /health', outcome: 'ok' });
      const before = count((await call(child!.url, '/metrics')).text);
      const byWorker: Record<string, number> = {};
      for (let i = 0; i < 6; i++) {
        const res = await call(child!.url, '/health');
        assert.equal(res.status, 200);
        byWorker[res.worker!] = (byWorker[res.worker!] ?? 0) + 1;
      }
      assert.equal(Object.keys(byWorker).length, 2, 'both workers answered');
      for (let i = 0; i < 2; i++) {
        // Asked of either worker, the sum is the same: every worker's six requests.
        const res = await call(child!.url, '/metrics');
        assert.equal(res.status, 200);
        assert.equal(count(res.text) - before, 6);
      }
    });

    test('a worker that dies is replaced; the other answers meanwhile', async () => {
      const pid = Number(/workers: 2 \(pids (\d+), \d+\)/.exec(child!.output)![1]);
      process.kill(pid, 'SIGKILL');
      // A connection handed to the worker at the instant it dies is lost with it (as with any
      // crashed process); once the primary has seen the exit, every request is answered.
      for (let i = 0; i < 300 && !child!.output.includes(`(pid ${pid}) exited (SIGKILL); starting another`); i++) await sleep(100);
      assert.match(child!.output, /exited \(SIGKILL\); starting another/);
      const seen = new Set<string>();
      const deadline = Date.now() + 60_000;
      while (!seen.has('3') && Date.now() < deadline) {
        const res = await call(child!.url, '/ready');
        assert.equal(res.status, 200, 'answered while a worker is down');
        seen.add(res.worker!);
        await sleep(100);
      }
      assert.ok(seen.has('2'), 'the other worker answered meanwhile');
      assert.ok(seen.has('3'), 'a third worker took the place of the one that died');
    });
  });
}
