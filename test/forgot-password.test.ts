import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfirmForgotPasswordCommand, ConfirmSignUpCommand, ForgotPasswordCommand, SignUpCommand } from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../src/domain/secret-hash.ts';
import { verifyPassword } from '../src/crypto/srp.ts';
import { poolName } from '../src/domain/pool.ts';
import type { ClientConfig, User } from '../src/domain/types.ts';
import { createClient, createPool, lastCode, messagesFor } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

const PASSWORD = 'Passw0rd!';
const NEW_PASSWORD = 'N3w-passw0rd';
const HOUR = 60 * 60 * 1000;
const codeMismatch = 'Invalid verification code provided, please try again.';
const codeExpired = 'Invalid code provided, please request a code again.';
const notFoundForClient = 'Username/client id combination not found.';
const noChannel = 'Cannot reset password for the user as there is no registered/verified email or phone_number';

describeEachBackend('forgot password', ({ server }) => {
  const stores = () => server().services.stores;

  async function patchUser(poolId: string, username: string, change: (u: User) => void): Promise<void> {
    const u = (await stores().users.get(poolId, username))!;
    change(u);
    await stores().users.update(u, username);
  }

  /**
   * A pool (email auto-verified unless `pool` says otherwise), a client, and helpers; `confirmed`
   * signs a user up and confirms them over the wire, so their email is verified.
   */
  async function setup(pool: Parameters<typeof createPool>[1] = {}, clientConfig: ClientConfig = {}) {
    const poolId = await createPool(server(), { AutoVerifiedAttributes: ['email'], ...pool });
    const client = await createClient(server(), poolId, { config: clientConfig });
    const id = client.clientId;
    const signUp = (username: string, attributes: { Name: string; Value: string }[] = [{ Name: 'email', Value: `${username}@example.com` }]) =>
      server().sdk.send(new SignUpCommand({ ClientId: id, Username: username, Password: PASSWORD, UserAttributes: attributes }));
    const confirmed = async (username: string, attributes?: { Name: string; Value: string }[]) => {
      await signUp(username, attributes);
      const code = await lastCode(server(), poolId, username);
      await server().sdk.send(new ConfirmSignUpCommand({ ClientId: id, Username: username, ConfirmationCode: code }));
    };
    const forgot = (username: string) => server().sdk.send(new ForgotPasswordCommand({ ClientId: id, Username: username }));
    const reset = (username: string, code: string, password = NEW_PASSWORD) =>
      server().sdk.send(new ConfirmForgotPasswordCommand({ ClientId: id, Username: username, ConfirmationCode: code, Password: password }));
    const passwordIs = async (username: string, password: string) => {
      const u = (await stores().users.get(poolId, username))!;
      const p = await stores().pools.get(poolId);
      return verifyPassword(poolName(p!), u.username, password, u.password!);
    };
    return { poolId, client, signUp, confirmed, forgot, reset, passwordIs };
  }

  test('ForgotPassword sends a code to the verified email; ConfirmForgotPassword sets the password', async () => {
    const { poolId, confirmed, forgot, reset, passwordIs } = await setup();
    await confirmed('alice');
    const out = await forgot('alice');
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const message = (await messagesFor(server(), poolId, 'alice')).at(-1)!;
    assert.equal(message.purpose, 'forgot');
    assert.equal(message.destination, 'alice@example.com');
    assert.match(message.code!, /^\d{6}$/);
    // Nothing changes until the reset is confirmed.
    assert.equal((await stores().users.get(poolId, 'alice'))!.status, 'CONFIRMED');
    assert.equal(await passwordIs('alice', PASSWORD), true);

    const done = await reset('alice', message.code!);
    assert.deepEqual(
      Object.keys(done).filter((k) => k !== '$metadata'),
      [],
    );
    const after = (await stores().users.get(poolId, 'alice'))!;
    assert.equal(after.status, 'CONFIRMED');
    assert.equal(await passwordIs('alice', NEW_PASSWORD), true);
    assert.equal(await passwordIs('alice', PASSWORD), false);

    await rejectsWith(reset('alice', message.code!, 'An0ther-pass'), 'ExpiredCodeException', codeExpired);
    assert.equal(await passwordIs('alice', NEW_PASSWORD), true);
  });

  test('a weak new password is refused before the code is used', async () => {
    const { poolId, confirmed, forgot, reset, passwordIs } = await setup();
    await confirmed('bob');
    await forgot('bob');
    const code = await lastCode(server(), poolId, 'bob');
    await rejectsWith(reset('bob', code, 'Sh0rt!'), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
    await rejectsWith(
      reset('bob', code, 'nouppercase1!'),
      'InvalidPasswordException',
      'Password does not conform to policy: Password must have uppercase characters',
    );
    await rejectsWith(
      reset('bob', code, 'NOLOWERCASE1!'),
      'InvalidPasswordException',
      'Password does not conform to policy: Password must have lowercase characters',
    );
    await reset('bob', code);
    assert.equal(await passwordIs('bob', NEW_PASSWORD), true);
  });

  test('a wrong code is CodeMismatchException; an expired one ExpiredCodeException', async () => {
    const { poolId, confirmed, forgot, reset, passwordIs } = await setup();
    await confirmed('carl');
    await forgot('carl');
    const code = await lastCode(server(), poolId, 'carl');
    await rejectsWith(reset('carl', code === '000000' ? '111111' : '000000'), 'CodeMismatchException', codeMismatch);
    server().clock.advance(HOUR + 1000);
    await rejectsWith(reset('carl', code), 'ExpiredCodeException', codeExpired);
    assert.equal(await passwordIs('carl', PASSWORD), true);
    // A new request gives a new code that works.
    await forgot('carl');
    await reset('carl', await lastCode(server(), poolId, 'carl'));
    assert.equal(await passwordIs('carl', NEW_PASSWORD), true);
  });

  test('a RESET_REQUIRED user becomes CONFIRMED', async () => {
    const { poolId, confirmed, forgot, reset } = await setup();
    await confirmed('dora');
    await patchUser(poolId, 'dora', (u) => (u.status = 'RESET_REQUIRED'));
    await forgot('dora');
    await reset('dora', await lastCode(server(), poolId, 'dora'));
    assert.equal((await stores().users.get(poolId, 'dora'))!.status, 'CONFIRMED');
  });

  test('only a verified address receives a reset code', async () => {
    const { poolId, signUp, forgot } = await setup({ AutoVerifiedAttributes: [] });
    await signUp('eve');
    await patchUser(poolId, 'eve', (u) => (u.status = 'CONFIRMED'));
    await rejectsWith(forgot('eve'), 'InvalidParameterException', noChannel);
    await patchUser(poolId, 'eve', (u) => {
      u.attributes.phone_number = '+14325550100';
      u.attributes.phone_number_verified = 'false';
    });
    await rejectsWith(forgot('eve'), 'InvalidParameterException', noChannel);
    assert.deepEqual(await messagesFor(server(), poolId, 'eve'), []);
    await patchUser(poolId, 'eve', (u) => (u.attributes.email_verified = 'true'));
    const out = await forgot('eve');
    assert.equal(out.CodeDeliveryDetails!.DeliveryMedium, 'EMAIL');
  });

  test('the channel follows AccountRecoverySetting; by default a verified phone comes first', async () => {
    const both = [
      { Name: 'email', Value: 'fay@example.com' },
      { Name: 'phone_number', Value: '+14325550199' },
    ];
    const byDefault = await setup();
    await byDefault.confirmed('fay', both);
    await patchUser(byDefault.poolId, 'fay', (u) => (u.attributes.phone_number_verified = 'true'));
    assert.deepEqual((await byDefault.forgot('fay')).CodeDeliveryDetails, {
      Destination: '+*******0199',
      DeliveryMedium: 'SMS',
      AttributeName: 'phone_number',
    });
    const sms = (await messagesFor(server(), byDefault.poolId, 'fay')).at(-1)!;
    assert.equal(sms.channel, 'SMS');
    assert.equal(sms.destination, '+14325550199');

    const emailFirst = await setup({
      AccountRecoverySetting: {
        RecoveryMechanisms: [
          { Name: 'verified_phone_number', Priority: 2 },
          { Name: 'verified_email', Priority: 1 },
        ],
      },
    });
    await emailFirst.confirmed('fay', both);
    await patchUser(emailFirst.poolId, 'fay', (u) => (u.attributes.phone_number_verified = 'true'));
    assert.equal((await emailFirst.forgot('fay')).CodeDeliveryDetails!.DeliveryMedium, 'EMAIL');
    // An unverified first choice falls through to the next mechanism.
    await patchUser(emailFirst.poolId, 'fay', (u) => (u.attributes.email_verified = 'false'));
    assert.equal((await emailFirst.forgot('fay')).CodeDeliveryDetails!.DeliveryMedium, 'SMS');
  });

  test('refusals: admin_only recovery, FORCE_CHANGE_PASSWORD, disabled user', async () => {
    const adminOnly = await setup({ AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } });
    await adminOnly.confirmed('gus');
    await rejectsWith(adminOnly.forgot('gus'), 'NotAuthorizedException', 'Contact administrator to reset password.');

    const { poolId, confirmed, forgot } = await setup();
    await confirmed('hal');
    await patchUser(poolId, 'hal', (u) => (u.status = 'FORCE_CHANGE_PASSWORD'));
    await rejectsWith(forgot('hal'), 'NotAuthorizedException', 'User password cannot be reset in the current state.');
    await confirmed('ida');
    await patchUser(poolId, 'ida', (u) => (u.enabled = false));
    await rejectsWith(forgot('ida'), 'NotAuthorizedException', 'User is disabled.');
    assert.equal((await messagesFor(server(), poolId, 'hal')).filter((m) => m.purpose === 'forgot').length, 0);
    assert.equal((await messagesFor(server(), poolId, 'ida')).filter((m) => m.purpose === 'forgot').length, 0);
  });

  test('the user may be named by an alias: the email in an email-as-username pool', async () => {
    const poolId = await createPool(server(), { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const client = await createClient(server(), poolId, { secret: true });
    const id = client.clientId;
    const hash = (name: string) => secretHash(client.secrets[0]!.value, name, id);
    const { UserSub } = await server().sdk.send(
      new SignUpCommand({ ClientId: id, Username: 'jo@example.com', Password: PASSWORD, SecretHash: hash('jo@example.com') }),
    );
    await server().sdk.send(
      new ConfirmSignUpCommand({
        ClientId: id,
        Username: 'jo@example.com',
        ConfirmationCode: await lastCode(server(), poolId, 'jo@example.com'),
        SecretHash: hash('jo@example.com'),
      }),
    );
    const forgot = (SecretHash?: string) => server().sdk.send(new ForgotPasswordCommand({ ClientId: id, Username: 'jo@example.com', SecretHash }));
    await rejectsWith(forgot(), 'NotAuthorizedException', `Client ${id} is configured with secret but SECRET_HASH was not received`);
    await rejectsWith(forgot(hash('someone-else')), 'NotAuthorizedException', `Unable to verify secret hash for client ${id}`);
    await forgot(hash('jo@example.com'));
    const code = await lastCode(server(), poolId, 'jo@example.com');
    const reset = (SecretHash?: string) =>
      server().sdk.send(
        new ConfirmForgotPasswordCommand({ ClientId: id, Username: 'jo@example.com', ConfirmationCode: code, Password: NEW_PASSWORD, SecretHash }),
      );
    await rejectsWith(reset(), 'NotAuthorizedException', `Client ${id} is configured with secret but SECRET_HASH was not received`);
    await rejectsWith(reset(hash('jo')), 'NotAuthorizedException', `Unable to verify secret hash for client ${id}`);
    // Hashed over the internal username (the sub) rather than the email typed: also accepted.
    await reset(hash(UserSub!));
    const u = (await stores().users.getBySub(poolId, UserSub!))!;
    assert.equal(u.status, 'CONFIRMED');
    assert.equal(verifyPassword(poolName((await stores().pools.get(poolId))!), u.username, NEW_PASSWORD, u.password!), true);

    const publicClient = await createClient(server(), poolId);
    await rejectsWith(
      server().sdk.send(new ForgotPasswordCommand({ ClientId: publicClient.clientId, Username: 'jo@example.com', SecretHash: hash('jo@example.com') })),
      'InvalidParameterException',
      `App client ${publicClient.clientId} is not configured for secret but secret hash was received`,
    );
  });

  test('PreventUserExistenceErrors=LEGACY: unknown users are UserNotFoundException', async () => {
    const { forgot, reset } = await setup({}, { PreventUserExistenceErrors: 'LEGACY' });
    await rejectsWith(forgot('nobody'), 'UserNotFoundException', notFoundForClient);
    await rejectsWith(reset('nobody', '123456'), 'UserNotFoundException', notFoundForClient);
    const unset = await setup();
    await rejectsWith(unset.forgot('nobody'), 'UserNotFoundException', notFoundForClient);
  });

  test('PreventUserExistenceErrors=ENABLED: unknown users get a simulated delivery and a wrong-code answer', async () => {
    const { poolId, forgot, reset } = await setup({}, { PreventUserExistenceErrors: 'ENABLED' });
    assert.deepEqual((await forgot('kate@example.net')).CodeDeliveryDetails, { Destination: 'k***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const first = (await forgot('nobody')).CodeDeliveryDetails!;
    // The default recovery order puts a verified phone first.
    assert.equal(first.DeliveryMedium, 'SMS');
    assert.equal(first.AttributeName, 'phone_number');
    assert.match(first.Destination!, /^\+\*{7}\d{4}$/);
    assert.deepEqual((await forgot('nobody')).CodeDeliveryDetails, first, 'repeated probes see the same answer');
    assert.deepEqual(await messagesFor(server(), poolId, 'nobody'), []);

    await rejectsWith(reset('nobody', '123456'), 'CodeMismatchException', codeMismatch);
    await rejectsWith(reset('nobody', '123456', 'weak'), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough');

    const adminOnly = await setup(
      { AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'admin_only', Priority: 1 }] } },
      { PreventUserExistenceErrors: 'ENABLED' },
    );
    await rejectsWith(adminOnly.forgot('nobody'), 'NotAuthorizedException', 'Contact administrator to reset password.');
  });
});
