import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AssociateSoftwareTokenCommand,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
  SetUserPoolMfaConfigCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { assertTally, describeCluster, tally } from './support/cluster.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { codeFor, mfaUser, otherCode, totpCode, wrongTotp } from './support/mfa.ts';

// An auth session's answers under attack: however many arrive at once, over however many
// processes, no more are judged than the challenge allows (five for a code, one for a proof),
// only one answer ever moves the sign-in on, and what an answer writes (a new password, an MFA
// enrolment) is the winner's alone.

const CONCURRENT = 50;
const used = 'NotAuthorizedException: Invalid session for the user, session can only be used once.';

const sessionRaces: Parameters<typeof describeCluster>[1] = ({ cluster }) => {
  const respond = (i: number, clientId: string, name: string, session: string, responses: Record<string, string>) =>
    cluster()
      .sdkFor(i)
      .send(new RespondToAuthChallengeCommand({ ClientId: clientId, ChallengeName: name as never, Session: session, ChallengeResponses: responses }));

  async function smsChallenge() {
    const server = cluster().server;
    const s = await mfaUser(server, { mode: 'ON', enable: ['SMS_MFA'] });
    const first = await server.sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, PASSWORD: s.password } }),
    );
    assert.equal(first.ChallengeName, 'SMS_MFA');
    return { s, session: first.Session!, code: await codeFor(server, s, 'SMS_MFA') };
  }

  test(`${CONCURRENT} concurrent wrong MFA codes on one session: exactly 5 are judged`, async () => {
    const { s, session, code } = await smsChallenge();
    const t = await tally(
      Array.from({ length: CONCURRENT }, (_, i) => respond(i, s.client.clientId, 'SMS_MFA', session, { USERNAME: s.username, SMS_MFA_CODE: otherCode(code) })),
    );
    assertTally(t, { ok: 0, errors: { 'CodeMismatchException: Invalid code or auth state for the user.': 5, [used]: CONCURRENT - 5 } }, 'five judged');
    // The right code after them: the session is spent.
    assertTally(
      await tally([respond(0, s.client.clientId, 'SMS_MFA', session, { USERNAME: s.username, SMS_MFA_CODE: code })]),
      { ok: 0, errors: { [used]: 1 } },
      'spent',
    );
  });

  test(`${CONCURRENT} concurrent right MFA codes on one session: exactly one sign-in gets tokens`, async () => {
    const { s, session, code } = await smsChallenge();
    const t = await tally(
      Array.from({ length: CONCURRENT }, (_, i) => respond(i, s.client.clientId, 'SMS_MFA', session, { USERNAME: s.username, SMS_MFA_CODE: code })),
    );
    assertTally(t, { ok: 1, errors: { [used]: CONCURRENT - 1 } }, 'one winner');
  });

  test(`${CONCURRENT} concurrent new passwords on one NEW_PASSWORD_REQUIRED session: one gets tokens and its password is the one kept`, async () => {
    const server = cluster().server;
    const poolId = await createPool(server);
    const client = await createClient(server, poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await server.sdk.send(
      new AdminCreateUserCommand({ UserPoolId: poolId, Username: 'carol', TemporaryPassword: 'Temp-Passw0rd!', MessageAction: 'SUPPRESS' }),
    );
    const signIn = (i: number, password: string) =>
      cluster()
        .sdkFor(i)
        .send(
          new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: 'carol', PASSWORD: password } }),
        );
    const first = await signIn(0, 'Temp-Passw0rd!');
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const passwords = Array.from({ length: CONCURRENT }, (_, i) => `New-Passw0rd-${i}!`);
    const results = await Promise.allSettled(
      passwords.map((NEW_PASSWORD, i) => respond(i, client.clientId, 'NEW_PASSWORD_REQUIRED', first.Session!, { USERNAME: 'carol', NEW_PASSWORD })),
    );
    const winners = results.flatMap((r, i) => (r.status === 'fulfilled' && r.value.AuthenticationResult?.AccessToken ? [i] : []));
    assert.equal(winners.length, 1, 'exactly one answer gets tokens');
    const losers = results.filter((r) => r.status === 'rejected').map((r) => `${(r.reason as Error).name}: ${(r.reason as Error).message}`);
    assert.deepEqual([...new Set(losers)], [used]);
    // Only the winner's password signs in (a loser's is wrong).
    const winner = winners[0]!;
    assert.ok((await signIn(0, passwords[winner]!)).AuthenticationResult?.AccessToken, "the winner's password signs in");
    await assert.rejects(signIn(1, passwords[(winner + 1) % CONCURRENT]!), /Incorrect username or password/);
  });

  test(`${CONCURRENT} concurrent wrong TOTP enrolment codes on one MFA_SETUP session: exactly 5 are judged, and nothing is enrolled`, async () => {
    const server = cluster().server;
    const s = await mfaUser(server, { mode: 'OFF', offered: ['SOFTWARE_TOKEN_MFA'] });
    await server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: s.poolId, MfaConfiguration: 'ON', SoftwareTokenMfaConfiguration: { Enabled: true } }));
    const first = await server.sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_PASSWORD_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, PASSWORD: s.password } }),
    );
    assert.equal(first.ChallengeName, 'MFA_SETUP');
    const associated = await server.sdk.send(new AssociateSoftwareTokenCommand({ Session: first.Session! }));
    const wrong = wrongTotp(server, associated.SecretCode!);
    const t = await tally(
      Array.from({ length: CONCURRENT }, (_, i) =>
        cluster()
          .sdkFor(i)
          .send(new VerifySoftwareTokenCommand({ Session: associated.Session!, UserCode: wrong })),
      ),
    );
    assertTally(
      t,
      { ok: 0, errors: { 'EnableSoftwareTokenMFAException: Code mismatch and fail enable Software Token MFA': 5, [used]: CONCURRENT - 5 } },
      'five judged',
    );
    const stored = await server.services.stores.users.get(s.poolId, s.username);
    assert.equal(stored?.mfa.totpSecret, undefined, 'no TOTP enrolled');
    // And the right code now: the session's attempts are spent.
    await assert.rejects(
      server.sdk.send(new VerifySoftwareTokenCommand({ Session: associated.Session!, UserCode: totpCode(server, associated.SecretCode!) })),
      /session can only be used once/,
    );
  });
};

describeCluster('race: auth sessions', sessionRaces);
// The same races with the child process itself a cluster (--workers 2): three processes in all.
describeCluster('race: auth sessions', sessionRaces, { childWorkers: 2 });
