import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  ConfirmForgotPasswordCommand,
  ConfirmSignUpCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  SignUpCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { assertTally, describeCluster, tally } from './support/cluster.ts';
import { createClient, createPool, lastCode } from './support/fixtures.ts';

// Codes sent to users (sign-up confirmation, password reset, attribute verification) under
// attack: however many guesses arrive at once, over however many processes, five are compared;
// past them even the right code is refused uncompared (LimitExceededException, as Cognito), and
// of many right answers at once one is taken.

const CONCURRENT = 50;
const PASSWORD = 'Passw0rd!';
const mismatch = 'CodeMismatchException: Invalid verification code provided, please try again.';
const limit = 'LimitExceededException: Attempt limit exceeded, please try after some time.';

describeCluster('race: codes', ({ cluster }) => {
  async function pool() {
    const server = cluster().server;
    const poolId = await createPool(server, { AutoVerifiedAttributes: ['email'] });
    const client = await createClient(server, poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    return { server, poolId, clientId: client.clientId };
  }

  const wrongOf = (code: string) => (code === '000000' ? '111111' : '000000');

  async function confirmedUser(username: string) {
    const p = await pool();
    await p.server.sdk.send(
      new SignUpCommand({
        ClientId: p.clientId,
        Username: username,
        Password: PASSWORD,
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      }),
    );
    await p.server.sdk.send(
      new ConfirmSignUpCommand({ ClientId: p.clientId, Username: username, ConfirmationCode: await lastCode(p.server, p.poolId, username) }),
    );
    return p;
  }

  test(`${CONCURRENT} concurrent wrong reset codes: exactly 5 are compared, then even the right code is refused`, async () => {
    const p = await confirmedUser('alice');
    await p.server.sdk.send(new ForgotPasswordCommand({ ClientId: p.clientId, Username: 'alice' }));
    const code = await lastCode(p.server, p.poolId, 'alice');
    const reset = (i: number, c: string, password = 'N3w-passw0rd') =>
      cluster()
        .sdkFor(i)
        .send(new ConfirmForgotPasswordCommand({ ClientId: p.clientId, Username: 'alice', ConfirmationCode: c, Password: password }));
    const t = await tally(Array.from({ length: CONCURRENT }, (_, i) => reset(i, wrongOf(code))));
    assertTally(t, { ok: 0, errors: { [mismatch]: 5, [limit]: CONCURRENT - 5 } }, 'five compared');
    assertTally(await tally([reset(1, code)]), { ok: 0, errors: { [limit]: 1 } }, 'the right code is refused uncompared');
  });

  test(`${CONCURRENT} concurrent right reset codes with different passwords: one is taken, and its password is the one kept`, async () => {
    const p = await confirmedUser('bob');
    await p.server.sdk.send(new ForgotPasswordCommand({ ClientId: p.clientId, Username: 'bob' }));
    const code = await lastCode(p.server, p.poolId, 'bob');
    const passwords = Array.from({ length: CONCURRENT }, (_, i) => `Reset-Passw0rd-${i}!`);
    const results = await Promise.allSettled(
      passwords.map((Password, i) =>
        cluster()
          .sdkFor(i)
          .send(new ConfirmForgotPasswordCommand({ ClientId: p.clientId, Username: 'bob', ConfirmationCode: code, Password })),
      ),
    );
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' ? [i] : []));
    assert.equal(winners.length, 1, 'exactly one reset succeeds');
    for (const r of results) {
      if (r.status === 'rejected') assert.match((r.reason as Error).name, /^(ExpiredCodeException|LimitExceededException)$/);
    }
    const signIn = (password: string) =>
      p.server.sdk.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'bob', PASSWORD: password } }),
      );
    assert.ok((await signIn(passwords[winners[0]!]!)).AuthenticationResult?.AccessToken, "the winner's password signs in");
    await assert.rejects(signIn(passwords[(winners[0]! + 1) % CONCURRENT]!), /Incorrect username or password/);
  });

  test(`${CONCURRENT} concurrent wrong sign-up confirmation codes: exactly 5 are compared`, async () => {
    const p = await pool();
    await p.server.sdk.send(
      new SignUpCommand({ ClientId: p.clientId, Username: 'carol', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }] }),
    );
    const code = await lastCode(p.server, p.poolId, 'carol');
    const t = await tally(
      Array.from({ length: CONCURRENT }, (_, i) =>
        cluster()
          .sdkFor(i)
          .send(new ConfirmSignUpCommand({ ClientId: p.clientId, Username: 'carol', ConfirmationCode: wrongOf(code) })),
      ),
    );
    assertTally(t, { ok: 0, errors: { [mismatch]: 5, [limit]: CONCURRENT - 5 } }, 'five compared');
    assert.equal((await p.server.services.stores.users.get(p.poolId, 'carol'))?.status, 'UNCONFIRMED');
  });

  test(`${CONCURRENT} concurrent wrong attribute verification codes: exactly 5 are compared`, async () => {
    const p = await confirmedUser('dave');
    const signedIn = await p.server.sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: p.clientId, AuthParameters: { USERNAME: 'dave', PASSWORD } }),
    );
    const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
    await p.server.sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken, AttributeName: 'email' }));
    const code = await lastCode(p.server, p.poolId, 'dave');
    const t = await tally(
      Array.from({ length: CONCURRENT }, (_, i) =>
        cluster()
          .sdkFor(i)
          .send(new VerifyUserAttributeCommand({ AccessToken, AttributeName: 'email', Code: wrongOf(code) })),
      ),
    );
    assertTally(t, { ok: 0, errors: { [mismatch]: 5, [limit]: CONCURRENT - 5 } }, 'five compared');
  });
});
