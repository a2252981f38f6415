import assert from 'node:assert/strict';
import { test } from 'node:test';
import { boto3RejectsWith, describeBoto3 } from './support/boto3.ts';
import { lastCode, messagesFor } from './support/fixtures.ts';

// Sign-in, sign-up and password reset through boto3, compared with the JavaScript SDK tests
// (test/sign-in.test.ts, test/signup.test.ts, test/forgot-password.test.ts).

const PASSWORD = 'Corr3ct-Horse!';
const FLOWS = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];
const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

describeBoto3('boto3: sign-in', ({ boto3 }) => {
  /** A pool, a client (with a secret when asked) allowing the password flows, and a confirmed user alice. */
  async function setup(options: { secret?: boolean; pool?: Record<string, unknown> } = {}) {
    const poolId: string = (await boto3().call('create_user_pool', { PoolName: 'sign-in', ...options.pool })).UserPool.Id;
    const { UserPoolClient } = await boto3().call('create_user_pool_client', {
      UserPoolId: poolId,
      ClientName: 'app',
      GenerateSecret: options.secret ?? false,
      ExplicitAuthFlows: FLOWS,
    });
    await boto3().call('admin_create_user', {
      UserPoolId: poolId,
      Username: 'alice',
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
      ],
    });
    await boto3().call('admin_set_user_password', { UserPoolId: poolId, Username: 'alice', Password: PASSWORD, Permanent: true });
    return { poolId, clientId: UserPoolClient.ClientId as string, clientSecret: UserPoolClient.ClientSecret as string | undefined };
  }

  test('initiate_auth USER_PASSWORD_AUTH with a SECRET_HASH computed in Python; then get_user and a refresh', async () => {
    const { clientId, clientSecret } = await setup({ secret: true });
    assert.ok(clientSecret);
    const signIn = `
result = client.initiate_auth(
    ClientId=client_id,
    AuthFlow='USER_PASSWORD_AUTH',
    AuthParameters={'USERNAME': username, 'PASSWORD': password, 'SECRET_HASH': secret_hash(username, client_id, client_secret)},
)
`;
    const vars = { client_id: clientId, client_secret: clientSecret, username: 'alice', password: PASSWORD };
    const res = await boto3().python(signIn, vars);
    assert.equal(res.ChallengeName, undefined);
    assert.deepEqual(res.ChallengeParameters, {});
    const r = res.AuthenticationResult;
    assert.equal(r.TokenType, 'Bearer');
    assert.equal(r.ExpiresIn, 3600);
    assert.ok(r.RefreshToken);
    assert.equal(decode(r.AccessToken).username, 'alice');
    assert.equal(decode(r.IdToken)['cognito:username'], 'alice');

    // GetUser is unsigned in botocore's model and authorised by the access token alone.
    const me = await boto3().call('get_user', { AccessToken: r.AccessToken });
    assert.equal(me.Username, 'alice');
    assert.equal(me.UserAttributes.find((a: { Name: string }) => a.Name === 'email').Value, 'alice@example.com');

    const refreshed = await boto3().python(
      `
result = client.initiate_auth(
    ClientId=client_id,
    AuthFlow='REFRESH_TOKEN_AUTH',
    AuthParameters={'REFRESH_TOKEN': refresh_token, 'SECRET_HASH': secret_hash(username, client_id, client_secret)},
)
`,
      { ...vars, refresh_token: r.RefreshToken },
    );
    assert.equal(decode(refreshed.AuthenticationResult.AccessToken).username, 'alice');
    assert.equal(refreshed.AuthenticationResult.RefreshToken, undefined);

    // A wrong hash, and none at all.
    await boto3RejectsWith(
      boto3().python(signIn, { ...vars, client_secret: 'wrong' }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${clientId}`,
    );
    await boto3RejectsWith(
      boto3().call('initiate_auth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD } }),
      'NotAuthorizedException',
      `Client ${clientId} is configured with secret but SECRET_HASH was not received`,
    );
    await boto3RejectsWith(boto3().call('get_user', { AccessToken: 'not-a-token' }), 'NotAuthorizedException', 'Invalid Access Token');
  });

  test('admin_initiate_auth ADMIN_USER_PASSWORD_AUTH; a wrong password and an unknown user', async () => {
    const { poolId, clientId } = await setup();
    const res = await boto3().call('admin_initiate_auth', {
      UserPoolId: poolId,
      ClientId: clientId,
      AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'alice', PASSWORD },
    });
    assert.equal(decode(res.AuthenticationResult.IdToken)['cognito:username'], 'alice');
    assert.equal(decode(res.AuthenticationResult.IdToken).email, 'alice@example.com');

    await boto3RejectsWith(
      boto3().call('initiate_auth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'alice', PASSWORD: 'Wrong-passw0rd!' } }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    await boto3RejectsWith(
      boto3().call('initiate_auth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'nobody', PASSWORD } }),
      'UserNotFoundException',
      'User does not exist.',
    );
    await boto3RejectsWith(
      boto3().call('admin_initiate_auth', { UserPoolId: poolId, ClientId: clientId, AuthFlow: 'ADMIN_USER_PASSWORD_AUTH', AuthParameters: { PASSWORD } }),
      'InvalidParameterException',
      'Missing required parameter USERNAME',
    );
  });

  test('respond_to_auth_challenge NEW_PASSWORD_REQUIRED for an invited user', async () => {
    const { clientId, poolId } = await setup({ pool: { Policies: { PasswordPolicy: { MinimumLength: 10 } } } });
    await boto3().call('admin_create_user', {
      UserPoolId: poolId,
      Username: 'carol',
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
    });
    const first = await boto3().call('initiate_auth', {
      ClientId: clientId,
      AuthFlow: 'USER_PASSWORD_AUTH',
      AuthParameters: { USERNAME: 'carol', PASSWORD: 'Temp-Passw0rd!' },
    });
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.equal(first.AuthenticationResult, undefined);
    assert.equal(first.ChallengeParameters.USER_ID_FOR_SRP, 'carol');
    assert.deepEqual(JSON.parse(first.ChallengeParameters.userAttributes), { email: 'carol@example.com' });
    const respond = (NEW_PASSWORD: string, Session: string) =>
      boto3().call('respond_to_auth_challenge', {
        ClientId: clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session,
        ChallengeResponses: { USERNAME: 'carol', NEW_PASSWORD },
      });
    await boto3RejectsWith(respond('Sh0rt!', first.Session), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
    const done = await respond('Brand-new-passw0rd!', first.Session);
    assert.equal(decode(done.AuthenticationResult.AccessToken).username, 'carol');
    assert.equal((await boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'carol' })).UserStatus, 'CONFIRMED');
    await boto3RejectsWith(
      respond('Another-passw0rd!', first.Session),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
    );
  });
});

describeBoto3('boto3: sign-up and password reset', ({ server, boto3 }) => {
  async function setup() {
    const poolId: string = (await boto3().call('create_user_pool', { PoolName: 'sign-up', AutoVerifiedAttributes: ['email'] })).UserPool.Id;
    const clientId: string = (await boto3().call('create_user_pool_client', { UserPoolId: poolId, ClientName: 'app', ExplicitAuthFlows: FLOWS })).UserPoolClient
      .ClientId;
    return { poolId, clientId };
  }

  test('sign_up, then confirm_sign_up with the code from the messages endpoint', async () => {
    const { poolId, clientId } = await setup();
    const out = await boto3().call('sign_up', {
      ClientId: clientId,
      Username: 'alice',
      Password: 'Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: 'alice@example.com' }],
    });
    assert.equal(out.UserConfirmed, false);
    assert.match(out.UserSub, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'a***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const code = await lastCode(server(), poolId, 'alice');
    assert.match(code, /^\d{6}$/);

    const wrong = code === '000000' ? '111111' : '000000';
    await boto3RejectsWith(
      boto3().call('confirm_sign_up', { ClientId: clientId, Username: 'alice', ConfirmationCode: wrong }),
      'CodeMismatchException',
      'Invalid verification code provided, please try again.',
    );
    const confirmed = await boto3().call('confirm_sign_up', { ClientId: clientId, Username: 'alice', ConfirmationCode: code });
    assert.deepEqual(Object.keys(confirmed), ['ResponseMetadata']);
    const user = await boto3().call('admin_get_user', { UserPoolId: poolId, Username: 'alice' });
    assert.equal(user.UserStatus, 'CONFIRMED');
    assert.equal(user.UserAttributes.find((a: { Name: string }) => a.Name === 'email_verified').Value, 'true');
    await boto3RejectsWith(
      boto3().call('confirm_sign_up', { ClientId: clientId, Username: 'alice', ConfirmationCode: code }),
      'NotAuthorizedException',
      'User cannot be confirmed. Current status is CONFIRMED',
    );
    await boto3RejectsWith(
      boto3().call('sign_up', { ClientId: clientId, Username: 'alice', Password: 'Passw0rd!', UserAttributes: [{ Name: 'email', Value: 'a@example.com' }] }),
      'UsernameExistsException',
      'User already exists',
    );
  });

  test('forgot_password, then confirm_forgot_password with the code; the new password signs in', async () => {
    const { poolId, clientId } = await setup();
    await boto3().call('sign_up', {
      ClientId: clientId,
      Username: 'bob',
      Password: 'Passw0rd!',
      UserAttributes: [{ Name: 'email', Value: 'bob@example.com' }],
    });
    await boto3().call('confirm_sign_up', { ClientId: clientId, Username: 'bob', ConfirmationCode: await lastCode(server(), poolId, 'bob') });

    const out = await boto3().call('forgot_password', { ClientId: clientId, Username: 'bob' });
    assert.deepEqual(out.CodeDeliveryDetails, { Destination: 'b***@e***', DeliveryMedium: 'EMAIL', AttributeName: 'email' });
    const message = (await messagesFor(server(), poolId, 'bob')).at(-1)!;
    assert.equal(message.purpose, 'forgot');
    const reset = (ConfirmationCode: string, Password = 'N3w-passw0rd') =>
      boto3().call('confirm_forgot_password', { ClientId: clientId, Username: 'bob', ConfirmationCode, Password });
    await boto3RejectsWith(reset(message.code!, 'Sh0rt!'), 'InvalidPasswordException', 'Password does not conform to policy: Password not long enough');
    assert.deepEqual(Object.keys(await reset(message.code!)), ['ResponseMetadata']);
    await boto3RejectsWith(reset(message.code!, 'An0ther-pass'), 'ExpiredCodeException', 'Invalid code provided, please request a code again.');

    const signIn = (PASSWORD: string) =>
      boto3().call('initiate_auth', { ClientId: clientId, AuthFlow: 'USER_PASSWORD_AUTH', AuthParameters: { USERNAME: 'bob', PASSWORD } });
    assert.ok((await signIn('N3w-passw0rd')).AuthenticationResult.AccessToken);
    await boto3RejectsWith(signIn('Passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
    await boto3RejectsWith(
      boto3().call('forgot_password', { ClientId: clientId, Username: 'nobody' }),
      'UserNotFoundException',
      'Username/client id combination not found.',
    );
  });
});
