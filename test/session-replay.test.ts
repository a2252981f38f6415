import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminCreateUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { passwordAuth, respond } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

/**
 * The auth session is random, stored hashed, single-use, bound to its client and user, and
 * expires after the client's AuthSessionValidity: a forged, spent, expired, other-user or
 * other-client session never yields tokens.
 */
describeEachBackend('session replay', ({ server }) => {
  async function challenged(validity = 3) {
    const poolId = await createPool(server());
    const client = await createClient(server(), poolId, {
      config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], AuthSessionValidity: validity },
    });
    for (const name of ['dave', 'erin']) {
      await server().sdk.send(
        new AdminCreateUserCommand({ UserPoolId: poolId, Username: name, TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }),
      );
    }
    const res = await passwordAuth(server(), { client }, 'dave', 'Temp-Passw0rd!');
    assert.equal(res.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    return { poolId, client, session: res.Session! };
  }
  const answer = { USERNAME: 'dave', NEW_PASSWORD: 'Fresh-passw0rd!' };

  test('a forged session is refused', async () => {
    const s = await challenged();
    await rejectsWith(respond(server(), s, 'NEW_PASSWORD_REQUIRED', 'x'.repeat(86), answer), 'NotAuthorizedException', 'Invalid session for the user.');
    const flipped = (s.session[0] === 'A' ? 'B' : 'A') + s.session.slice(1);
    await rejectsWith(respond(server(), s, 'NEW_PASSWORD_REQUIRED', flipped, answer), 'NotAuthorizedException', 'Invalid session for the user.');
  });

  test('a spent session cannot be replayed', async () => {
    const s = await challenged();
    const ok = await respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, answer);
    assert.ok(ok.AuthenticationResult);
    await rejectsWith(
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, answer),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
    );
  });

  test('two concurrent answers to one session: exactly one gets tokens', async () => {
    const s = await challenged();
    const results = await Promise.allSettled([
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, answer),
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, answer),
    ]);
    const won = results.filter((r) => r.status === 'fulfilled');
    assert.equal(won.length, 1);
    const lost = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    assert.equal(lost.reason.name, 'NotAuthorizedException');
  });

  test('an expired session is refused; AuthSessionValidity sets the lifetime', async () => {
    const s = await challenged(3);
    server().clock.advance(3 * 60_000 + 1000);
    await rejectsWith(
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, answer),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
    const long = await challenged(15);
    server().clock.advance(10 * 60_000);
    assert.ok((await respond(server(), long, 'NEW_PASSWORD_REQUIRED', long.session, answer)).AuthenticationResult);
  });

  test("another client's session is refused", async () => {
    const s = await challenged();
    const other = await createClient(server(), s.poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await rejectsWith(
      respond(server(), { client: other }, 'NEW_PASSWORD_REQUIRED', s.session, answer),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
  });

  test("another user's name with this session is refused, and the session survives it", async () => {
    const s = await challenged();
    await rejectsWith(
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, { ...answer, USERNAME: 'erin' }),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
    assert.ok((await respond(server(), s, 'NEW_PASSWORD_REQUIRED', s.session, answer)).AuthenticationResult);
  });

  test('a session answered with another challenge name is refused', async () => {
    const s = await challenged();
    await rejectsWith(respond(server(), s, 'SMS_MFA', s.session, { USERNAME: 'dave', SMS_MFA_CODE: '123456' }), 'InvalidParameterException');
  });
});
