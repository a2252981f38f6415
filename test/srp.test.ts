import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  InitiateAuthCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { formatTimestamp } from '../src/auth/timestamp.ts';
import { respond, signInSetup } from './support/auth.ts';
import { createClient } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

function initiateSrp(server: TestServer, clientId: string, username: string, A: string, extra: Record<string, string> = {}) {
  return server.sdk.send(
    new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: clientId, AuthParameters: { USERNAME: username, SRP_A: A, ...extra } }),
  );
}

describeEachBackend('USER_SRP_AUTH', ({ server }) => {
  test('PASSWORD_VERIFIER carries SALT, SRP_B, SECRET_BLOCK, USERNAME and USER_ID_FOR_SRP, and no Session', async () => {
    const s = await signInSetup(server());
    const c = srpClient(s.poolId, s.password);
    const res = await initiateSrp(server(), s.client.clientId, s.username, c.A);
    assert.equal(res.ChallengeName, 'PASSWORD_VERIFIER');
    assert.equal(res.Session, undefined);
    const p = res.ChallengeParameters!;
    assert.equal(p.USERNAME, 'alice');
    assert.equal(p.USER_ID_FOR_SRP, 'alice');
    assert.match(p.SALT!, /^[0-9a-f]+$/);
    assert.match(p.SRP_B!, /^[0-9a-f]+$/);
    assert.ok(Buffer.from(p.SECRET_BLOCK!, 'base64').toString('base64') === p.SECRET_BLOCK, 'standard padded base64');
    const done = await respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(p));
    assert.equal(decode(done.AuthenticationResult!.AccessToken!).username, 'alice');
  });

  test('a wrong password gives Incorrect username or password. and counts toward the lockout', async () => {
    const s = await signInSetup(server());
    for (let i = 0; i < 5; i++) {
      const c = srpClient(s.poolId, 'Not-the-passw0rd!');
      const res = await initiateSrp(server(), s.client.clientId, s.username, c.A);
      await rejectsWith(
        respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(res.ChallengeParameters!)),
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
    }
    const c = srpClient(s.poolId, s.password);
    await rejectsWith(initiateSrp(server(), s.client.clientId, s.username, c.A), 'NotAuthorizedException', 'Password attempts exceeded');
  });

  test('an alias signs in and USER_ID_FOR_SRP is the real username; email-username pools get the sub', async () => {
    const s = await signInSetup(server(), { pool: { AliasAttributes: ['email'] } });
    const c = srpClient(s.poolId, s.password);
    const res = await initiateSrp(server(), s.client.clientId, 'alice@example.com', c.A);
    assert.equal(res.ChallengeParameters!.USER_ID_FOR_SRP, 'alice');
    assert.ok((await respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(res.ChallengeParameters!))).AuthenticationResult);

    const e = await signInSetup(server(), { pool: { UsernameAttributes: ['email'] }, username: 'erin@example.com', attributes: {} });
    const c2 = srpClient(e.poolId, e.password);
    const res2 = await initiateSrp(server(), e.client.clientId, 'erin@example.com', c2.A);
    const id = res2.ChallengeParameters!.USER_ID_FOR_SRP!;
    assert.match(id, /^[0-9a-f-]{36}$/);
    const done = await respond(server(), e, 'PASSWORD_VERIFIER', undefined, c2.answer(res2.ChallengeParameters!));
    assert.equal(decode(done.AuthenticationResult!.IdToken!).sub, id);
  });

  test('a replayed proof and a second answer to one SECRET_BLOCK are refused', async () => {
    const s = await signInSetup(server());
    const c = srpClient(s.poolId, s.password);
    const res = await initiateSrp(server(), s.client.clientId, s.username, c.A);
    const answer = c.answer(res.ChallengeParameters!);
    assert.ok((await respond(server(), s, 'PASSWORD_VERIFIER', undefined, answer)).AuthenticationResult);
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', undefined, answer),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
    );
  });

  test('a tampered, foreign or expired SECRET_BLOCK is refused', async () => {
    const s = await signInSetup(server());
    const c = srpClient(s.poolId, s.password);
    const res = await initiateSrp(server(), s.client.clientId, s.username, c.A);
    const p = res.ChallengeParameters!;
    const raw = Buffer.from(p.SECRET_BLOCK!, 'base64');
    raw[40] = raw[40]! ^ 1;
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer({ ...p, SECRET_BLOCK: raw.toString('base64') })),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
    const other = await createClient(server(), s.poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await rejectsWith(
      respond(server(), { client: other }, 'PASSWORD_VERIFIER', undefined, c.answer(p)),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
    server().clock.advance(3 * 60_000 + 1000);
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(p, { now: server().clock.now() })),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  test('TIMESTAMP: strict format, unpadded or padded day, and a clock-skew bound', async () => {
    const s = await signInSetup(server());
    const c = srpClient(s.poolId, s.password);
    const res = await initiateSrp(server(), s.client.clientId, s.username, c.A);
    const p = res.ChallengeParameters!;
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(p, { timestamp: '2024-03-05T09:07:03Z' })),
      'InvalidParameterException',
      'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.',
    );
    // A malformed TIMESTAMP consumed nothing: the same block answers with a skewed clock next…
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', undefined, c.answer(p, { timestamp: formatTimestamp(server().clock.now() - 10 * 60_000) })),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    const c2 = srpClient(s.poolId, s.password);
    const res2 = await initiateSrp(server(), s.client.clientId, s.username, c2.A);
    const padded = formatTimestamp(server().clock.now()).replace(/^(\w{3} \w{3}) (\d) /, '$1 0$2 ');
    assert.ok((await respond(server(), s, 'PASSWORD_VERIFIER', undefined, c2.answer(res2.ChallengeParameters!, { timestamp: padded }))).AuthenticationResult);
  });

  test('SRP_A is checked: A ≡ 0 mod N is refused, odd-length and upper-case hex accepted', async () => {
    const s = await signInSetup(server());
    const N =
      'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7EDEE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3BE39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA051015728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200CBBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';
    for (const bad of ['0', N, 'zz']) {
      await rejectsWith(initiateSrp(server(), s.client.clientId, s.username, bad), 'InvalidParameterException', 'SRP_A is not a valid SRP value.');
    }
    // a = 1 gives A = 2: one hex digit, odd length.
    const tiny = srpClient(s.poolId, s.password, '01');
    assert.equal(tiny.A, '2');
    const res = await initiateSrp(server(), s.client.clientId, s.username, tiny.A);
    assert.ok((await respond(server(), s, 'PASSWORD_VERIFIER', undefined, tiny.answer(res.ChallengeParameters!))).AuthenticationResult);
    const upper = srpClient(s.poolId, s.password);
    const res2 = await initiateSrp(server(), s.client.clientId, s.username, upper.A.toUpperCase());
    assert.ok((await respond(server(), s, 'PASSWORD_VERIFIER', undefined, upper.answer(res2.ChallengeParameters!))).AuthenticationResult);
  });

  test('the client must allow SRP; unknown users: UserNotFoundException or a convincing phantom', async () => {
    const noSrp = await signInSetup(server(), { client: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await rejectsWith(
      initiateSrp(server(), noSrp.client.clientId, 'alice', srpClient(noSrp.poolId, 'x').A),
      'InvalidParameterException',
      'USER_SRP_AUTH is not enabled for the client.',
    );

    const legacy = await signInSetup(server());
    await rejectsWith(
      initiateSrp(server(), legacy.client.clientId, 'nobody', srpClient(legacy.poolId, 'x').A),
      'UserNotFoundException',
      'User does not exist.',
    );

    const hidden = await signInSetup(server(), { client: { PreventUserExistenceErrors: 'ENABLED' } });
    const c = srpClient(hidden.poolId, 'Some-passw0rd!');
    const first = await initiateSrp(server(), hidden.client.clientId, 'nobody', c.A);
    const again = await initiateSrp(server(), hidden.client.clientId, 'nobody', srpClient(hidden.poolId, 'x').A);
    const p = first.ChallengeParameters!;
    assert.equal(first.ChallengeName, 'PASSWORD_VERIFIER');
    // Shaped as a real user's would be: in a pool of plain usernames, the name itself.
    assert.equal(p.USER_ID_FOR_SRP, 'nobody');
    assert.equal(again.ChallengeParameters!.SALT, p.SALT, 'stable fake salt');
    assert.equal(again.ChallengeParameters!.USER_ID_FOR_SRP, p.USER_ID_FOR_SRP);
    await rejectsWith(respond(server(), hidden, 'PASSWORD_VERIFIER', undefined, c.answer(p)), 'NotAuthorizedException', 'Incorrect username or password.');
    // Where usernames are generated (email as username), a stable UUID, as real ids are.
    const emails = await signInSetup(server(), {
      pool: { UsernameAttributes: ['email'] },
      username: 'real@example.com',
      attributes: {},
      client: { PreventUserExistenceErrors: 'ENABLED' },
    });
    const ghost = await initiateSrp(server(), emails.client.clientId, 'ghost@example.com', srpClient(emails.poolId, 'x').A);
    assert.match(ghost.ChallengeParameters!.USER_ID_FOR_SRP!, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  test('NEW_PASSWORD_REQUIRED follows an SRP sign-in with a temporary password; admin SRP works too', async () => {
    const s = await signInSetup(server());
    await server().sdk.send(
      new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: 'frank', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }),
    );
    const c = srpClient(s.poolId, 'Temp-Passw0rd!');
    const res = await server().sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: s.poolId,
        ClientId: s.client.clientId,
        AuthFlow: 'USER_SRP_AUTH',
        AuthParameters: { USERNAME: 'frank', SRP_A: c.A },
      }),
    );
    const next = await server().sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: s.poolId,
        ClientId: s.client.clientId,
        ChallengeName: 'PASSWORD_VERIFIER',
        ChallengeResponses: c.answer(res.ChallengeParameters!),
      }),
    );
    assert.equal(next.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.ok(next.Session);
    const done = await respond(server(), s, 'NEW_PASSWORD_REQUIRED', next.Session, { USERNAME: 'frank', NEW_PASSWORD: 'Perm-passw0rd!' });
    assert.ok(done.AuthenticationResult);
  });
});
