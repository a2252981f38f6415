import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminCreateUserCommand, AdminSetUserPasswordCommand, GetUserCommand, InitiateAuthCommand } from '@aws-sdk/client-cognito-identity-provider';
import { CognitoJwtVerifier } from 'aws-jwt-verify';
import { SimpleJwksCache } from 'aws-jwt-verify/jwk';
import { runHousekeeping } from '../src/housekeeping.ts';
import { KEY_CACHE_MS } from '../src/tokens/keys.ts';
import { rotatePoolKeys } from '../src/tokens/key-rotation.ts';
import { passwordAuth, type SignInSetup, signInSetup } from './support/auth.ts';
import { runCli } from './support/cli.ts';
import { describeCluster } from './support/cluster.ts';
import { createTestStorage, describeEachBackend, startTestServer, type TestServer } from './support/server.ts';

/**
 * Signing key rotation as a token verifier sees it: aws-jwt-verify's CognitoJwtVerifier, its
 * JWKS cache fetching this server's JWKS (as it would fetch Cognito's), verifies tokens signed
 * before, during and after a rotation; the new kid signs only after the activation delay; the
 * old keys stay published until their tokens have expired.
 */

type Tokens = { IdToken?: string; AccessToken?: string };

const kidOf = (jwt: string): string => JSON.parse(Buffer.from(jwt.split('.')[0]!, 'base64url').toString('utf8')).kid;

async function jwksKids(server: TestServer, poolId: string): Promise<string[]> {
  const res = await fetch(`${server.url}/${poolId}/.well-known/jwks.json`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { keys: { kid: string }[] }).keys.map((k) => k.kid).sort();
}

/** A CognitoJwtVerifier whose JWKS cache fetches the server's JWKS; counts its fetches. */
function verifierFor(server: TestServer, s: SignInSetup) {
  const counter = { fetches: 0 };
  const uri = `${server.url}/${s.poolId}/.well-known/jwks.json`;
  const jwksCache = new SimpleJwksCache({
    fetcher: {
      fetch: async () => {
        counter.fetches++;
        return (await (await fetch(uri)).arrayBuffer()) as ArrayBuffer;
      },
    },
  });
  const verifier = CognitoJwtVerifier.create({ userPoolId: s.poolId, clientId: s.client.clientId, tokenUse: null }, { jwksCache });
  return {
    counter,
    /** Verifies both tokens; resolves their kids. */
    async both(t: Tokens): Promise<{ id: string; access: string }> {
      const id = (await verifier.verify(t.IdToken!)) as Record<string, unknown>;
      const access = (await verifier.verify(t.AccessToken!)) as Record<string, unknown>;
      assert.equal(id.token_use, 'id');
      assert.equal(access.token_use, 'access');
      return { id: kidOf(t.IdToken!), access: kidOf(t.AccessToken!) };
    },
  };
}

const signIn = async (server: TestServer, s: SignInSetup) => (await passwordAuth(server, s, s.username, s.password)).AuthenticationResult!;

const storageOf = (server: TestServer) => ({ data: server.config.data, db: server.config.db });

describeEachBackend(
  'signing key rotation',
  ({ server }) => {
    test('cognate keys rotate publishes new keys at once; servers sign with them after the delay; tokens of both verify', async () => {
      const s = await signInSetup(server());
      const verify = verifierFor(server(), s);
      const before = await signIn(server(), s);
      const old = await verify.both(before);
      assert.deepEqual(await jwksKids(server(), s.poolId), [old.id, old.access].sort());

      const run = await runCli(['keys', 'rotate', '--pool', s.poolId, '--key-activation-delay', '60'], storageOf(server()));
      assert.equal(run.status, 0, run.stderr);
      const m = /new id key (\S+), access key (\S+): published now, signing from (\S+);/.exec(run.stdout);
      assert.ok(m, run.stdout);
      const fresh = { id: m[1]!, access: m[2]! };
      assert.notEqual(fresh.id, old.id);
      assert.notEqual(fresh.access, old.access);

      // Published at once (read from the database by the running server)…
      assert.deepEqual(await jwksKids(server(), s.poolId), [old.id, old.access, fresh.id, fresh.access].sort());
      const listed = await runCli(['keys', 'list', '--pool', s.poolId], storageOf(server()));
      assert.equal(listed.status, 0, listed.stderr);
      const line = (kid: string) => listed.stdout.split('\n').find((l) => l.includes(kid)) ?? '';
      assert.match(line(old.id), /signing since/);
      assert.match(line(fresh.access), /pending: signing from/);

      // …but not signed with before the delay, even once the running server has reread its keys.
      server().clock.advance(KEY_CACHE_MS + 1_000);
      const during = await signIn(server(), s);
      assert.deepEqual(await verify.both(during), old);

      server().clock.advance(60_000);
      const after = await signIn(server(), s);
      assert.deepEqual(await verify.both(after), fresh);
      // The verifier met an unknown kid once and fetched the JWKS again.
      assert.equal(verify.counter.fetches, 2);

      // Tokens from before the rotation still verify, with aws-jwt-verify and with the server.
      assert.deepEqual(await verify.both(before), old);
      for (const t of [before, after]) {
        const user = await server().sdk.send(new GetUserCommand({ AccessToken: t.AccessToken! }));
        assert.equal(user.Username, s.username);
      }

      const later = await runCli(['keys', 'list', '--pool', s.poolId], storageOf(server()));
      // (The CLI's clock is the real one, behind the test clock: the new keys are pending there still.)
      assert.match(later.stdout.split('\n').find((l) => l.includes(old.access)) ?? '', /signing since \S+ until \S+, then published until at least \S+/);
    });

    test('housekeeping keeps retired keys until every token they signed has expired, then drops them', async () => {
      // Access tokens of 2 hours: the longest lifetime among the pool's clients decides.
      const s = await signInSetup(server(), { client: { AccessTokenValidity: 2, TokenValidityUnits: { AccessToken: 'hours' } } });
      const verify = verifierFor(server(), s);
      const old = await verify.both(await signIn(server(), s));
      const rotation = (await rotatePoolKeys(server().services, s.poolId, { activationDelayMs: 30_000 }))!;
      assert.ok(rotation);
      assert.ok(rotation.dropAfter >= rotation.activatesAt + 2 * 3_600_000);

      server().clock.advance(30_000 + 2 * 3_600_000 - 60_000);
      const last = await signIn(server(), s);
      assert.deepEqual(await verify.both(last), { id: rotation.kids.id!, access: rotation.kids.access! });
      await runHousekeeping(server().services);
      assert.equal((await jwksKids(server(), s.poolId)).length, 4, 'kept while a token of the old key may be valid');

      server().clock.advance(5 * 60_000);
      await runHousekeeping(server().services);
      assert.deepEqual(await jwksKids(server(), s.poolId), [rotation.kids.id!, rotation.kids.access!].sort());
      assert.ok(!(await jwksKids(server(), s.poolId)).includes(old.id));
      const user = await server().sdk.send(new GetUserCommand({ AccessToken: last.AccessToken! }));
      assert.equal(user.Username, s.username);
    });

    test('40 sign-ins in parallel while the keys rotate (no delay): every token verifies', async () => {
      const s = await signInSetup(server());
      // Ten users, four sign-ins each: concurrent attempts of one user count against its lockout budget.
      const users = Array.from({ length: 10 }, (_, i) => `user${i}`);
      for (const username of users) {
        await server().sdk.send(new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: username, MessageAction: 'SUPPRESS' }));
        await server().sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: s.poolId, Username: username, Password: s.password, Permanent: true }));
      }
      const verify = verifierFor(server(), s);
      const old = await verify.both(await signIn(server(), s));
      const load = Array.from({ length: 40 }, (_, i) =>
        // A few start once the rotation is under way.
        new Promise((r) => setTimeout(r, i < 30 ? 0 : 200)).then(
          async () => (await passwordAuth(server(), s, users[i % users.length]!, s.password)).AuthenticationResult!,
        ),
      );
      const [rotation, ...results] = await Promise.all([rotatePoolKeys(server().services, s.poolId, { activationDelayMs: 0 }), ...load]);
      assert.equal(results.length, 40);
      const fresh = { id: rotation!.kids.id!, access: rotation!.kids.access! };
      const kids = await Promise.all(results.map((t) => verify.both(t)));
      for (const k of kids) {
        assert.ok(k.id === old.id || k.id === fresh.id, `id kid ${k.id}`);
        assert.ok(k.access === old.access || k.access === fresh.access, `access kid ${k.access}`);
      }
      assert.deepEqual(await verify.both(await signIn(server(), s)), fresh);
    });
  },
  { flags: { issuer: 'aws' } },
);

describeEachBackend('key rotation across servers on one database', ({ backend }) => {
  test('--key-rotation-days: two servers running housekeeping at once rotate once', async () => {
    const storage = await createTestStorage(backend);
    const flags = { issuer: 'aws', 'key-rotation-days': '1', 'key-activation-delay': '30' };
    const a = await startTestServer(backend, { storage, flags });
    const b = await startTestServer(backend, { storage, flags });
    try {
      const s = await signInSetup(a);
      const verify = verifierFor(a, s);
      const old = await verify.both(await signIn(a, s));

      // Not yet a day old: nothing happens.
      await Promise.all([runHousekeeping(a.services), runHousekeeping(b.services)]);
      assert.equal((await jwksKids(a, s.poolId)).length, 2);

      a.clock.advance(86_400_000 + 60_000);
      b.clock.advance(86_400_000 + 60_000);
      await Promise.all([runHousekeeping(a.services), runHousekeeping(b.services), runHousekeeping(a.services), runHousekeeping(b.services)]);
      const kids = await jwksKids(b, s.poolId);
      assert.equal(kids.length, 4, 'one rotation, whoever ran it');
      await Promise.all([runHousekeeping(a.services), runHousekeeping(b.services)]);
      assert.deepEqual(await jwksKids(a, s.poolId), kids);

      // Within the activation delay the old keys sign; after it the new ones, on both servers.
      assert.deepEqual(await verify.both(await signIn(b, s)), old);
      a.clock.advance(31_000);
      b.clock.advance(31_000);
      for (const server of [a, b]) {
        const fresh = await verify.both(await signIn(server, s));
        assert.notEqual(fresh.id, old.id);
        assert.notEqual(fresh.access, old.access);
        assert.ok(kids.includes(fresh.id) && kids.includes(fresh.access));
      }
    } finally {
      await a.close();
      await b.close();
      await storage.dispose();
    }
  });

  test('without --pool, keys rotate and keys list cover every pool; an unknown pool is an error', async () => {
    const storage = await createTestStorage(backend);
    const a = await startTestServer(backend, { storage });
    try {
      const used = await signInSetup(a);
      await signIn(a, used);
      const unused = await signInSetup(a); // no token yet: no keys
      const rotated = await runCli(['keys', 'rotate'], storage);
      assert.equal(rotated.status, 0, rotated.stderr);
      const lines = rotated.stdout.trim().split('\n').sort();
      assert.equal(lines.length, 2, rotated.stdout);
      assert.match(lines.find((l) => l.startsWith(used.poolId)) ?? '', /new id key \S+, access key \S+: published now, signing from /);
      assert.match(lines.find((l) => l.startsWith(unused.poolId)) ?? '', /first keys: id key \S+, access key \S+, signing now$/);
      assert.equal((await jwksKids(a, used.poolId)).length, 4);
      assert.equal((await jwksKids(a, unused.poolId)).length, 2);

      const listed = await runCli(['keys', 'list'], storage);
      assert.equal(listed.status, 0, listed.stderr);
      const rows = listed.stdout.trim().split('\n');
      assert.equal(rows.filter((l) => l.startsWith(used.poolId)).length, 4);
      assert.equal(rows.filter((l) => l.startsWith(unused.poolId)).length, 2);
      assert.equal(rows.filter((l) => / pending: signing from /.test(l)).length, 2);

      const unknown = await runCli(['keys', 'rotate', '--pool', 'us-east-1_NoSuchPool'], storage);
      assert.equal(unknown.status, 2);
      assert.equal(unknown.stderr, 'cognate: user pool us-east-1_NoSuchPool does not exist\n');

      // Another master secret than the servers' would seal keys they cannot open: refused, nothing written.
      const wrong = await runCli(['keys', 'rotate', '--master-secret', 'another-master-secret-0123456789abcdef'], storage);
      assert.equal(wrong.status, 2);
      assert.match(wrong.stderr, /^cognate: the master secret does not open the stored secrets/);
      assert.equal((await jwksKids(a, used.poolId)).length, 4);
    } finally {
      await a.close();
      await storage.dispose();
    }
  });

  test('a token signed by a key another server just started using verifies before this one rereads its keys', async () => {
    const storage = await createTestStorage(backend);
    // One issuer for both, as behind a load balancer: each accepts only its own issuer.
    const a = await startTestServer(backend, { storage, flags: { issuer: 'aws' } });
    const b = await startTestServer(backend, { storage, flags: { issuer: 'aws' } });
    try {
      const s = await signInSetup(a);
      const first = await signIn(b, s); // b now holds the pool's keys, fresh for KEY_CACHE_MS
      const rotation = (await rotatePoolKeys(a.services, s.poolId, { activationDelayMs: 0 }))!;
      const after = await signIn(a, s);
      assert.equal(kidOf(after.AccessToken!), rotation.kids.access);
      b.clock.advance(1_500);
      for (const t of [first, after]) {
        const user = await b.sdk.send(new GetUserCommand({ AccessToken: t.AccessToken! }));
        assert.equal(user.Username, s.username);
      }
      // A made-up kid is refused as any bad token is.
      const [, payload, sig] = after.AccessToken!.split('.');
      const header = Buffer.from(JSON.stringify({ kid: 'no-such-kid', alg: 'RS256' })).toString('base64url');
      await assert.rejects(b.sdk.send(new GetUserCommand({ AccessToken: `${header}.${payload}.${sig}` })), { name: 'NotAuthorizedException' });
    } finally {
      await a.close();
      await b.close();
      await storage.dispose();
    }
  });
});

describeCluster(
  'key rotation in a cluster',
  ({ cluster }) => {
    test('a server process started apart signs with the new keys once the activation delay has passed, in real time', async () => {
      const { server, sdks, urls } = cluster();
      const s = await signInSetup(server);
      const child = sdks[1]!;
      const childSignIn = async () =>
        (
          await child.send(
            new InitiateAuthCommand({
              AuthFlow: 'USER_PASSWORD_AUTH',
              ClientId: s.client.clientId,
              AuthParameters: { USERNAME: s.username, PASSWORD: s.password },
            }),
          )
        ).AuthenticationResult!;
      const old = await childSignIn();
      const rotation = (await rotatePoolKeys(server.services, s.poolId, { activationDelayMs: KEY_CACHE_MS + 2_000 }))!;

      // The child process publishes the new keys at once and keeps signing with the old ones.
      const jwks = (await (await fetch(`${urls[1]}/${s.poolId}/.well-known/jwks.json`)).json()) as { keys: { kid: string }[] };
      assert.ok(jwks.keys.some((k) => k.kid === rotation.kids.access));
      const during = await childSignIn();
      assert.equal(kidOf(during.AccessToken!), kidOf(old.AccessToken!));

      await new Promise((r) => setTimeout(r, Math.max(0, rotation.activatesAt - Date.now()) + 500));
      const after = await childSignIn();
      assert.equal(kidOf(after.IdToken!), rotation.kids.id);
      assert.equal(kidOf(after.AccessToken!), rotation.kids.access);
      // Every token verifies, wherever it is checked.
      for (const t of [old, during, after]) {
        for (const sdk of sdks) assert.equal((await sdk.send(new GetUserCommand({ AccessToken: t.AccessToken! }))).Username, s.username);
      }
    });
  },
  { flags: { issuer: 'aws' } },
);
