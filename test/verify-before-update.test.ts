import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminGetUserCommand,
  AdminUpdateUserAttributesCommand,
  GetUserAttributeVerificationCodeCommand,
  GetUserCommand,
  UpdateUserAttributesCommand,
  VerifyUserAttributeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { lastCode, messagesFor } from './support/fixtures.ts';
import { PASSWORD, passwordAuth, signInSetup } from './support/auth.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { rejectsWith } from './support/sdk.ts';

// UserAttributeUpdateSettings.AttributesRequireVerificationBeforeUpdate: a new email stays
// pending, the old one active, until the user verifies the new one with the code sent to it.

const GUARDED = {
  AliasAttributes: ['email' as const],
  AutoVerifiedAttributes: ['email' as const],
  UserAttributeUpdateSettings: { AttributesRequireVerificationBeforeUpdate: ['email' as const] },
};

const attrs = (list: { Name?: string; Value?: string }[] | undefined) => Object.fromEntries((list ?? []).map((a) => [a.Name, a.Value]));

async function setUp(s: TestServer, pool: Record<string, unknown> = GUARDED) {
  const setup = await signInSetup(s, { pool });
  const token = (await passwordAuth(s, setup, setup.username, PASSWORD)).AuthenticationResult!.AccessToken!;
  return { ...setup, token };
}

describeEachBackend('AttributesRequireVerificationBeforeUpdate', ({ server }) => {
  test('a new email waits for its code; the old one stays active, for sign-in too, until then', async () => {
    const s = server();
    const setup = await setUp(s);
    const out = await s.sdk.send(new UpdateUserAttributesCommand({ AccessToken: setup.token, UserAttributes: [{ Name: 'email', Value: 'new@example.com' }] }));
    assert.deepEqual(out.CodeDeliveryDetailsList, [{ Destination: 'n***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' }]);
    const sent = await messagesFor(s, setup.poolId, setup.username);
    assert.equal(sent.at(-1)!.destination, 'new@example.com', 'the code goes to the new address');

    const before = attrs((await s.sdk.send(new GetUserCommand({ AccessToken: setup.token }))).UserAttributes);
    assert.equal(before.email, 'alice@example.com');
    assert.equal(before.email_verified, 'true');
    const admin = attrs((await s.sdk.send(new AdminGetUserCommand({ UserPoolId: setup.poolId, Username: setup.username }))).UserAttributes);
    assert.equal(admin.email, 'alice@example.com');
    assert.ok((await passwordAuth(s, setup, 'alice@example.com', PASSWORD)).AuthenticationResult, 'the old email still signs in');
    await rejectsWith(passwordAuth(s, setup, 'new@example.com', PASSWORD), 'UserNotFoundException', 'User does not exist.');

    const code = await lastCode(s, setup.poolId, setup.username);
    const wrong = code === '000000' ? '111111' : '000000';
    await rejectsWith(s.sdk.send(new VerifyUserAttributeCommand({ AccessToken: setup.token, AttributeName: 'email', Code: wrong })), 'CodeMismatchException');
    await s.sdk.send(new VerifyUserAttributeCommand({ AccessToken: setup.token, AttributeName: 'email', Code: code }));

    const after = attrs((await s.sdk.send(new GetUserCommand({ AccessToken: setup.token }))).UserAttributes);
    assert.equal(after.email, 'new@example.com');
    assert.equal(after.email_verified, 'true');
    const signedIn = await passwordAuth(s, setup, 'new@example.com', PASSWORD);
    const claims = JSON.parse(Buffer.from(signedIn.AuthenticationResult!.IdToken!.split('.')[1]!, 'base64url').toString());
    assert.equal(claims.email, 'new@example.com');
    await rejectsWith(passwordAuth(s, setup, 'alice@example.com', PASSWORD), 'UserNotFoundException', 'User does not exist.');
  });

  test('GetUserAttributeVerificationCode sends a pending email its code again; an earlier code no longer works', async () => {
    const s = server();
    const setup = await setUp(s);
    await s.sdk.send(new UpdateUserAttributesCommand({ AccessToken: setup.token, UserAttributes: [{ Name: 'email', Value: 'other@example.com' }] }));
    const first = await lastCode(s, setup.poolId, setup.username);
    const again = await s.sdk.send(new GetUserAttributeVerificationCodeCommand({ AccessToken: setup.token, AttributeName: 'email' }));
    assert.deepEqual(again.CodeDeliveryDetails, { Destination: 'o***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const second = await lastCode(s, setup.poolId, setup.username);
    if (first !== second) {
      await rejectsWith(s.sdk.send(new VerifyUserAttributeCommand({ AccessToken: setup.token, AttributeName: 'email', Code: first })), 'CodeMismatchException');
    }
    await s.sdk.send(new VerifyUserAttributeCommand({ AccessToken: setup.token, AttributeName: 'email', Code: second }));
    assert.equal(attrs((await s.sdk.send(new GetUserCommand({ AccessToken: setup.token }))).UserAttributes).email, 'other@example.com');
  });

  test('AdminUpdateUserAttributes holds a bare new email, and applies one sent with email_verified "true"', async () => {
    const s = server();
    const setup = await setUp(s);
    const update = (UserAttributes: { Name: string; Value: string }[]) =>
      s.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: setup.poolId, Username: setup.username, UserAttributes }));
    const get = async () => attrs((await s.sdk.send(new AdminGetUserCommand({ UserPoolId: setup.poolId, Username: setup.username }))).UserAttributes);
    await update([{ Name: 'email', Value: 'held@example.com' }]);
    assert.equal((await get()).email, 'alice@example.com');
    assert.equal((await messagesFor(s, setup.poolId, setup.username)).at(-1)!.destination, 'held@example.com');
    await update([
      { Name: 'email', Value: 'direct@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ]);
    const now = await get();
    assert.equal(now.email, 'direct@example.com');
    assert.equal(now.email_verified, 'true');
    // The held value was replaced by the direct update: its code still verifies the address the
    // user has, and changes it to nothing else.
    const code = (await messagesFor(s, setup.poolId, setup.username)).filter((m) => m.destination === 'held@example.com').at(-1)!.code!;
    await s.sdk.send(new VerifyUserAttributeCommand({ AccessToken: setup.token, AttributeName: 'email', Code: code }));
    assert.equal((await get()).email, 'direct@example.com');
  });

  test('without the setting a new email applies at once, unverified', async () => {
    const s = server();
    const setup = await setUp(s, { AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    await s.sdk.send(new UpdateUserAttributesCommand({ AccessToken: setup.token, UserAttributes: [{ Name: 'email', Value: 'now@example.com' }] }));
    const now = attrs((await s.sdk.send(new GetUserCommand({ AccessToken: setup.token }))).UserAttributes);
    assert.equal(now.email, 'now@example.com');
    assert.equal(now.email_verified, 'false');
  });
});
