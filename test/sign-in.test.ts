import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDisableUserCommand,
  AdminInitiateAuthCommand,
  AdminResetUserPasswordCommand,
  AdminRespondToAuthChallengeCommand,
  AdminGetUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { secretHash } from '../src/domain/secret-hash.ts';
import { adminPasswordAuth, passwordAuth, respond, signInSetup } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend } from './support/server.ts';

const decode = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));

describeEachBackend('password sign-in', ({ server }) => {
  test('USER_PASSWORD_AUTH returns tokens for the right password', async () => {
    const s = await signInSetup(server());
    const res = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(res.ChallengeName, undefined);
    assert.deepEqual(res.ChallengeParameters, {});
    const r = res.AuthenticationResult!;
    assert.equal(r.TokenType, 'Bearer');
    assert.equal(r.ExpiresIn, 3600);
    assert.ok(r.RefreshToken);
    assert.equal(decode(r.AccessToken!).username, 'alice');
    assert.equal(decode(r.IdToken!)['cognito:username'], 'alice');
  });

  test('the email alias signs in too, and tokens carry the real username', async () => {
    const s = await signInSetup(server(), { pool: { AliasAttributes: ['email'] } });
    const res = await passwordAuth(server(), s, 'alice@example.com', s.password);
    assert.equal(decode(res.AuthenticationResult!.AccessToken!).username, 'alice');
  });

  test('a wrong password is NotAuthorizedException', async () => {
    const s = await signInSetup(server());
    await rejectsWith(passwordAuth(server(), s, s.username, 'Wrong-passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  test('an unknown user is UserNotFoundException (LEGACY) or looks like a wrong password (ENABLED)', async () => {
    const legacy = await signInSetup(server());
    await rejectsWith(passwordAuth(server(), legacy, 'nobody', 'Whatever-1!'), 'UserNotFoundException', 'User does not exist.');
    const hidden = await signInSetup(server(), { client: { PreventUserExistenceErrors: 'ENABLED' } });
    await rejectsWith(passwordAuth(server(), hidden, 'nobody', 'Whatever-1!'), 'NotAuthorizedException', 'Incorrect username or password.');
  });

  test('the client must allow the flow', async () => {
    const s = await signInSetup(server(), { client: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'InvalidParameterException', 'USER_PASSWORD_AUTH flow not enabled for this client');
    await rejectsWith(adminPasswordAuth(server(), s, s.username, s.password), 'InvalidParameterException', 'Auth flow not enabled for this client');
  });

  test('a legacy custom-only client refuses password flows', async () => {
    const s = await signInSetup(server(), { client: { ExplicitAuthFlows: ['CUSTOM_AUTH_FLOW_ONLY'] } });
    await rejectsWith(
      passwordAuth(server(), s, s.username, s.password),
      'InvalidParameterException',
      'Only custom auth (lambda driven) is enabled for this client.',
    );
  });

  test('ADMIN_USER_PASSWORD_AUTH and its legacy name ADMIN_NO_SRP_AUTH sign in through AdminInitiateAuth only', async () => {
    const s = await signInSetup(server());
    for (const flow of ['ADMIN_USER_PASSWORD_AUTH', 'ADMIN_NO_SRP_AUTH'] as const) {
      const res = await adminPasswordAuth(server(), s, s.username, s.password, flow);
      assert.ok(res.AuthenticationResult?.AccessToken);
    }
    await rejectsWith(
      server().sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: s.poolId,
          ClientId: s.client.clientId,
          AuthFlow: 'USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: s.username, PASSWORD: s.password },
        }),
      ),
      'InvalidParameterException',
      'Initiate Auth method not supported.',
    );
    const other = await createPool(server());
    await rejectsWith(
      server().sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: other,
          ClientId: s.client.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: s.username, PASSWORD: s.password },
        }),
      ),
      'ResourceNotFoundException',
      `User pool client ${s.client.clientId} does not exist.`,
    );
  });

  test('missing parameters and unknown clients', async () => {
    const s = await signInSetup(server());
    await rejectsWith(
      server().sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: s.poolId,
          ClientId: s.client.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { PASSWORD: 'x' },
        }),
      ),
      'InvalidParameterException',
      'Missing required parameter USERNAME',
    );
    await rejectsWith(
      passwordAuth(server(), { client: { ...s.client, clientId: 'nosuchclient0000000000000' } }, s.username, s.password),
      'ResourceNotFoundException',
      'User pool client nosuchclient0000000000000 does not exist.',
    );
  });

  test('SECRET_HASH is required, checked, and refused where the client has no secret', async () => {
    const s = await signInSetup(server(), { secret: true, pool: { AliasAttributes: ['email'] } });
    const id = s.client.clientId;
    await rejectsWith(
      passwordAuth(server(), s, s.username, s.password),
      'NotAuthorizedException',
      `Client ${id} is configured with secret but SECRET_HASH was not received`,
    );
    await rejectsWith(
      passwordAuth(server(), s, s.username, s.password, { SECRET_HASH: secretHash('wrong', s.username, id) }),
      'NotAuthorizedException',
      `Unable to verify secret hash for client ${id}`,
    );
    const ok = await passwordAuth(server(), s, s.username, s.password, { SECRET_HASH: secretHash(s.client.secrets[0]!.value, s.username, id) });
    assert.ok(ok.AuthenticationResult);
    // Over the alias the user typed, too.
    const alias = await passwordAuth(server(), s, 'alice@example.com', s.password, {
      SECRET_HASH: secretHash(s.client.secrets[0]!.value, 'alice@example.com', id),
    });
    assert.ok(alias.AuthenticationResult);
    const noSecret = await signInSetup(server());
    await rejectsWith(
      passwordAuth(server(), noSecret, noSecret.username, noSecret.password, { SECRET_HASH: 'c29tZXRoaW5n' }),
      'InvalidParameterException',
      `App client ${noSecret.client.clientId} is not configured for secret but secret hash was received`,
    );
  });

  test('unconfirmed, disabled and reset-required users', async () => {
    const s = await signInSetup(server());
    const { sdk } = server();
    await sdk.send(new SignUpCommand({ ClientId: s.client.clientId, Username: 'bob', Password: 'Bob-passw0rd!' }));
    // The confirmation check comes before the password check.
    await rejectsWith(passwordAuth(server(), s, 'bob', 'Wrong-passw0rd!'), 'UserNotConfirmedException', 'User is not confirmed.');
    await rejectsWith(passwordAuth(server(), s, 'bob', 'Bob-passw0rd!'), 'UserNotConfirmedException', 'User is not confirmed.');

    await sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: s.poolId, Username: s.username }));
    await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'PasswordResetRequiredException', 'Password reset required for the user');

    const d = await signInSetup(server());
    await sdk.send(new AdminDisableUserCommand({ UserPoolId: d.poolId, Username: d.username }));
    await rejectsWith(passwordAuth(server(), d, d.username, d.password), 'NotAuthorizedException', 'User is disabled.');
  });
});

describeEachBackend('NEW_PASSWORD_REQUIRED', ({ server }) => {
  async function invited(options: { required?: string[] } = {}) {
    const poolId = await createPool(server(), {
      ...(options.required ? { Schema: options.required.map((Name) => ({ Name, Required: true, Mutable: true, AttributeDataType: 'String' as const })) } : {}),
      Policies: { PasswordPolicy: { MinimumLength: 10 } },
    });
    const client = await createClient(server(), poolId, {
      config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    });
    await server().sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'carol',
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    );
    return { poolId, client };
  }

  test('the temporary password leads to the challenge, with both attribute lists as JSON', async () => {
    const s = await invited({ required: ['name'] });
    const res = await passwordAuth(server(), s, 'carol', 'Temp-Passw0rd!');
    assert.equal(res.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.ok(res.Session && res.Session.length >= 20);
    const p = res.ChallengeParameters!;
    assert.equal(p.USER_ID_FOR_SRP, 'carol');
    assert.deepEqual(JSON.parse(p.requiredAttributes!), ['userAttributes.name']);
    assert.deepEqual(JSON.parse(p.userAttributes!), { email: 'carol@example.com' });
  });

  test('a weak password and a missing required attribute are refused and the session still works; then tokens', async () => {
    const s = await invited({ required: ['name'] });
    const { Session } = await passwordAuth(server(), s, 'carol', 'Temp-Passw0rd!');
    await rejectsWith(
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', Session, { USERNAME: 'carol', NEW_PASSWORD: 'Sh0rt!' }),
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    );
    await rejectsWith(
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', Session, { USERNAME: 'carol', NEW_PASSWORD: 'Brand-new-passw0rd!' }),
      'InvalidParameterException',
      'Invalid attributes given, name is missing',
    );
    const done = await respond(server(), s, 'NEW_PASSWORD_REQUIRED', Session, {
      USERNAME: 'carol',
      NEW_PASSWORD: 'Brand-new-passw0rd!',
      'userAttributes.name': 'Carol',
    });
    assert.ok(done.AuthenticationResult?.IdToken);
    assert.equal(decode(done.AuthenticationResult!.IdToken!).name, 'Carol');
    const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: 'carol' }));
    assert.equal(user.UserStatus, 'CONFIRMED');
    // The session is spent, the temporary password no longer works, the new one does.
    await rejectsWith(
      respond(server(), s, 'NEW_PASSWORD_REQUIRED', Session, { USERNAME: 'carol', NEW_PASSWORD: 'Another-passw0rd!', 'userAttributes.name': 'C' }),
      'NotAuthorizedException',
      'Invalid session for the user, session can only be used once.',
    );
    await rejectsWith(passwordAuth(server(), s, 'carol', 'Temp-Passw0rd!'), 'NotAuthorizedException', 'Incorrect username or password.');
    assert.ok((await passwordAuth(server(), s, 'carol', 'Brand-new-passw0rd!')).AuthenticationResult);
  });

  test('the admin form answers through AdminRespondToAuthChallenge', async () => {
    const s = await invited();
    const first = await adminPasswordAuth(server(), s, 'carol', 'Temp-Passw0rd!');
    assert.equal(first.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    const done = await server().sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: s.poolId,
        ClientId: s.client.clientId,
        ChallengeName: 'NEW_PASSWORD_REQUIRED',
        Session: first.Session,
        ChallengeResponses: { USERNAME: 'carol', NEW_PASSWORD: 'Brand-new-passw0rd!' },
      }),
    );
    assert.ok(done.AuthenticationResult?.AccessToken);
  });

  test('a temporary password expires after TemporaryPasswordValidityDays', async () => {
    const s = await invited();
    server().clock.advance(8 * 86_400_000);
    await rejectsWith(
      passwordAuth(server(), s, 'carol', 'Temp-Passw0rd!'),
      'NotAuthorizedException',
      'Temporary password has expired and must be reset by an administrator.',
    );
  });
});
