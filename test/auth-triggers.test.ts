import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminAddUserToGroupCommand,
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  CreateGroupCommand,
  GetTokensFromRefreshTokenCommand,
  InitiateAuthCommand,
  type LambdaConfigType,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { PASSWORD, type SignInSetup, allFlows, signInSetup } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';
import { arn, functionFolder, verifiedClaims } from './support/trigger-functions.ts';

/**
 * The sign-in triggers around the authentication engine, run from `--functions` and driven by
 * the AWS SDK: PreAuthentication, PostAuthentication, PreTokenGeneration (V1, V2, V3, at
 * sign-in, after a new password and at refresh) and UserMigration at a password sign-in
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html). Token claims are read through aws-jwt-verify.
 */

const ADMIN_ROLE = 'arn:aws:iam::123456789012:role/admin';
const AUDITOR_ROLE = 'arn:aws:iam::123456789012:role/auditor';
const SIGNIN_SCOPE = 'aws.cognito.signin.user.admin';

const fx = functionFolder();
fx.write({
  'pre-auth.mjs': `export const handler = async (event) => {
    ${fx.record('pre-auth')}
    if (event.request.validationData?.deny === 'yes') throw new Error('Sign-in is closed for maintenance');
    return event;
  };`,
  'post-auth.mjs': `export const handler = async (event) => { ${fx.record('post-auth')} return event; };`,
  'post-auth-throws.mjs': `export const handler = async (event) => { ${fx.record('post-auth')} throw new Error('Audit log unavailable'); };`,
  // V1: ID token claims (strings), a claim both added and suppressed, and a group override.
  'pre-token-v1.mjs': `export const handler = async (event) => {
    event.response.claimsOverrideDetails = {
      claimsToAddOrOverride: { trigger_source: event.triggerSource, name: 'Overridden Name', email: 'suppressed@example.com' },
      claimsToSuppress: ['email'],
      groupOverrideDetails: {
        groupsToOverride: [...event.request.groupConfiguration.groupsToOverride, 'auditors'],
        iamRolesToOverride: ['${AUDITOR_ROLE}'],
        preferredRole: '${AUDITOR_ROLE}',
      },
    };
    ${fx.record('pre-token')}
    return event;
  };`,
  // V2 / V3: both tokens, JSON values, and scopes.
  'pre-token-v2.mjs': `export const handler = async (event) => {
    event.response.claimsAndScopeOverrideDetails = {
      idTokenGeneration: {
        claimsToAddOrOverride: { trigger_source: event.triggerSource, tier: 'gold', profile: { plan: 'pro', seats: 5 } },
        claimsToSuppress: ['email'],
      },
      accessTokenGeneration: {
        claimsToAddOrOverride: { trigger_source: event.triggerSource, tenant: 'acme', roles: ['reader', 'writer'] },
        scopesToAdd: ['orders/read', 'orders/write'],
      },
    };
    ${fx.record('pre-token')}
    return event;
  };`,
  // Knows two users of the old system; carl's old password is checked, and too weak for the pool.
  'migrate.mjs': `export const handler = async (event) => {
    ${fx.record('migrate')}
    if (event.userName === 'legacy-carl' && event.request.password === 'legacy') {
      event.response.userAttributes = { email: 'carl@example.com', email_verified: 'true', name: 'Carl' };
      event.response.finalUserStatus = 'CONFIRMED';
      event.response.messageAction = 'SUPPRESS';
    }
    if (event.userName === 'legacy-rita') {
      event.response.userAttributes = { email: 'rita@example.com', email_verified: 'true' };
      event.response.finalUserStatus = 'RESET_REQUIRED';
      event.response.messageAction = 'SUPPRESS';
    }
    return event;
  };`,
});

const setup = (server: TestServer, lambda: LambdaConfigType) => signInSetup(server, { pool: { LambdaConfig: lambda } });

const passwordSignIn = (server: TestServer, s: { client: { clientId: string } }, username: string, password: string, metadata?: Record<string, string>) =>
  server.sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.client.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
      ClientMetadata: metadata,
    }),
  );

const refresh = (server: TestServer, s: SignInSetup, token: string) =>
  server.sdk.send(new InitiateAuthCommand({ AuthFlow: 'REFRESH_TOKEN_AUTH', ClientId: s.client.clientId, AuthParameters: { REFRESH_TOKEN: token } }));

async function subOf(server: TestServer, poolId: string, username: string) {
  const user = await server.sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: username }));
  return user.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
}

/** A user created by an admin, who must choose a new password at the first sign-in. */
async function forceChangeUser(server: TestServer, s: SignInSetup, username: string) {
  await server.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: s.poolId,
      Username: username,
      TemporaryPassword: 'Temp-Passw0rd!',
      MessageAction: 'SUPPRESS',
      UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
    }),
  );
  const started = await passwordSignIn(server, s, username, 'Temp-Passw0rd!');
  assert.equal(started.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  return started.Session;
}

const newPassword = (server: TestServer, s: SignInSetup, username: string, session: string | undefined, metadata?: Record<string, string>) =>
  server.sdk.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'NEW_PASSWORD_REQUIRED',
      ClientId: s.client.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: username, NEW_PASSWORD: 'Brand-N3w-Passw0rd!' },
      ClientMetadata: metadata,
    }),
  );

const sortedScopes = (scope: unknown) => String(scope).split(' ').sort();

describeEachBackend(
  'sign-in triggers: PreAuthentication, PostAuthentication, PreTokenGeneration, UserMigration',
  ({ server }) => {
    test('PreAuthentication gets the user and, as validationData, the InitiateAuth ClientMetadata', async () => {
      const s = await setup(server(), { PreAuthentication: arn('pre-auth') });
      await passwordSignIn(server(), s, 'alice', PASSWORD, { app: 'web' });
      const [event] = fx.recorded(s.poolId, 'pre-auth');
      assert.deepEqual(event, {
        version: '1',
        triggerSource: 'PreAuthentication_Authentication',
        region: 'us-east-1',
        userPoolId: s.poolId,
        userName: 'alice',
        callerContext: { awsSdkVersion: event.callerContext.awsSdkVersion, clientId: s.client.clientId },
        request: {
          userAttributes: {
            sub: await subOf(server(), s.poolId, 'alice'),
            email: 'alice@example.com',
            email_verified: 'true',
            'cognito:user_status': 'CONFIRMED',
          },
          validationData: { app: 'web' },
        },
        response: {},
      });

      // USER_SRP_AUTH runs it at InitiateAuth too; without ClientMetadata, validationData is null.
      const srp = srpClient(s.poolId, PASSWORD);
      const started = await server().sdk.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: 'alice', SRP_A: srp.A } }),
      );
      assert.equal(started.ChallengeName, 'PASSWORD_VERIFIER');
      const second = fx.recorded(s.poolId, 'pre-auth')[1];
      assert.equal(second.triggerSource, 'PreAuthentication_Authentication');
      assert.equal(second.request.validationData, null);
    });

    test('a PreAuthentication that throws denies the sign-in, before the password is looked at', async () => {
      const s = await setup(server(), { PreAuthentication: arn('pre-auth') });
      const denied = 'PreAuthentication failed with error Sign-in is closed for maintenance.';
      await rejectsWith(passwordSignIn(server(), s, 'alice', PASSWORD, { deny: 'yes' }), 'UserLambdaValidationException', denied);
      await rejectsWith(passwordSignIn(server(), s, 'alice', 'Wr0ng-Passw0rd!', { deny: 'yes' }), 'UserLambdaValidationException', denied);
      await rejectsWith(
        server().sdk.send(
          new AdminInitiateAuthCommand({
            UserPoolId: s.poolId,
            ClientId: s.client.clientId,
            AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
            AuthParameters: { USERNAME: 'alice', PASSWORD },
            ClientMetadata: { deny: 'yes' },
          }),
        ),
        'UserLambdaValidationException',
        denied,
      );
      // Allowed, the sign-in goes on.
      const ok = await passwordSignIn(server(), s, 'alice', PASSWORD, { deny: 'no' });
      assert.ok(ok.AuthenticationResult?.AccessToken);
    });

    test('PostAuthentication runs at the end of a sign-in; its clientMetadata comes from RespondToAuthChallenge only', async () => {
      const s = await setup(server(), { PostAuthentication: arn('post-auth') });
      const out = await passwordSignIn(server(), s, 'alice', PASSWORD, { app: 'web' });
      assert.ok(out.AuthenticationResult?.IdToken);
      const [event] = fx.recorded(s.poolId, 'post-auth');
      assert.equal(event.version, '1');
      assert.equal(event.triggerSource, 'PostAuthentication_Authentication');
      assert.equal(event.userName, 'alice');
      assert.equal(event.callerContext.clientId, s.client.clientId);
      assert.equal(event.request.userAttributes.email, 'alice@example.com');
      assert.equal(event.request.newDeviceUsed, false);
      assert.equal(event.request.clientMetadata, null);
      assert.deepEqual(event.response, {});

      const session = await forceChangeUser(server(), s, 'bob');
      assert.equal(fx.recorded(s.poolId, 'post-auth').length, 1, 'not called before the sign-in is complete');
      const done = await newPassword(server(), s, 'bob', session, { step: 'new-password' });
      assert.ok(done.AuthenticationResult?.IdToken);
      const after = fx.recorded(s.poolId, 'post-auth')[1];
      assert.equal(after.userName, 'bob');
      assert.deepEqual(after.request.clientMetadata, { step: 'new-password' });
    });

    test('a PostAuthentication that throws fails the sign-in: no tokens', async () => {
      const s = await setup(server(), { PostAuthentication: arn('post-auth-throws') });
      await rejectsWith(
        passwordSignIn(server(), s, 'alice', PASSWORD),
        'UserLambdaValidationException',
        'PostAuthentication failed with error Audit log unavailable.',
      );
      assert.equal(fx.recorded(s.poolId, 'post-auth').length, 1);
    });

    test('PreTokenGeneration V1 (legacy ARN): ID token claims and the group override, at sign-in and at refresh', async () => {
      const s = await setup(server(), { PreTokenGeneration: arn('pre-token-v1') });
      await server().sdk.send(new CreateGroupCommand({ UserPoolId: s.poolId, GroupName: 'admins', Precedence: 1, RoleArn: ADMIN_ROLE }));
      await server().sdk.send(new AdminAddUserToGroupCommand({ UserPoolId: s.poolId, Username: 'alice', GroupName: 'admins' }));

      const out = await passwordSignIn(server(), s, 'alice', PASSWORD, { app: 'web' });
      const { id, access } = await verifiedClaims(server(), s.poolId, s.client.clientId, out.AuthenticationResult);
      assert.equal(id.trigger_source, 'TokenGeneration_Authentication');
      assert.equal(id.name, 'Overridden Name');
      // Suppress beats add.
      assert.equal('email' in id, false);
      assert.equal(id.email_verified, true);
      assert.deepEqual(id['cognito:groups'], ['admins', 'auditors']);
      assert.deepEqual(id['cognito:roles'], [AUDITOR_ROLE]);
      assert.equal(id['cognito:preferred_role'], AUDITOR_ROLE);
      // V1 leaves the access token alone, except for its groups.
      assert.equal('trigger_source' in access, false);
      assert.equal('name' in access, false);
      assert.deepEqual(access['cognito:groups'], ['admins', 'auditors']);
      assert.equal(access.scope, SIGNIN_SCOPE);

      const [event] = fx.recorded(s.poolId, 'pre-token');
      assert.equal(event.version, '1');
      assert.equal(event.triggerSource, 'TokenGeneration_Authentication');
      assert.equal(event.userName, 'alice');
      assert.equal(event.callerContext.clientId, s.client.clientId);
      assert.equal(event.request.userAttributes.email, 'alice@example.com');
      assert.deepEqual(event.request.groupConfiguration, { groupsToOverride: ['admins'], iamRolesToOverride: [ADMIN_ROLE], preferredRole: ADMIN_ROLE });
      // InitiateAuth's ClientMetadata does not reach PreTokenGeneration.
      assert.equal(event.request.clientMetadata, null);
      assert.equal('scopes' in event.request, false);

      server().clock.advance(60_000);
      const refreshed = await refresh(server(), s, out.AuthenticationResult!.RefreshToken!);
      const again = await verifiedClaims(server(), s.poolId, s.client.clientId, refreshed.AuthenticationResult);
      assert.equal(again.id.trigger_source, 'TokenGeneration_RefreshTokens');
      assert.equal(again.id.name, 'Overridden Name');
      assert.equal('email' in again.id, false);
      assert.deepEqual(again.access['cognito:groups'], ['admins', 'auditors']);
      assert.equal(fx.recorded(s.poolId, 'pre-token')[1].triggerSource, 'TokenGeneration_RefreshTokens');

      // GetTokensFromRefreshToken: the same, with its ClientMetadata.
      const viaApi = await server().sdk.send(
        new GetTokensFromRefreshTokenCommand({
          ClientId: s.client.clientId,
          RefreshToken: out.AuthenticationResult!.RefreshToken!,
          ClientMetadata: { via: 'api' },
        }),
      );
      const third = await verifiedClaims(server(), s.poolId, s.client.clientId, viaApi.AuthenticationResult);
      assert.equal(third.id.trigger_source, 'TokenGeneration_RefreshTokens');
      const refreshEvent = fx.recorded(s.poolId, 'pre-token')[2];
      assert.equal(refreshEvent.triggerSource, 'TokenGeneration_RefreshTokens');
      assert.deepEqual(refreshEvent.request.clientMetadata, { via: 'api' });
    });

    test('PreTokenGenerationConfig V1_0 sends the version 1 event', async () => {
      const s = await setup(server(), { PreTokenGenerationConfig: { LambdaArn: arn('pre-token-v1'), LambdaVersion: 'V1_0' } });
      const out = await passwordSignIn(server(), s, 'alice', PASSWORD);
      const { id } = await verifiedClaims(server(), s.poolId, s.client.clientId, out.AuthenticationResult);
      assert.equal(id.trigger_source, 'TokenGeneration_Authentication');
      assert.deepEqual(id['cognito:groups'], ['auditors']);
      assert.equal(fx.recorded(s.poolId, 'pre-token')[0].version, '1');
    });

    for (const [version, eventVersion] of [
      ['V2_0', '2'],
      ['V3_0', '3'],
    ] as const) {
      test(`PreTokenGeneration ${version}: claims in both tokens and added scopes, at sign-in and at refresh`, async () => {
        const s = await setup(server(), { PreTokenGenerationConfig: { LambdaArn: arn('pre-token-v2'), LambdaVersion: version } });
        const out = await passwordSignIn(server(), s, 'alice', PASSWORD);
        const { id, access } = await verifiedClaims(server(), s.poolId, s.client.clientId, out.AuthenticationResult);
        assert.equal(id.trigger_source, 'TokenGeneration_Authentication');
        assert.equal(id.tier, 'gold');
        assert.deepEqual(id.profile, { plan: 'pro', seats: 5 });
        assert.equal('email' in id, false);
        assert.equal('tenant' in id, false);
        assert.equal(access.trigger_source, 'TokenGeneration_Authentication');
        assert.equal(access.tenant, 'acme');
        assert.deepEqual(access.roles, ['reader', 'writer']);
        assert.equal('tier' in access, false);
        assert.deepEqual(sortedScopes(access.scope), ['aws.cognito.signin.user.admin', 'orders/read', 'orders/write']);

        const [event] = fx.recorded(s.poolId, 'pre-token');
        assert.equal(event.version, eventVersion);
        assert.equal(event.triggerSource, 'TokenGeneration_Authentication');
        assert.deepEqual(event.request.scopes, [SIGNIN_SCOPE]);
        assert.deepEqual(event.request.groupConfiguration, { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null });

        const refreshed = await refresh(server(), s, out.AuthenticationResult!.RefreshToken!);
        const again = await verifiedClaims(server(), s.poolId, s.client.clientId, refreshed.AuthenticationResult);
        assert.equal(again.id.trigger_source, 'TokenGeneration_RefreshTokens');
        assert.equal(again.access.trigger_source, 'TokenGeneration_RefreshTokens');
        assert.equal(again.access.tenant, 'acme');
        assert.deepEqual(sortedScopes(again.access.scope), ['aws.cognito.signin.user.admin', 'orders/read', 'orders/write']);
        assert.equal(fx.recorded(s.poolId, 'pre-token')[1].version, eventVersion);
      });
    }

    test("PreTokenGeneration after NEW_PASSWORD_REQUIRED: TokenGeneration_NewPasswordChallenge, with the challenge answer's ClientMetadata", async () => {
      const s = await setup(server(), { PreTokenGenerationConfig: { LambdaArn: arn('pre-token-v2'), LambdaVersion: 'V2_0' } });
      const session = await forceChangeUser(server(), s, 'bob');
      const done = await newPassword(server(), s, 'bob', session, { step: 'new-password' });
      const { id, access } = await verifiedClaims(server(), s.poolId, s.client.clientId, done.AuthenticationResult);
      assert.equal(id.trigger_source, 'TokenGeneration_NewPasswordChallenge');
      assert.equal(access.trigger_source, 'TokenGeneration_NewPasswordChallenge');
      const [event] = fx.recorded(s.poolId, 'pre-token');
      assert.equal(event.userName, 'bob');
      assert.deepEqual(event.request.clientMetadata, { step: 'new-password' });
    });

    test('UserMigration brings a user in at the first USER_PASSWORD_AUTH sign-in; the second does not ask again', async () => {
      const s = await setup(server(), { UserMigration: arn('migrate'), PreAuthentication: arn('pre-auth') });
      const first = await passwordSignIn(server(), s, 'legacy-carl', 'legacy', { app: 'old' });
      // Tokens at once: the old password (too weak for this pool's policy) was accepted.
      const { id, access } = await verifiedClaims(server(), s.poolId, s.client.clientId, first.AuthenticationResult);
      assert.equal(id['cognito:username'], 'legacy-carl');
      assert.equal(id.email, 'carl@example.com');
      assert.equal(id.name, 'Carl');
      assert.equal(access.username, 'legacy-carl');

      const [event] = fx.recorded(s.poolId, 'migrate');
      assert.equal(event.version, '1');
      assert.equal(event.triggerSource, 'UserMigration_Authentication');
      assert.equal(event.userName, 'legacy-carl');
      assert.equal(event.callerContext.clientId, s.client.clientId);
      assert.equal(event.request.password, 'legacy');
      assert.deepEqual(event.request.validationData, { app: 'old' });
      // Both triggers ran.
      assert.equal(fx.recorded(s.poolId, 'pre-auth')[0].userName, 'legacy-carl');

      const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: 'legacy-carl' }));
      assert.equal(user.UserStatus, 'CONFIRMED');
      assert.equal(user.UserAttributes!.find((a) => a.Name === 'email_verified')?.Value, 'true');

      const second = await passwordSignIn(server(), s, 'legacy-carl', 'legacy');
      assert.ok(second.AuthenticationResult?.AccessToken);
      await rejectsWith(passwordSignIn(server(), s, 'legacy-carl', 'not-legacy'), 'NotAuthorizedException', 'Incorrect username or password.');
      assert.equal(fx.recorded(s.poolId, 'migrate').length, 1);
    });

    test('UserMigration_Authentication at InitiateAuth: the ClientMetadata arrives as validationData only', {}, async () => {
      const s = await setup(server(), { UserMigration: arn('migrate') });
      await passwordSignIn(server(), s, 'legacy-carl', 'legacy', { app: 'old' });
      const [event] = fx.recorded(s.poolId, 'migrate');
      assert.deepEqual(event.request.validationData, { app: 'old' });
      assert.equal(event.request.clientMetadata, null);
    });

    test('UserMigration with RESET_REQUIRED: the user is created and must reset the password', async () => {
      const s = await setup(server(), { UserMigration: arn('migrate') });
      await rejectsWith(passwordSignIn(server(), s, 'legacy-rita', 'whatever'), 'PasswordResetRequiredException', 'Password reset required for the user');
      const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: 'legacy-rita' }));
      assert.equal(user.UserStatus, 'RESET_REQUIRED');
    });

    test('UserMigration that knows no such user (or refuses the old password): the user stays unknown', async () => {
      const s = await setup(server(), { UserMigration: arn('migrate') });
      await rejectsWith(passwordSignIn(server(), s, 'legacy-carl', 'wrong'), 'UserNotFoundException', 'User does not exist.');
      await rejectsWith(passwordSignIn(server(), s, 'stranger', 'whatever'), 'UserNotFoundException', 'User does not exist.');
      await rejectsWith(server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: 'legacy-carl' })), 'UserNotFoundException');
      assert.deepEqual(
        fx.recorded(s.poolId, 'migrate').map((e) => e.userName),
        ['legacy-carl', 'stranger'],
      );
    });

    test('UserMigration at ADMIN_USER_PASSWORD_AUTH; never at USER_SRP_AUTH (no password to give)', async () => {
      const poolId = await createPool(server(), { LambdaConfig: { UserMigration: arn('migrate') } });
      const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: allFlows } });
      const srp = srpClient(poolId, 'legacy');
      await rejectsWith(
        server().sdk.send(
          new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: client.clientId, AuthParameters: { USERNAME: 'legacy-carl', SRP_A: srp.A } }),
        ),
        'UserNotFoundException',
        'User does not exist.',
      );
      assert.deepEqual(fx.recorded(poolId, 'migrate'), []);

      const out = await server().sdk.send(
        new AdminInitiateAuthCommand({
          UserPoolId: poolId,
          ClientId: client.clientId,
          AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
          AuthParameters: { USERNAME: 'legacy-carl', PASSWORD: 'legacy' },
        }),
      );
      const { id } = await verifiedClaims(server(), poolId, client.clientId, out.AuthenticationResult);
      assert.equal(id['cognito:username'], 'legacy-carl');
      assert.equal(fx.recorded(poolId, 'migrate')[0].triggerSource, 'UserMigration_Authentication');
    });
  },
  { flags: { functions: fx.dir } },
);
