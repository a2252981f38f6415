import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ForgotPasswordCommand,
  GetUserAttributeVerificationCodeCommand,
  InitiateAuthCommand,
  ResendConfirmationCodeCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { parseCodeSendLimit } from '../src/config/code-send-limit.ts';
import { ConfigError, resolveConfig } from '../src/config/schema.ts';
import { passwordAuth } from './support/auth.ts';
import { assertTally, describeCluster, tally } from './support/cluster.ts';
import { createClient, createPool, messagesFor } from './support/fixtures.ts';
import { mfaUser } from './support/mfa.ts';

// Codes sent to a user are limited per user (--code-send-limit, here 5 an hour), counted atomically
// over every process: of 50 concurrent password-reset requests exactly 5 send a code, and the
// others get Cognito's LimitExceededException. Each kind of code is counted apart.

const CONCURRENT = 50;
const LIMIT = 5;
const PASSWORD = 'Passw0rd!';
const limited = 'LimitExceededException: Attempt limit exceeded, please try after some time.';

describeCluster(
  'race: code sends',
  ({ cluster }) => {
    async function pool(client: Record<string, unknown> = {}) {
      const server = cluster().server;
      const poolId = await createPool(server, { AutoVerifiedAttributes: ['email'] });
      const app = await createClient(server, poolId, {
        config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'], ...client },
      });
      return { server, poolId, client: app, clientId: app.clientId };
    }

    async function confirmedUser(username: string, client: Record<string, unknown> = {}) {
      const p = await pool(client);
      await p.server.sdk.send(
        new AdminCreateUserCommand({
          UserPoolId: p.poolId,
          Username: username,
          MessageAction: 'SUPPRESS',
          UserAttributes: [
            { Name: 'email', Value: `${username}@example.com` },
            { Name: 'email_verified', Value: 'true' },
          ],
        }),
      );
      await p.server.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: p.poolId, Username: username, Password: PASSWORD, Permanent: true }));
      return p;
    }

    test(`${CONCURRENT} concurrent ForgotPassword for one user with a limit of ${LIMIT}: exactly ${LIMIT} send a code`, async () => {
      const p = await confirmedUser('alice');
      const t = await tally(
        Array.from({ length: CONCURRENT }, (_, i) =>
          cluster()
            .sdkFor(i)
            .send(new ForgotPasswordCommand({ ClientId: p.clientId, Username: 'alice' })),
        ),
      );
      assertTally(t, { ok: LIMIT, errors: { [limited]: CONCURRENT - LIMIT } }, `${LIMIT} sent`);
      const sent = (await messagesFor(p.server, p.poolId, 'alice')).filter((m) => m.purpose === 'forgot');
      assert.equal(sent.length, LIMIT, 'as many reset messages in the outbox');
      // Other kinds are counted apart: the user can still be sent a sign-in or attribute code.
      const tokens = await passwordAuth(p.server, p, 'alice', PASSWORD);
      const accessToken = tokens.AuthenticationResult!.AccessToken!;
      await p.server.sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: accessToken, AttributeName: 'email' }));
    });

    test('a user unknown to a client that hides user existence is refused after as many requests as a real user', async () => {
      const p = await pool({ PreventUserExistenceErrors: 'ENABLED' });
      const t = await tally(
        Array.from({ length: CONCURRENT }, (_, i) =>
          cluster()
            .sdkFor(i)
            .send(new ForgotPasswordCommand({ ClientId: p.clientId, Username: 'nobody' })),
        ),
      );
      assertTally(t, { ok: LIMIT, errors: { [limited]: CONCURRENT - LIMIT } }, 'the same answers as for a real user');
    });

    test(`ResendConfirmationCode and GetUserAttributeVerificationCode: the ${LIMIT + 1}th code is refused`, async () => {
      const p = await pool();
      const server = p.server;
      await server.sdk.send(
        new SignUpCommand({ ClientId: p.clientId, Username: 'bob', Password: PASSWORD, UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }] }),
      );
      // SignUp's own code is not a resend.
      const resend = () => server.sdk.send(new ResendConfirmationCodeCommand({ ClientId: p.clientId, Username: 'bob' }));
      for (let i = 0; i < LIMIT; i++) await resend();
      assertTally(await tally([resend()]), { ok: 0, errors: { [limited]: 1 } }, 'resend refused');
      assert.equal((await messagesFor(server, p.poolId, 'bob')).length, 1 + LIMIT, 'no code sent for the refused resend');

      const q = await confirmedUser('carol');
      const tokens = await passwordAuth(q.server, q, 'carol', PASSWORD);
      const ask = () =>
        q.server.sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: tokens.AuthenticationResult!.AccessToken!, AttributeName: 'email' }));
      for (let i = 0; i < LIMIT; i++) await ask();
      assertTally(await tally([ask()]), { ok: 0, errors: { [limited]: 1 } }, 'attribute code refused');
    });

    test(`SMS MFA: the ${LIMIT + 1}th sign-in that would send a code is refused`, async () => {
      const server = cluster().server;
      const s = await mfaUser(server, { mode: 'ON', enable: ['SMS_MFA'] });
      const signIn = () =>
        server.sdk.send(
          new InitiateAuthCommand({
            AuthFlow: 'USER_PASSWORD_AUTH',
            ClientId: s.client.clientId,
            AuthParameters: { USERNAME: s.username, PASSWORD: s.password },
          }),
        );
      for (let i = 0; i < LIMIT; i++) assert.equal((await signIn()).ChallengeName, 'SMS_MFA');
      assertTally(await tally([signIn()]), { ok: 0, errors: { [limited]: 1 } }, 'sign-in code refused');
    });
  },
  { flags: { 'code-send-limit': `${LIMIT}/1h` } },
);

test('--code-send-limit is N/WINDOW or off', () => {
  assert.deepEqual(parseCodeSendLimit('5/1h'), { count: 5, windowMs: 3_600_000 });
  assert.deepEqual(parseCodeSendLimit('20/15m'), { count: 20, windowMs: 900_000 });
  assert.equal(parseCodeSendLimit('off'), undefined);
  assert.equal(resolveConfig({}, {}).codeSendLimit, '100/1h');
  for (const bad of ['5', '0/1h', '5/0s', '5/1w', 'many/1h', '5/31d']) {
    assert.throws(
      () => resolveConfig({ 'code-send-limit': bad }, {}),
      (e: unknown) => e instanceof ConfigError && /^--code-send-limit must be N\/WINDOW/.test(e.message),
      bad,
    );
  }
});
