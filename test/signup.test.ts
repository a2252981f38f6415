import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfirmSignUpCommand, ResendConfirmationCodeCommand, SignUpCommand, type SignUpCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../src/domain/secret-hash.ts';
import { MAX_CODE_ATTEMPTS } from '../src/users/codes.ts';
import { createClient, createPool, lastCode, messagesFor } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

const PASSWORD = 'Passw0rd!';
const DAY = 24 * 60 * 60 * 1000;
const codeMismatch = 'Invalid verification code provided, please try again.';
const codeExpired = 'Invalid code provided, please request a code again.';
const notFoundForClient = 'Username/client id combination not found.';

describeEachBackend('sign-up and confirmation', ({ server }) => {
  const user = (poolId: string, username: string) => server().services.stores.users.get(poolId, username);

  /** A pool that auto-verifies email, a public client, and a SignUp helper bound to both. */
  async function setup(pool: Parameters<typeof createPool>[1] = { AutoVerifiedAttributes: ['email'] }, clientConfig = {}) {
    const poolId = await createPool(server(), pool);
    const client = await createClient(server(), poolId, { config: clientConfig });
    const signUp = (username: string, extra: Partial<SignUpCommandInput> = {}) =>
      server().sdk.send(
        new SignUpCommand({
          ClientId: client.clientId,
          Username: username,
          Password: PASSWORD,
          UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
          ...extra,
        }),
      );
    const confirm = (username: string, code: string, force?: boolean) =>
      server().sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: username, ConfirmationCode: code, ForceAliasCreation: force }));
    const resend = (username: string) => server().sdk.send(new ResendConfirmationCodeCommand({ ClientId: client.clientId, Username: username }));
    return { poolId, client, signUp, confirm, resend };
  }

  test('SignUp sends a code to the auto-verified email; ConfirmSignUp confirms and verifies it', async () => {
    const { poolId, signUp, confirm, resend } = await setup();
    const out = await signUp('alice');
    assert.equal(out.UserConfirmed, false);
    assert.match(out.UserSub!, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });

    const stored = await user(poolId, 'alice');
    assert.equal(stored!.status, 'UNCONFIRMED');
    assert.equal(stored!.sub, out.UserSub);
    assert.equal(stored!.attributes.email_verified, undefined);

    const sent = await messagesFor(server(), poolId, 'alice');
    assert.equal(sent.length, 1);
    assert.equal(sent[0]!.channel, 'EMAIL');
    assert.equal(sent[0]!.destination, 'alice@example.com');
    assert.match(sent[0]!.code!, /^\d{6}$/);
    assert.ok(sent[0]!.message.includes(sent[0]!.code!));

    assert.deepEqual(
      Object.keys(await confirm('alice', sent[0]!.code!)).filter((k) => k !== '$metadata'),
      [],
    );
    const confirmed = await user(poolId, 'alice');
    assert.equal(confirmed!.status, 'CONFIRMED');
    assert.equal(confirmed!.attributes.email_verified, 'true');

    await rejectsWith(confirm('alice', sent[0]!.code!), 'NotAuthorizedException', 'User cannot be confirmed. Current status is CONFIRMED');
    await rejectsWith(resend('alice'), 'InvalidParameterException', 'User is already confirmed.');
  });

  test('phone is preferred when both are auto-verified; confirming verifies phone_number', async () => {
    const { poolId, signUp, confirm } = await setup({ AutoVerifiedAttributes: ['email', 'phone_number'] });
    const out = await signUp('carol', {
      UserAttributes: [
        { Name: 'email', Value: 'carol@example.com' },
        { Name: 'phone_number', Value: '+14325550100' },
      ],
    });
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: '+*******0100', DeliveryMedium: 'SMS', AttributeName: 'phone_number' });
    const [message] = await messagesFor(server(), poolId, 'carol');
    assert.equal(message!.channel, 'SMS');
    assert.equal(message!.destination, '+14325550100');
    await confirm('carol', message!.code!);
    const confirmed = await user(poolId, 'carol');
    assert.equal(confirmed!.attributes.phone_number_verified, 'true');
    assert.equal(confirmed!.attributes.email_verified, undefined);
  });

  test('without auto-verified attributes no code is sent and ConfirmSignUp has nothing to redeem', async () => {
    const { poolId, signUp, confirm, resend } = await setup({});
    const out = await signUp('dave');
    assert.equal(out.UserConfirmed, false);
    assert.equal(out.CodeDeliveryDetails, undefined);
    assert.deepEqual(await messagesFor(server(), poolId, 'dave'), []);
    await rejectsWith(confirm('dave', '123456'), 'ExpiredCodeException', codeExpired);
    await rejectsWith(resend('dave'), 'InvalidParameterException', 'Auto verification not turned on.');
  });

  test('email-as-username: the code goes to the username, the user is found by email, UserSub is the username', async () => {
    const { poolId, client, confirm } = await setup({ UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const out = await server().sdk.send(new SignUpCommand({ ClientId: client.clientId, Username: 'erin@example.com', Password: PASSWORD }));
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'e***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    await confirm('erin@example.com', await lastCode(server(), poolId, 'erin@example.com'));
    const stored = await user(poolId, out.UserSub!);
    assert.equal(stored!.status, 'CONFIRMED');
    assert.equal(stored!.attributes.email, 'erin@example.com');
    assert.equal(stored!.attributes.email_verified, 'true');
    await rejectsWith(
      server().sdk.send(new SignUpCommand({ ClientId: client.clientId, Username: 'erin@example.com', Password: PASSWORD })),
      'UsernameExistsException',
      'An account with the given email already exists.',
    );
  });

  test('SignUp refusals: admin-only pool, password policy, required attribute, taken username, unauthorized attribute', async () => {
    const adminOnly = await setup({ AdminCreateUserConfig: { AllowAdminCreateUserOnly: true } });
    await rejectsWith(adminOnly.signUp('frank'), 'NotAuthorizedException', 'SignUp is not permitted for this user pool');
    assert.equal(await user(adminOnly.poolId, 'frank'), undefined);

    const { poolId, signUp } = await setup({
      AutoVerifiedAttributes: ['email'],
      Schema: [{ Name: 'given_name', Required: true, AttributeDataType: 'String', Mutable: true }],
    });
    const named = [
      { Name: 'email', Value: 'gina@example.com' },
      { Name: 'given_name', Value: 'Gina' },
    ];
    await rejectsWith(
      signUp('gina', { UserAttributes: named, Password: 'Sh0rt!' }),
      'InvalidPasswordException',
      'Password did not conform with policy: Password not long enough',
    );
    await rejectsWith(
      signUp('gina', { UserAttributes: named, Password: 'passw0rd!' }),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have uppercase characters',
    );
    await rejectsWith(
      signUp('gina', { UserAttributes: named, Password: 'Password!' }),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have numeric characters',
    );
    await rejectsWith(
      signUp('gina', { UserAttributes: named, Password: 'Passw0rdd' }),
      'InvalidPasswordException',
      'Password did not conform with policy: Password must have symbol characters',
    );
    await rejectsWith(signUp('gina'), 'InvalidParameterException', 'Attributes did not conform to the schema: given_name: The attribute is required');
    await rejectsWith(
      signUp('gina', { UserAttributes: [...named, { Name: 'email_verified', Value: 'true' }] }),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
    await rejectsWith(
      signUp('gina', { UserAttributes: [...named, { Name: 'custom:tier', Value: 'gold' }] }),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
    assert.equal(await user(poolId, 'gina'), undefined);
    assert.deepEqual(await messagesFor(server(), poolId, 'gina'), []);

    await signUp('gina', { UserAttributes: named });
    await rejectsWith(signUp('gina', { UserAttributes: named }), 'UsernameExistsException', 'User already exists');
  });

  test('a client WriteAttributes list limits what SignUp may write (required attributes stay writable)', async () => {
    const { signUp } = await setup(
      { AutoVerifiedAttributes: ['email'], Schema: [{ Name: 'email', Required: true, AttributeDataType: 'String', Mutable: true }] },
      { WriteAttributes: ['name'] },
    );
    await signUp('hank', {
      UserAttributes: [
        { Name: 'email', Value: 'hank@example.com' },
        { Name: 'name', Value: 'Hank' },
      ],
    });
    await rejectsWith(
      signUp('hank2', {
        UserAttributes: [
          { Name: 'email', Value: 'hank2@example.com' },
          { Name: 'nickname', Value: 'h' },
        ],
      }),
      'NotAuthorizedException',
      'A client attempted to write unauthorized attribute',
    );
  });

  test('unknown ClientId: ResourceNotFoundException', async () => {
    await rejectsWith(
      server().sdk.send(new SignUpCommand({ ClientId: 'nosuchclient0000000000000a', Username: 'x', Password: PASSWORD })),
      'ResourceNotFoundException',
      'User pool client nosuchclient0000000000000a does not exist.',
    );
    await rejectsWith(
      server().sdk.send(new ConfirmSignUpCommand({ ClientId: 'nosuchclient0000000000000a', Username: 'x', ConfirmationCode: '123456' })),
      'ResourceNotFoundException',
      'User pool client nosuchclient0000000000000a does not exist.',
    );
  });

  test('a wrong code is CodeMismatchException and leaves the user unconfirmed; the right code still works', async () => {
    const { poolId, signUp, confirm } = await setup();
    await signUp('ivan');
    const code = await lastCode(server(), poolId, 'ivan');
    const wrong = code === '000000' ? '111111' : '000000';
    await rejectsWith(confirm('ivan', wrong), 'CodeMismatchException', codeMismatch);
    assert.equal((await user(poolId, 'ivan'))!.status, 'UNCONFIRMED');
    await confirm('ivan', code);
    assert.equal((await user(poolId, 'ivan'))!.status, 'CONFIRMED');
  });

  test(`after ${MAX_CODE_ATTEMPTS} wrong guesses even the right code is refused uncompared, until a new one is sent`, async () => {
    const { poolId, signUp, confirm, resend } = await setup();
    await signUp('judy');
    const code = await lastCode(server(), poolId, 'judy');
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < MAX_CODE_ATTEMPTS; i++) await rejectsWith(confirm('judy', wrong), 'CodeMismatchException', codeMismatch);
    await rejectsWith(confirm('judy', code), 'LimitExceededException', 'Attempt limit exceeded, please try after some time.');
    assert.equal((await user(poolId, 'judy'))!.status, 'UNCONFIRMED');
    await resend('judy');
    await confirm('judy', await lastCode(server(), poolId, 'judy'));
    assert.equal((await user(poolId, 'judy'))!.status, 'CONFIRMED');
  });

  test('a sign-up code expires after 24 hours; a resent code replaces it', async () => {
    const { poolId, signUp, confirm, resend } = await setup();
    await signUp('kim');
    const first = await lastCode(server(), poolId, 'kim');
    server().clock.advance(DAY + 1000);
    await rejectsWith(confirm('kim', first), 'ExpiredCodeException', codeExpired);

    const out = await resend('kim');
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'k***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const sent = await messagesFor(server(), poolId, 'kim');
    assert.equal(sent.length, 2);
    assert.equal(sent[1]!.purpose, 'resend');
    await confirm('kim', sent[1]!.code!);
    assert.equal((await user(poolId, 'kim'))!.status, 'CONFIRMED');
  });

  test('ResendConfirmationCode makes the previous code stop working', async () => {
    const { poolId, signUp, confirm, resend } = await setup();
    await signUp('lena');
    const first = await lastCode(server(), poolId, 'lena');
    await resend('lena');
    const second = await lastCode(server(), poolId, 'lena');
    if (first !== second) await rejectsWith(confirm('lena', first), 'CodeMismatchException', codeMismatch);
    await confirm('lena', second);
    assert.equal((await user(poolId, 'lena'))!.status, 'CONFIRMED');
  });

  test('alias pools: confirming with an email another user holds verified is AliasExistsException until forced', async () => {
    const { poolId, signUp, confirm } = await setup({ AliasAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const shared = [{ Name: 'email', Value: 'shared@example.com' }];
    await signUp('mia', { UserAttributes: shared });
    await confirm('mia', await lastCode(server(), poolId, 'mia'));
    await signUp('ned', { UserAttributes: shared });
    const code = await lastCode(server(), poolId, 'ned');

    await rejectsWith(confirm('ned', code), 'AliasExistsException', 'An account with the given email already exists.');
    assert.equal((await user(poolId, 'ned'))!.status, 'UNCONFIRMED');
    assert.equal(await server().services.stores.users.findAlias(poolId, 'email', 'shared@example.com'), 'mia');

    // The same code works on the forced retry.
    await confirm('ned', code, true);
    assert.equal((await user(poolId, 'ned'))!.status, 'CONFIRMED');
    assert.equal((await user(poolId, 'ned'))!.attributes.email_verified, 'true');
    assert.equal((await user(poolId, 'mia'))!.attributes.email_verified, 'false');
    assert.equal(await server().services.stores.users.findAlias(poolId, 'email', 'shared@example.com'), 'ned');
  });

  test('PreventUserExistenceErrors=LEGACY: unknown users are UserNotFoundException', async () => {
    const { confirm, resend } = await setup({ AutoVerifiedAttributes: ['email'] }, { PreventUserExistenceErrors: 'LEGACY' });
    await rejectsWith(confirm('nobody', '123456'), 'UserNotFoundException', notFoundForClient);
    await rejectsWith(resend('nobody'), 'UserNotFoundException', notFoundForClient);
  });

  test('PreventUserExistenceErrors=ENABLED: unknown users get a wrong-code answer and a simulated delivery', async () => {
    const { poolId, confirm, resend } = await setup({ AutoVerifiedAttributes: ['email'] }, { PreventUserExistenceErrors: 'ENABLED' });
    await rejectsWith(confirm('nobody', '123456'), 'CodeMismatchException', codeMismatch);
    const byEmail = await resend('olga@example.org');
    assert.deepEqual(byEmail.CodeDeliveryDetails, { Destination: 'o***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const first = await resend('nobody');
    assert.equal(first.CodeDeliveryDetails!.DeliveryMedium, 'EMAIL');
    assert.equal(first.CodeDeliveryDetails!.AttributeName, 'email');
    assert.match(first.CodeDeliveryDetails!.Destination!, /^[a-z]\*\*\*@[a-z]\*\*\*$/);
    assert.deepEqual((await resend('nobody')).CodeDeliveryDetails, first.CodeDeliveryDetails, 'repeated probes see the same answer');
    assert.deepEqual(await messagesFor(server(), poolId, 'nobody'), []);
  });

  test('SecretHash: required, checked, and refused for a public client', async () => {
    const poolId = await createPool(server(), { UsernameAttributes: ['email'], AutoVerifiedAttributes: ['email'] });
    const client = await createClient(server(), poolId, { secret: true });
    const id = client.clientId;
    const hash = (name: string) => secretHash(client.secrets[0]!.value, name, id);
    const signUp = (SecretHash?: string) => server().sdk.send(new SignUpCommand({ ClientId: id, Username: 'pat@example.com', Password: PASSWORD, SecretHash }));

    await rejectsWith(signUp(), 'NotAuthorizedException', `Client ${id} is configured with secret but SECRET_HASH was not received`);
    await rejectsWith(signUp(hash('someone@example.com')), 'NotAuthorizedException', `Unable to verify secret hash for client ${id}`);
    const out = await signUp(hash('pat@example.com'));

    const code = await lastCode(server(), poolId, 'pat@example.com');
    const confirm = (SecretHash?: string) =>
      server().sdk.send(new ConfirmSignUpCommand({ ClientId: id, Username: 'pat@example.com', ConfirmationCode: code, SecretHash }));
    await rejectsWith(confirm(), 'NotAuthorizedException', `Client ${id} is configured with secret but SECRET_HASH was not received`);
    await rejectsWith(confirm(hash('pat')), 'NotAuthorizedException', `Unable to verify secret hash for client ${id}`);
    const resend = (SecretHash?: string) => server().sdk.send(new ResendConfirmationCodeCommand({ ClientId: id, Username: 'pat@example.com', SecretHash }));
    await rejectsWith(resend(), 'NotAuthorizedException', `Client ${id} is configured with secret but SECRET_HASH was not received`);
    await rejectsWith(resend(hash('x')), 'NotAuthorizedException', `Unable to verify secret hash for client ${id}`);
    // A hash over the internal username (the sub here) is accepted as well as one over the email typed.
    await resend(hash(out.UserSub!));
    const fresh = await lastCode(server(), poolId, 'pat@example.com');
    await server().sdk.send(
      new ConfirmSignUpCommand({ ClientId: id, Username: 'pat@example.com', ConfirmationCode: fresh, SecretHash: hash('pat@example.com') }),
    );
    assert.equal((await user(poolId, out.UserSub!))!.status, 'CONFIRMED');

    const publicClient = await createClient(server(), poolId);
    await rejectsWith(
      server().sdk.send(
        new SignUpCommand({ ClientId: publicClient.clientId, Username: 'quinn@example.com', Password: PASSWORD, SecretHash: hash('quinn@example.com') }),
      ),
      'InvalidParameterException',
      `App client ${publicClient.clientId} is not configured for secret but secret hash was received`,
    );
  });

  test('public operations work unsigned; bad input is a Cognito-shaped validation error', async () => {
    const { client } = await setup();
    const call = (target: string, body: unknown) =>
      fetch(server().url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-amz-json-1.1', 'x-amz-target': `AWSCognitoIdentityProviderService.${target}` },
        body: JSON.stringify(body),
      });
    const ok = await call('SignUp', {
      ClientId: client.clientId,
      Username: 'rita',
      Password: PASSWORD,
      UserAttributes: [{ Name: 'email', Value: 'rita@example.com' }],
    });
    assert.equal(ok.status, 200);
    assert.equal(((await ok.json()) as { UserConfirmed: boolean }).UserConfirmed, false);

    const bad = await call('SignUp', { ClientId: client.clientId, Password: PASSWORD });
    assert.equal(bad.status, 400);
    assert.deepEqual(await bad.json(), {
      __type: 'InvalidParameterException',
      message: "1 validation error detected: Value at 'username' failed to satisfy constraint: Member must not be null",
    });
    const noPassword = await call('SignUp', { ClientId: client.clientId, Username: 'sam' });
    assert.equal(noPassword.status, 400);
    assert.equal(((await noPassword.json()) as { __type: string }).__type, 'InvalidParameterException');
    const badCode = await call('ConfirmSignUp', { ClientId: client.clientId, Username: 'rita', ConfirmationCode: '' });
    assert.equal(badCode.status, 400);
    assert.equal(((await badCode.json()) as { __type: string }).__type, 'InvalidParameterException');
  });
});
