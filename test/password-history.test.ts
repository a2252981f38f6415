import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  ChangePasswordCommand,
  ConfirmForgotPasswordCommand,
  ForgotPasswordCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { lastCode } from './support/fixtures.ts';
import { PASSWORD, passwordAuth, respond, signInSetup } from './support/auth.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { rejectsWith } from './support/sdk.ts';

// PasswordHistorySize n: a user cannot set any of their last n passwords again, the current one
// included, on every path that sets a password for a user who has one.

const VIOLATION = 'PasswordHistoryPolicyViolationException';
const TEMP = 'Temp-Passw0rd!'; // signInSetup's temporary password, replaced by PASSWORD
const history = (size: number) => ({ pool: { Policies: { PasswordPolicy: { MinimumLength: 8, PasswordHistorySize: size } } } });

async function accessToken(s: TestServer, setup: Awaited<ReturnType<typeof signInSetup>>, password: string): Promise<string> {
  const out = await passwordAuth(s, setup, setup.username, password);
  return out.AuthenticationResult!.AccessToken!;
}

describeEachBackend('password history (PasswordHistorySize)', ({ server }) => {
  test('ChangePassword refuses the last n passwords, the current one included, and forgets older ones', async () => {
    const s = server();
    const setup = await signInSetup(s, history(3));
    let token = await accessToken(s, setup, PASSWORD);
    const change = (from: string, to: string) => s.sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: from, ProposedPassword: to }));
    await rejectsWith(change(PASSWORD, PASSWORD), VIOLATION);
    await rejectsWith(change(PASSWORD, TEMP), VIOLATION);
    await change(PASSWORD, 'Second-Passw0rd!');
    token = await accessToken(s, setup, 'Second-Passw0rd!');
    await change('Second-Passw0rd!', 'Third-Passw0rd!');
    token = await accessToken(s, setup, 'Third-Passw0rd!');
    // Remembered now: Third (current), Second, PASSWORD. TEMP has fallen out of the three.
    for (const old of ['Third-Passw0rd!', 'Second-Passw0rd!', PASSWORD]) await rejectsWith(change('Third-Passw0rd!', old), VIOLATION);
    await change('Third-Passw0rd!', TEMP);
    assert.ok(await accessToken(s, setup, TEMP), 'the password that had fallen out is the password now');
    await rejectsWith(passwordAuth(s, setup, setup.username, 'Third-Passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  test('AdminSetUserPassword refuses a remembered password and leaves the current one in place', async () => {
    const s = server();
    const setup = await signInSetup(s, history(2));
    const set = (Password: string) =>
      s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: setup.poolId, Username: setup.username, Password, Permanent: true }));
    await rejectsWith(set(PASSWORD), VIOLATION);
    await rejectsWith(set(TEMP), VIOLATION);
    assert.ok(await accessToken(s, setup, PASSWORD), 'the refused call changed nothing');
    await set('Another-Passw0rd!');
    assert.ok(await accessToken(s, setup, 'Another-Passw0rd!'));
  });

  test('ConfirmForgotPassword checks the history only with the right code, and the refusal leaves the code usable', async () => {
    const s = server();
    const setup = await signInSetup(s, history(3));
    await s.sdk.send(new ForgotPasswordCommand({ ClientId: setup.client.clientId, Username: setup.username }));
    const code = await lastCode(s, setup.poolId, setup.username);
    const confirm = (ConfirmationCode: string, Password: string) =>
      s.sdk.send(new ConfirmForgotPasswordCommand({ ClientId: setup.client.clientId, Username: setup.username, ConfirmationCode, Password }));
    const wrong = code === '000000' ? '111111' : '000000';
    // Without the code nobody learns whether a password is an earlier one.
    await rejectsWith(confirm(wrong, PASSWORD), 'CodeMismatchException', 'Invalid verification code provided, please try again.');
    await rejectsWith(confirm(code, PASSWORD), VIOLATION);
    await rejectsWith(confirm(code, TEMP), VIOLATION);
    await confirm(code, 'Reset-Passw0rd!');
    assert.ok(await accessToken(s, setup, 'Reset-Passw0rd!'));
  });

  test('NEW_PASSWORD_REQUIRED refuses the temporary password itself, and the same session then takes a new one', async () => {
    const s = server();
    const setup = await signInSetup(s, history(1));
    await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: setup.poolId, Username: 'carol', MessageAction: 'SUPPRESS', TemporaryPassword: TEMP }));
    const first = await passwordAuth(s, setup, 'carol', TEMP);
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    await rejectsWith(respond(s, setup, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: 'carol', NEW_PASSWORD: TEMP }), VIOLATION);
    const done = await respond(s, setup, 'NEW_PASSWORD_REQUIRED', first.Session, { USERNAME: 'carol', NEW_PASSWORD: 'Carol-Passw0rd!' });
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  test('without PasswordHistorySize a user may set the same password again', async () => {
    const s = server();
    const setup = await signInSetup(s);
    const token = await accessToken(s, setup, PASSWORD);
    await s.sdk.send(new ChangePasswordCommand({ AccessToken: token, PreviousPassword: PASSWORD, ProposedPassword: PASSWORD }));
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: setup.poolId, Username: setup.username, Password: PASSWORD, Permanent: true }));
    assert.ok(await accessToken(s, setup, PASSWORD));
  });
});
