import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminConfirmSignUpCommand,
  AdminCreateUserCommand,
  type AdminCreateUserCommandInput,
  AdminDeleteUserAttributesCommand,
  AdminDeleteUserCommand,
  AdminDisableUserCommand,
  AdminEnableUserCommand,
  AdminGetUserCommand,
  type AdminGetUserCommandOutput,
  AdminResetUserPasswordCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateUserAttributesCommand,
  CreateUserPoolCommand,
  type CreateUserPoolCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { invitationText, verificationText } from '../src/messages/outbox.ts';
import { usernameKey } from '../src/domain/pool.ts';
import { loadPool } from '../src/pools/load.ts';
import { createUser } from '../src/users/write-user.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { rejectsWith } from './support/sdk.ts';
import { cognateGet } from './support/cognate-get.ts';

const STRONG = 'Passw0rd!';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

interface OutboxEntry {
  channel: 'SMS' | 'EMAIL';
  destination: string;
  code?: string;
  subject?: string;
  message: string;
  purpose: string;
}

async function newPool(s: TestServer, settings: Omit<CreateUserPoolCommandInput, 'PoolName'> = {}): Promise<string> {
  const { UserPool } = await s.sdk.send(new CreateUserPoolCommand({ PoolName: 'admin-users', ...settings }));
  return UserPool!.Id!;
}

async function messagesFor(s: TestServer, poolId: string, username: string): Promise<OutboxEntry[]> {
  const res = await cognateGet(s, `/_cognate/messages?userPoolId=${encodeURIComponent(poolId)}&username=${encodeURIComponent(username)}`);
  assert.equal(res.status, 200);
  return ((await res.json()) as { messages: OutboxEntry[] }).messages;
}

function attrs(user: { UserAttributes?: { Name?: string; Value?: string }[]; Attributes?: { Name?: string; Value?: string }[] }) {
  return Object.fromEntries((user.UserAttributes ?? user.Attributes ?? []).map((a) => [a.Name!, a.Value!]));
}

const create = (s: TestServer, input: Omit<AdminCreateUserCommandInput, 'UserPoolId'> & { UserPoolId: string }) =>
  s.sdk.send(new AdminCreateUserCommand(input));

const get = (s: TestServer, poolId: string, username: string): Promise<AdminGetUserCommandOutput> =>
  s.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));

const list = (pairs: Record<string, string>) => Object.entries(pairs).map(([Name, Value]) => ({ Name, Value }));

describeEachBackend('admin user operations', ({ server }) => {
  test('AdminCreateUser with a given temporary password and SUPPRESS creates a FORCE_CHANGE_PASSWORD user and sends nothing', async () => {
    const s = server();
    const poolId = await newPool(s);
    const { User } = await create(s, {
      UserPoolId: poolId,
      Username: 'alice',
      TemporaryPassword: STRONG,
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'alice@example.com', name: 'Alice' }),
    });
    assert.equal(User!.Username, 'alice');
    assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(User!.Enabled, true);
    assert.ok(User!.UserCreateDate instanceof Date);
    const a = attrs(User!);
    assert.match(a.sub!, UUID);
    assert.equal(a.email, 'alice@example.com');
    assert.equal(a.name, 'Alice');
    assert.deepEqual(await messagesFor(s, poolId, 'alice'), []);

    const got = await get(s, poolId, 'alice');
    assert.equal(got.Username, 'alice');
    assert.equal(got.UserStatus, 'FORCE_CHANGE_PASSWORD');
    assert.equal(got.Enabled, true);
    assert.deepEqual(attrs(got), a);
    assert.equal(got.MFAOptions, undefined);
    assert.equal(got.PreferredMfaSetting, undefined);
    assert.equal(got.UserMFASettingList, undefined);
    // The sub is accepted wherever a Username is.
    assert.equal((await get(s, poolId, a.sub!)).Username, 'alice');
  });

  test('AdminCreateUser without a password generates one and emails the invitation carrying it', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'bob', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: list({ email: 'bob@example.com' }) });
    const sent = await messagesFor(s, poolId, 'bob');
    assert.equal(sent.length, 1);
    const [m] = sent;
    assert.equal(m!.channel, 'EMAIL');
    assert.equal(m!.destination, 'bob@example.com');
    assert.equal(m!.purpose, 'invitation');
    const password = m!.code!;
    assert.ok(m!.message.includes(password), 'the invitation carries the temporary password');
    assert.ok(m!.message.includes('bob'), 'the invitation names the user');
    // The generated password satisfies the default policy.
    assert.ok(password.length >= 8);
    assert.match(password, /[A-Z]/);
    assert.match(password, /[a-z]/);
    assert.match(password, /[0-9]/);
    assert.match(password, /[^A-Za-z0-9]/);
  });

  test('AdminCreateUser uses the pool invitation template', async () => {
    const s = server();
    const poolId = await newPool(s, {
      AdminCreateUserConfig: {
        InviteMessageTemplate: { SMSMessage: 'Hi {username}, use {####} to sign in', EmailSubject: 'Welcome', EmailMessage: 'Hello {username}: {####}' },
      },
    });
    await create(s, { UserPoolId: poolId, Username: 'tina', TemporaryPassword: STRONG, UserAttributes: list({ phone_number: '+14325551212' }) });
    const [sms] = await messagesFor(s, poolId, 'tina');
    assert.equal(sms!.channel, 'SMS');
    assert.equal(sms!.destination, '+14325551212');
    assert.equal(sms!.message, `Hi tina, use ${STRONG} to sign in`);
  });

  test('AdminCreateUser sends to every medium asked for', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, {
      UserPoolId: poolId,
      Username: 'both',
      DesiredDeliveryMediums: ['SMS', 'EMAIL'],
      UserAttributes: list({ email: 'both@example.com', phone_number: '+14325551213' }),
    });
    const sent = await messagesFor(s, poolId, 'both');
    assert.deepEqual(sent.map((m) => m.channel).sort(), ['EMAIL', 'SMS']);
    assert.equal(sent[0]!.code, sent[1]!.code);
  });

  test('AdminCreateUser refuses a medium whose attribute is missing, and creates nothing', async () => {
    const s = server();
    const poolId = await newPool(s);
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'noemail', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: list({ phone_number: '+14325551214' }) }),
      'InvalidParameterException',
      'No email provided but desired delivery medium was Email',
    );
    await rejectsWith(get(s, poolId, 'noemail'), 'UserNotFoundException', 'User does not exist.');
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'nophone', DesiredDeliveryMediums: ['SMS'], UserAttributes: list({ email: 'np@example.com' }) }),
      'InvalidParameterException',
      'No phone_number provided but desired delivery medium was Sms',
    );
    await rejectsWith(get(s, poolId, 'nophone'), 'UserNotFoundException', 'User does not exist.');
  });

  test('AdminCreateUser checks the temporary password against the policy ("does not conform to")', async () => {
    const s = server();
    const poolId = await newPool(s);
    const cases: [string, string][] = [
      ['Sh0rt!', 'Password not long enough'],
      ['lowercase1!', 'Password must have uppercase characters'],
      ['UPPERCASE1!', 'Password must have lowercase characters'],
      ['NoDigits!!', 'Password must have numeric characters'],
      ['NoSymbols11', 'Password must have symbol characters'],
    ];
    for (const [password, rule] of cases) {
      await rejectsWith(
        create(s, { UserPoolId: poolId, Username: 'weak', TemporaryPassword: password, MessageAction: 'SUPPRESS' }),
        'InvalidPasswordException',
        `Password does not conform to policy: ${rule}`,
      );
    }
    await rejectsWith(get(s, poolId, 'weak'), 'UserNotFoundException', 'User does not exist.');
  });

  test('AdminCreateUser of an existing username is UsernameExistsException', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'carol', MessageAction: 'SUPPRESS' });
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'carol', MessageAction: 'SUPPRESS' }),
      'UsernameExistsException',
      'User account already exists',
    );
  });

  test('AdminCreateUser validates attributes and the pool', async () => {
    const s = server();
    const poolId = await newPool(s);
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'x1', MessageAction: 'SUPPRESS', UserAttributes: list({ 'custom:nope': 'v' }) }),
      'InvalidParameterException',
      'Attributes did not conform to the schema: custom:nope: Attribute does not exist in the schema.',
    );
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'x2', MessageAction: 'SUPPRESS', UserAttributes: list({ phone_number: '555-1212' }) }),
      'InvalidParameterException',
      'Invalid phone number format.',
    );
    await rejectsWith(
      create(s, { UserPoolId: 'us-east-1_nope12345', Username: 'x3' }),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
  });

  test('MessageAction RESEND issues a fresh temporary password and invitation', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'dan', DesiredDeliveryMediums: ['EMAIL'], UserAttributes: list({ email: 'dan@example.com' }) });
    const { User } = await create(s, { UserPoolId: poolId, Username: 'dan', MessageAction: 'RESEND', DesiredDeliveryMediums: ['EMAIL'] });
    assert.equal(User!.Username, 'dan');
    assert.equal(User!.UserStatus, 'FORCE_CHANGE_PASSWORD');
    const sent = await messagesFor(s, poolId, 'dan');
    assert.equal(sent.length, 2);
    assert.notEqual(sent[0]!.code, sent[1]!.code);
    assert.ok(sent[1]!.message.includes(sent[1]!.code!));
  });

  test('MessageAction RESEND: unknown user is UserNotFoundException, a confirmed user UnsupportedUserStateException', async () => {
    const s = server();
    const poolId = await newPool(s);
    await rejectsWith(create(s, { UserPoolId: poolId, Username: 'ghost', MessageAction: 'RESEND' }), 'UserNotFoundException', 'User does not exist.');
    await create(s, { UserPoolId: poolId, Username: 'erin', MessageAction: 'SUPPRESS' });
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'erin', Password: STRONG, Permanent: true }));
    await rejectsWith(create(s, { UserPoolId: poolId, Username: 'erin', MessageAction: 'RESEND' }), 'UnsupportedUserStateException');
  });

  test('AdminGetUser reports MFA settings stored on the user', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'mfa', MessageAction: 'SUPPRESS', UserAttributes: list({ phone_number: '+14325551215' }) });
    const pool = await loadPool(s.services, poolId);
    const user = (await s.services.stores.users.get(poolId, usernameKey(pool, 'mfa')))!;
    user.mfa = { smsEnabled: true, totpEnabled: true, preferred: 'SOFTWARE_TOKEN_MFA', smsOptions: true };
    await s.services.stores.users.update(user, usernameKey(pool, 'mfa'));
    const got = await get(s, poolId, 'mfa');
    assert.equal(got.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(got.UserMFASettingList, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    assert.deepEqual(got.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
  });

  test('every operation answers an unknown user with UserNotFoundException', async () => {
    const s = server();
    const poolId = await newPool(s);
    const base = { UserPoolId: poolId, Username: 'nobody' };
    const calls: (() => Promise<unknown>)[] = [
      () => s.sdk.send(new AdminGetUserCommand(base)),
      () => s.sdk.send(new AdminDeleteUserCommand(base)),
      () => s.sdk.send(new AdminSetUserPasswordCommand({ ...base, Password: STRONG, Permanent: true })),
      () => s.sdk.send(new AdminUpdateUserAttributesCommand({ ...base, UserAttributes: list({ name: 'N' }) })),
      () => s.sdk.send(new AdminDeleteUserAttributesCommand({ ...base, UserAttributeNames: ['name'] })),
      () => s.sdk.send(new AdminDisableUserCommand(base)),
      () => s.sdk.send(new AdminEnableUserCommand(base)),
      () => s.sdk.send(new AdminConfirmSignUpCommand(base)),
      () => s.sdk.send(new AdminResetUserPasswordCommand(base)),
    ];
    for (const call of calls) await rejectsWith(call(), 'UserNotFoundException', 'User does not exist.');
  });

  test('AdminDeleteUser removes the user', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'frank', MessageAction: 'SUPPRESS' });
    await s.sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'frank' }));
    await rejectsWith(get(s, poolId, 'frank'), 'UserNotFoundException', 'User does not exist.');
    // The name is free again.
    await create(s, { UserPoolId: poolId, Username: 'frank', MessageAction: 'SUPPRESS' });
  });

  test('AdminSetUserPassword: Permanent decides the status, the policy is enforced', async () => {
    const s = server();
    const poolId = await newPool(s, { Policies: { PasswordPolicy: { MinimumLength: 10, RequireSymbols: false } } });
    await create(s, { UserPoolId: poolId, Username: 'gina', MessageAction: 'SUPPRESS' });
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'gina', Password: 'LongEnough12', Permanent: true }));
    assert.equal((await get(s, poolId, 'gina')).UserStatus, 'CONFIRMED');
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'gina', Password: 'LongEnough13', Permanent: false }));
    assert.equal((await get(s, poolId, 'gina')).UserStatus, 'FORCE_CHANGE_PASSWORD');
    await rejectsWith(
      s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'gina', Password: 'Short1A', Permanent: true })),
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    );
    await rejectsWith(
      s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'gina', Password: 'alllowercase1', Permanent: true })),
      'InvalidPasswordException',
      'Password does not conform to policy: Password must have uppercase characters',
    );
    assert.equal((await get(s, poolId, 'gina')).UserStatus, 'FORCE_CHANGE_PASSWORD');
  });

  test('AdminUpdateUserAttributes: a changed email becomes unverified unless the request verifies it', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, {
      UserPoolId: poolId,
      Username: 'hank',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'hank@example.com', email_verified: 'true', phone_number: '+14325551216', phone_number_verified: 'true' }),
    });
    const update = (pairs: Record<string, string>) =>
      s.sdk.send(
        new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'hank', UserAttributes: list(pairs), ClientMetadata: { source: 'test' } }),
      );

    await update({ email: 'hank2@example.com' });
    let a = attrs(await get(s, poolId, 'hank'));
    assert.equal(a.email, 'hank2@example.com');
    assert.equal(a.email_verified, 'false');
    assert.equal(a.phone_number_verified, 'true');

    await update({ email: 'hank3@example.com', email_verified: 'true' });
    a = attrs(await get(s, poolId, 'hank'));
    assert.equal(a.email, 'hank3@example.com');
    assert.equal(a.email_verified, 'true');

    await update({ phone_number: '+14325551217', name: 'Hank' });
    a = attrs(await get(s, poolId, 'hank'));
    assert.equal(a.phone_number, '+14325551217');
    assert.equal(a.phone_number_verified, 'false');
    assert.equal(a.name, 'Hank');
    assert.equal(a.email_verified, 'true');

    // Same value again: nothing changed, the flag stays.
    await update({ email: 'hank3@example.com' });
    assert.equal(attrs(await get(s, poolId, 'hank')).email_verified, 'true');

    await rejectsWith(
      update({ sub: 'x' }),
      'InvalidParameterException',
      'Attributes did not conform to the schema: sub: Attribute does not exist in the schema.',
    );
    await rejectsWith(update({ email: 'not-an-email' }), 'InvalidParameterException', 'Invalid email address format.');
  });

  test('AdminUpdateUserAttributes refuses immutable attributes', async () => {
    const s = server();
    const poolId = await newPool(s, { Schema: [{ Name: 'tier', AttributeDataType: 'String', Mutable: false }] });
    await create(s, { UserPoolId: poolId, Username: 'ivy', MessageAction: 'SUPPRESS', UserAttributes: list({ 'custom:tier': 'gold' }) });
    await rejectsWith(
      s.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'ivy', UserAttributes: list({ 'custom:tier': 'silver' }) })),
      'InvalidParameterException',
      'Attribute cannot be updated. (changing an immutable attribute): custom:tier',
    );
    assert.equal(attrs(await get(s, poolId, 'ivy'))['custom:tier'], 'gold');
  });

  test('AdminUpdateUserAttributes sends a verification code for a changed auto-verified email', async () => {
    const s = server();
    const poolId = await newPool(s, { AutoVerifiedAttributes: ['email'] });
    await create(s, {
      UserPoolId: poolId,
      Username: 'jack',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'jack@example.com', email_verified: 'true' }),
    });
    await s.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'jack', UserAttributes: list({ email: 'jack2@example.com' }) }));
    const sent = await messagesFor(s, poolId, 'jack');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.destination, 'jack2@example.com');
    assert.equal(sent[0]!.purpose, 'verify:email');
    assert.match(sent[0]!.code!, /^\d{6}$/);
    assert.ok(sent[0]!.message.includes(sent[0]!.code!));
    // Marked verified by the admin: no code.
    await s.sdk.send(
      new AdminUpdateUserAttributesCommand({
        UserPoolId: poolId,
        Username: 'jack',
        UserAttributes: list({ email: 'jack3@example.com', email_verified: 'true' }),
      }),
    );
    assert.equal((await messagesFor(s, poolId, 'jack')).length, 1);
  });

  test('AdminDeleteUserAttributes removes attributes but never a required one', async () => {
    const s = server();
    const poolId = await newPool(s, { Schema: [{ Name: 'name', AttributeDataType: 'String', Required: true, Mutable: true }] });
    await create(s, {
      UserPoolId: poolId,
      Username: 'kate',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ name: 'Kate', given_name: 'K', email: 'kate@example.com', email_verified: 'true' }),
    });
    await rejectsWith(
      s.sdk.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'kate', UserAttributeNames: ['given_name', 'name'] })),
      'InvalidParameterException',
      'Attributes did not conform to the schema: name: The attribute is required',
    );
    assert.equal(attrs(await get(s, poolId, 'kate')).given_name, 'K', 'a refused request changes nothing');
    await s.sdk.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'kate', UserAttributeNames: ['given_name', 'email'] }));
    const a = attrs(await get(s, poolId, 'kate'));
    assert.equal(a.given_name, undefined);
    assert.equal(a.email, undefined);
    assert.equal(a.email_verified, undefined);
    assert.equal(a.name, 'Kate');
    await rejectsWith(
      s.sdk.send(new AdminDeleteUserAttributesCommand({ UserPoolId: poolId, Username: 'kate', UserAttributeNames: ['sub'] })),
      'InvalidParameterException',
    );
  });

  test('AdminDisableUser / AdminEnableUser flip Enabled; disabling revokes earlier tokens', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'liam', MessageAction: 'SUPPRESS' });
    const before = s.clock.now();
    await s.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'liam' }));
    assert.equal((await get(s, poolId, 'liam')).Enabled, false);
    const pool = await loadPool(s.services, poolId);
    const stored = (await s.services.stores.users.get(poolId, usernameKey(pool, 'liam')))!;
    assert.ok(stored.tokensValidAfter >= before, 'tokens issued before the disable are no longer valid');
    await s.sdk.send(new AdminEnableUserCommand({ UserPoolId: poolId, Username: 'liam' }));
    assert.equal((await get(s, poolId, 'liam')).Enabled, true);
  });

  test('AdminConfirmSignUp confirms an UNCONFIRMED user once', async () => {
    const s = server();
    const poolId = await newPool(s);
    const pool = await loadPool(s.services, poolId);
    await createUser(s.services, pool, { username: 'mia', attributes: {}, status: 'UNCONFIRMED', password: STRONG });
    await s.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'mia', ClientMetadata: { k: 'v' } }));
    assert.equal((await get(s, poolId, 'mia')).UserStatus, 'CONFIRMED');
    await rejectsWith(
      s.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'mia' })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
    await create(s, { UserPoolId: poolId, Username: 'ned', MessageAction: 'SUPPRESS' });
    await rejectsWith(
      s.sdk.send(new AdminConfirmSignUpCommand({ UserPoolId: poolId, Username: 'ned' })),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is FORCE_CHANGE_PASSWORD',
    );
  });

  test('AdminResetUserPassword sends a reset code to the verified phone first and requires a reset', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, {
      UserPoolId: poolId,
      Username: 'olga',
      TemporaryPassword: STRONG,
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'olga@example.com', email_verified: 'true', phone_number: '+14325551218', phone_number_verified: 'true' }),
    });
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: 'olga', Password: STRONG, Permanent: true }));
    await s.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'olga', ClientMetadata: { k: 'v' } }));
    assert.equal((await get(s, poolId, 'olga')).UserStatus, 'RESET_REQUIRED');
    const sent = await messagesFor(s, poolId, 'olga');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.channel, 'SMS');
    assert.equal(sent[0]!.purpose, 'forgot');
    assert.match(sent[0]!.code!, /^\d{6}$/);
    assert.ok(sent[0]!.message.includes(sent[0]!.code!));
    const pool = await loadPool(s.services, poolId);
    assert.equal((await s.services.stores.users.get(poolId, usernameKey(pool, 'olga')))!.password, undefined, 'the old password no longer works');
  });

  test('AdminResetUserPassword follows AccountRecoverySetting and refuses when no channel is verified', async () => {
    const s = server();
    const poolId = await newPool(s, {
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Priority: 1, Name: 'verified_email' },
          { Priority: 2, Name: 'verified_phone_number' },
        ],
      },
    });
    await create(s, {
      UserPoolId: poolId,
      Username: 'pam',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'pam@example.com', email_verified: 'true', phone_number: '+14325551219', phone_number_verified: 'true' }),
    });
    await s.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'pam' }));
    const [m] = await messagesFor(s, poolId, 'pam');
    assert.equal(m!.channel, 'EMAIL');
    assert.equal(m!.destination, 'pam@example.com');

    await create(s, { UserPoolId: poolId, Username: 'quin', MessageAction: 'SUPPRESS', UserAttributes: list({ email: 'quin@example.com' }) });
    await rejectsWith(
      s.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'quin' })),
      'InvalidParameterException',
      'Cannot reset password for the user as there is no registered/verified email or phone_number',
    );
    assert.equal((await get(s, poolId, 'quin')).UserStatus, 'FORCE_CHANGE_PASSWORD');
  });

  test('AdminResetUserPassword on a disabled user is NotAuthorizedException', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, {
      UserPoolId: poolId,
      Username: 'rob',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'rob@example.com', email_verified: 'true' }),
    });
    await s.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'rob' }));
    await rejectsWith(s.sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: poolId, Username: 'rob' })), 'NotAuthorizedException', 'User is disabled.');
  });
});

describeEachBackend('admin user operations in an email-as-username pool', ({ server }) => {
  test('the username becomes a UUID equal to sub; the email finds the user', async () => {
    const s = server();
    const poolId = await newPool(s, { UsernameAttributes: ['email'] });
    const { User } = await create(s, { UserPoolId: poolId, Username: 'sam@example.com', DesiredDeliveryMediums: ['EMAIL'] });
    assert.match(User!.Username!, UUID);
    const a = attrs(User!);
    assert.equal(a.sub, User!.Username);
    assert.equal(a.email, 'sam@example.com');
    const got = await get(s, poolId, 'sam@example.com');
    assert.equal(got.Username, User!.Username);
    assert.equal((await get(s, poolId, 'SAM@example.com')).Username, User!.Username, 'emails compare case-insensitively');
    const [m] = await messagesFor(s, poolId, 'sam@example.com');
    assert.ok(m!.message.includes('sam@example.com'), 'the invitation names the email the user signs in with');
    assert.ok(m!.message.includes(m!.code!));

    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'sam@example.com', MessageAction: 'SUPPRESS' }),
      'UsernameExistsException',
      'An account with the given email already exists.',
    );
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'not-an-email', MessageAction: 'SUPPRESS' }),
      'InvalidParameterException',
      'Username should be an email.',
    );
  });

  test('changing the email to one another user has is AliasExistsException', async () => {
    const s = server();
    const poolId = await newPool(s, { UsernameAttributes: ['email'] });
    await create(s, { UserPoolId: poolId, Username: 'one@example.com', MessageAction: 'SUPPRESS' });
    await create(s, { UserPoolId: poolId, Username: 'two@example.com', MessageAction: 'SUPPRESS' });
    await rejectsWith(
      s.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'two@example.com', UserAttributes: list({ email: 'one@example.com' }) })),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
    assert.equal(attrs(await get(s, poolId, 'two@example.com')).email, 'two@example.com');
    // A free address moves the sign-in name with it.
    await s.sdk.send(
      new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'two@example.com', UserAttributes: list({ email: 'three@example.com' }) }),
    );
    await get(s, poolId, 'three@example.com');
    await rejectsWith(get(s, poolId, 'two@example.com'), 'UserNotFoundException', 'User does not exist.');
  });
});

describeEachBackend('admin user operations in an email-alias pool', ({ server }) => {
  test('a verified email is an alias; a second user cannot take it unless forced', async () => {
    const s = server();
    const poolId = await newPool(s, { AliasAttributes: ['email', 'preferred_username'] });
    await create(s, {
      UserPoolId: poolId,
      Username: 'tom',
      MessageAction: 'SUPPRESS',
      UserAttributes: list({ email: 'tom@example.com', email_verified: 'true', preferred_username: 'tommy' }),
    });
    assert.equal((await get(s, poolId, 'tom@example.com')).Username, 'tom');
    assert.equal((await get(s, poolId, 'tommy')).Username, 'tom');

    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'uma', MessageAction: 'SUPPRESS', UserAttributes: list({ email: 'tom@example.com', email_verified: 'true' }) }),
      'AliasExistsException',
      'An account with the given email already exists.',
    );
    await rejectsWith(get(s, poolId, 'uma'), 'UserNotFoundException', 'User does not exist.');

    // An unverified copy is no alias, so it is allowed and does not resolve.
    await create(s, { UserPoolId: poolId, Username: 'vic', MessageAction: 'SUPPRESS', UserAttributes: list({ email: 'tom@example.com' }) });
    assert.equal((await get(s, poolId, 'tom@example.com')).Username, 'tom');
    await rejectsWith(
      s.sdk.send(new AdminUpdateUserAttributesCommand({ UserPoolId: poolId, Username: 'vic', UserAttributes: list({ email_verified: 'true' }) })),
      'AliasExistsException',
      'An account with the given email already exists.',
    );

    await create(s, {
      UserPoolId: poolId,
      Username: 'uma',
      MessageAction: 'SUPPRESS',
      ForceAliasCreation: true,
      UserAttributes: list({ email: 'tom@example.com', email_verified: 'true' }),
    });
    assert.equal((await get(s, poolId, 'tom@example.com')).Username, 'uma', 'the alias moved');
    assert.equal(attrs(await get(s, poolId, 'tom')).email_verified, 'false', 'the previous holder is no longer verified');
  });

  test('an email-shaped username is refused in an email-alias pool', async () => {
    const s = server();
    const poolId = await newPool(s, { AliasAttributes: ['email'] });
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'who@example.com', MessageAction: 'SUPPRESS' }),
      'InvalidParameterException',
      'Username cannot be of email format, since user pool is configured for email alias.',
    );
  });
});

describeEachBackend('admin user operations and username case', ({ server }) => {
  test('case-insensitive pools find any case and refuse a case-variant', async () => {
    const s = server();
    const poolId = await newPool(s, { UsernameConfiguration: { CaseSensitive: false } });
    await create(s, { UserPoolId: poolId, Username: 'Wendy', MessageAction: 'SUPPRESS' });
    const got = await get(s, poolId, 'wENDY');
    assert.equal(got.Username, 'Wendy');
    await rejectsWith(
      create(s, { UserPoolId: poolId, Username: 'WENDY', MessageAction: 'SUPPRESS' }),
      'UsernameExistsException',
      'User account already exists',
    );
    await s.sdk.send(new AdminDisableUserCommand({ UserPoolId: poolId, Username: 'wendy' }));
    assert.equal((await get(s, poolId, 'Wendy')).Enabled, false);
    await s.sdk.send(new AdminDeleteUserCommand({ UserPoolId: poolId, Username: 'WENDY' }));
    await rejectsWith(get(s, poolId, 'Wendy'), 'UserNotFoundException', 'User does not exist.');
  });

  test('case-sensitive pools (the API default) keep case-variants apart', async () => {
    const s = server();
    const poolId = await newPool(s);
    await create(s, { UserPoolId: poolId, Username: 'Xena', MessageAction: 'SUPPRESS', UserAttributes: list({ name: 'upper' }) });
    await create(s, { UserPoolId: poolId, Username: 'xena', MessageAction: 'SUPPRESS', UserAttributes: list({ name: 'lower' }) });
    assert.equal(attrs(await get(s, poolId, 'Xena')).name, 'upper');
    assert.equal(attrs(await get(s, poolId, 'xena')).name, 'lower');
    await rejectsWith(get(s, poolId, 'XENA'), 'UserNotFoundException', 'User does not exist.');
  });
});

test("a temporary password holding $& or $' reaches the invitation as it is", () => {
  // Generated passwords draw from ^$*.!@#%& : a replacement string would expand "$&" into the
  // placeholder and "$'" into the rest of the template.
  const pool = { config: {} } as Parameters<typeof invitationText>[0];
  for (const password of ['Ab1$&cdefgh', "Ab1$'cdefgh", 'Ab1$`cdefgh', 'Ab1$$cdefgh']) {
    const { body } = invitationText(pool, 'EMAIL', 'bob$&', password);
    assert.equal(body, `Your username is bob$& and temporary password is ${password}. `);
  }
  assert.equal(verificationText(pool, 'SMS', '12$&34').body, 'Your verification code is 12$&34. ');
});
