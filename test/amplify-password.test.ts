import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetUserCommand,
  AdminResetUserPasswordCommand,
  AdminUserGlobalSignOutCommand,
  GetTokensFromRefreshTokenCommand,
  GetUserCommand,
  SignUpCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, fetchUserAttributes, getCurrentUser, signIn, signOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import { allFlows, type SignInSetup, signInSetup } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { type Call, recordCognitoCalls } from './support/wire.ts';

/**
 * Amplify v6 (aws-amplify) in Node against the server, with USER_PASSWORD_AUTH. Amplify's
 * configuration and token store are process-global, so every Amplify test lives in this file
 * (node runs each test file in its own process) and the tests run one after another.
 */

// Amplify warns on every configure that a custom user pool endpoint is in use: that is the point.
ConsoleLogger.LOG_LEVEL = 'ERROR';

const { calls } = recordCognitoCalls();

/** The calls made since `mark` (a length of `calls`). */
const since = (mark: number) => calls.slice(mark);
const targets = (list: Call[]) => list.map((c) => c.target);

function configure(server: TestServer, s: { poolId: string; client: { clientId: string } }) {
  Amplify.configure({ Auth: { Cognito: { userPoolId: s.poolId, userPoolClientId: s.client.clientId, userPoolEndpoint: server.url } } });
}

/** Signs in through Amplify; returns what the server answered (Amplify does not expose the refresh token). */
async function amplifySignIn(server: TestServer, s: SignInSetup, username = s.username, password = s.password) {
  configure(server, s);
  const mark = calls.length;
  const result = await signIn({ username, password, options: { authFlowType: 'USER_PASSWORD_AUTH' } });
  const initiate = since(mark).find((c) => c.target === 'InitiateAuth')!;
  return { result, initiate, tokens: initiate.response.AuthenticationResult as Record<string, string> | undefined };
}

const getUser = (server: TestServer, accessToken: string) => server.sdk.send(new GetUserCommand({ AccessToken: accessToken }));
const refreshWith = (server: TestServer, s: { client: { clientId: string } }, refreshToken: string) =>
  server.sdk.send(new GetTokensFromRefreshTokenCommand({ ClientId: s.client.clientId, RefreshToken: refreshToken }));

describeEachBackend('Amplify v6: USER_PASSWORD_AUTH', ({ server }) => {
  // Amplify refuses signIn while someone is signed in; leave every test signed out.
  afterEach(async () => {
    await signOut().catch(() => {});
  });

  test('signIn is DONE, and fetchAuthSession holds tokens whose claims are the user', async () => {
    const s = await signInSetup(server());
    const { result, initiate, tokens } = await amplifySignIn(server(), s);
    assert.deepEqual(result, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });

    // What Amplify sent.
    assert.equal(initiate.status, 200);
    assert.equal(initiate.request.AuthFlow, 'USER_PASSWORD_AUTH');
    assert.equal(initiate.request.ClientId, s.client.clientId);
    assert.deepEqual(initiate.request.AuthParameters, { USERNAME: s.username, PASSWORD: s.password });

    const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    const sub = user.UserAttributes!.find((a) => a.Name === 'sub')!.Value!;
    const session = await fetchAuthSession();
    const id = session.tokens!.idToken!;
    const access = session.tokens!.accessToken;
    // The very tokens the server issued.
    assert.equal(id.toString(), tokens!.IdToken);
    assert.equal(access.toString(), tokens!.AccessToken);
    assert.equal(session.userSub, sub);

    const issuer = `${server().url}/${s.poolId}`;
    assert.equal(id.payload.sub, sub);
    assert.equal(id.payload['cognito:username'], 'alice');
    assert.equal(id.payload.email, 'alice@example.com');
    assert.equal(id.payload.email_verified, true);
    assert.equal(id.payload.aud, s.client.clientId);
    assert.equal(id.payload.token_use, 'id');
    assert.equal(id.payload.iss, issuer);
    assert.equal(access.payload.sub, sub);
    assert.equal(access.payload.username, 'alice');
    assert.equal(access.payload.client_id, s.client.clientId);
    assert.equal(access.payload.token_use, 'access');
    assert.equal(access.payload.scope, 'aws.cognito.signin.user.admin');
    assert.equal(access.payload.iss, issuer);
    assert.equal(typeof access.payload.iat, 'number');
    assert.equal(access.payload.auth_time, id.payload.auth_time);

    assert.deepEqual(await getCurrentUser(), {
      username: 'alice',
      userId: sub,
      signInDetails: { loginId: 'alice', authFlowType: 'USER_PASSWORD_AUTH' },
    });
    // A token-authorised call (GetUser) from Amplify, with the access token it holds.
    assert.deepEqual(await fetchUserAttributes(), { email: 'alice@example.com', email_verified: 'true', sub });
  });

  test('an email-as-username pool: the tokens name the internal username, Amplify the same', async () => {
    const s = await signInSetup(server(), { pool: { UsernameAttributes: ['email'] }, username: 'erin@example.com', attributes: { email_verified: 'true' } });
    const { result } = await amplifySignIn(server(), s);
    assert.equal(result.isSignedIn, true);
    const { tokens } = await fetchAuthSession();
    const internal = tokens!.idToken!.payload['cognito:username'] as string;
    assert.match(internal, /^[0-9a-f-]{36}$/);
    assert.equal(tokens!.idToken!.payload.sub, internal);
    assert.equal(tokens!.idToken!.payload.email, 'erin@example.com');
    assert.equal((await getCurrentUser()).username, internal);
  });

  test('forceRefresh goes through GetTokensFromRefreshToken; auth_time and origin_jti carry over', async () => {
    const s = await signInSetup(server());
    const { tokens } = await amplifySignIn(server(), s);
    const before = (await fetchAuthSession()).tokens!;
    server().clock.advance(5 * 60_000);

    const mark = calls.length;
    const after = (await fetchAuthSession({ forceRefresh: true })).tokens!;
    assert.deepEqual(targets(since(mark)), ['GetTokensFromRefreshToken']);
    const [refresh] = since(mark);
    assert.equal(refresh!.status, 200);
    assert.deepEqual(refresh!.request, { ClientId: s.client.clientId, RefreshToken: tokens!.RefreshToken });
    // Without rotation no new refresh token comes back: Amplify keeps its own.
    assert.deepEqual(Object.keys(refresh!.response.AuthenticationResult).sort(), ['AccessToken', 'ExpiresIn', 'IdToken', 'TokenType']);

    assert.notEqual(after.accessToken.toString(), before.accessToken.toString());
    assert.equal(after.accessToken.toString(), refresh!.response.AuthenticationResult.AccessToken);
    assert.equal(after.idToken!.toString(), refresh!.response.AuthenticationResult.IdToken);
    for (const [old, fresh] of [
      [before.accessToken.payload, after.accessToken.payload],
      [before.idToken!.payload, after.idToken!.payload],
    ] as const) {
      assert.equal(fresh.auth_time, old.auth_time);
      assert.equal(fresh.origin_jti, old.origin_jti);
      assert.equal(fresh.sub, old.sub);
      assert.notEqual(fresh.jti, old.jti);
      assert.ok((fresh.iat as number) >= (old.iat as number) + 300);
    }
    // The refreshed access token is a working one, and without forceRefresh Amplify keeps it.
    assert.equal((await getUser(server(), after.accessToken.toString())).Username, 'alice');
    assert.equal((await fetchAuthSession()).tokens!.accessToken.toString(), after.accessToken.toString());

    // A second refresh presents the same refresh token again.
    const again = calls.length;
    await fetchAuthSession({ forceRefresh: true });
    assert.deepEqual(
      since(again).map((c) => [c.target, c.status, c.request.RefreshToken]),
      [['GetTokensFromRefreshToken', 200, tokens!.RefreshToken]],
    );
  });

  test('with refresh-token rotation Amplify keeps the new refresh token; the old one is spent', async () => {
    const s = await signInSetup(server(), {
      client: { ExplicitAuthFlows: allFlows, EnableTokenRevocation: true, RefreshTokenRotation: { Feature: 'ENABLED', RetryGracePeriodSeconds: 0 } },
    });
    const { tokens } = await amplifySignIn(server(), s);
    const first = calls.length;
    await fetchAuthSession({ forceRefresh: true });
    const [rotation] = since(first);
    assert.equal(rotation!.status, 200);
    const rotated = rotation!.response.AuthenticationResult.RefreshToken as string;
    assert.ok(rotated);
    assert.notEqual(rotated, tokens!.RefreshToken);

    const second = calls.length;
    const session = await fetchAuthSession({ forceRefresh: true });
    assert.ok(session.tokens?.accessToken);
    assert.deepEqual(
      since(second).map((c) => [c.target, c.status, c.request.RefreshToken]),
      [['GetTokensFromRefreshToken', 200, rotated]],
    );
    await rejectsWith(refreshWith(server(), s, tokens!.RefreshToken!), 'RefreshTokenReuseException', 'Refresh Token has already been used');
  });

  test('a wrong password and an unknown user surface as Cognito errors', async () => {
    const s = await signInSetup(server());
    configure(server(), s);
    await rejectsWith(
      signIn({ username: s.username, password: 'Wrong-passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    await rejectsWith(
      signIn({ username: 'nobody', password: 'Wrong-passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
      'UserNotFoundException',
      'User does not exist.',
    );
    assert.equal((await fetchAuthSession()).tokens, undefined);
    // The failed attempts left Amplify able to sign in.
    assert.equal((await signIn({ username: s.username, password: s.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } })).isSignedIn, true);
  });

  test('unconfirmed and reset-required users become Amplify next steps', async () => {
    const s = await signInSetup(server());
    configure(server(), s);
    await server().sdk.send(new SignUpCommand({ ClientId: s.client.clientId, Username: 'bob', Password: 'Bob-passw0rd!' }));
    assert.deepEqual(await signIn({ username: 'bob', password: 'Bob-passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } }), {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_UP' },
    });
    await server().sdk.send(new AdminResetUserPasswordCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.deepEqual(await signIn({ username: s.username, password: s.password, options: { authFlowType: 'USER_PASSWORD_AUTH' } }), {
      isSignedIn: false,
      nextStep: { signInStep: 'RESET_PASSWORD' },
    });
  });
});

describeEachBackend('Amplify v6: NEW_PASSWORD_REQUIRED', ({ server }) => {
  afterEach(async () => {
    await signOut().catch(() => {});
  });

  /** A pool that requires `name`, and an invited user (temporary password) who has none. */
  async function invited(pool: { UsernameAttributes?: ['email'] } = {}, username = 'carol') {
    const poolId = await createPool(server(), {
      ...pool,
      Schema: [{ Name: 'name', Required: true, Mutable: true, AttributeDataType: 'String' }],
      Policies: { PasswordPolicy: { MinimumLength: 10 } },
    });
    const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await server().sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: username,
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    );
    return { poolId, client };
  }

  test('signIn asks for a new password; confirmSignIn with the missing attribute signs in', async () => {
    const s = await invited();
    configure(server(), s);
    const first = await signIn({ username: 'carol', password: 'Temp-Passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    assert.deepEqual(first, {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: ['name'] },
    });

    // A password the policy refuses: the error reaches the app and the same sign-in can go on.
    await rejectsWith(
      confirmSignIn({ challengeResponse: 'Sh0rt!', options: { userAttributes: { name: 'Carol' } } }),
      'InvalidPasswordException',
      'Password does not conform to policy: Password not long enough',
    );

    const mark = calls.length;
    const done = await confirmSignIn({ challengeResponse: 'Brand-new-passw0rd!', options: { userAttributes: { name: 'Carol' } } });
    assert.deepEqual(done, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const [answer] = since(mark);
    assert.equal(answer!.target, 'RespondToAuthChallenge');
    assert.equal(answer!.status, 200);
    assert.equal(answer!.request.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.deepEqual(answer!.request.ChallengeResponses, { 'userAttributes.name': 'Carol', NEW_PASSWORD: 'Brand-new-passw0rd!', USERNAME: 'carol' });

    const { tokens } = await fetchAuthSession();
    assert.equal(tokens!.idToken!.payload['cognito:username'], 'carol');
    assert.equal(tokens!.idToken!.payload.name, 'Carol');
    const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: 'carol' }));
    assert.equal(user.UserStatus, 'CONFIRMED');

    // The new password is the one that works now.
    await signOut();
    await rejectsWith(
      signIn({ username: 'carol', password: 'Temp-Passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    assert.equal((await signIn({ username: 'carol', password: 'Brand-new-passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } })).isSignedIn, true);
  });

  test('in an email-as-username pool Amplify answers as the internal username the challenge named', async () => {
    const s = await invited({ UsernameAttributes: ['email'] }, 'carol@example.com');
    configure(server(), s);
    const mark = calls.length;
    const first = await signIn({ username: 'carol@example.com', password: 'Temp-Passw0rd!', options: { authFlowType: 'USER_PASSWORD_AUTH' } });
    assert.equal(first.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED');
    const internal = since(mark)[0]!.response.ChallengeParameters.USERNAME as string;
    assert.match(internal, /^[0-9a-f-]{36}$/);

    const answered = calls.length;
    const done = await confirmSignIn({ challengeResponse: 'Brand-new-passw0rd!', options: { userAttributes: { name: 'Carol' } } });
    assert.equal(done.isSignedIn, true);
    assert.equal(since(answered)[0]!.request.ChallengeResponses.USERNAME, internal);
    assert.equal((await getCurrentUser()).username, internal);
  });
});

describeEachBackend('Amplify v6: signOut', ({ server }) => {
  afterEach(async () => {
    await signOut().catch(() => {});
  });

  test('a local signOut revokes the refresh token (RevokeToken) and forgets the tokens', async () => {
    const s = await signInSetup(server());
    const { tokens } = await amplifySignIn(server(), s);
    const mark = calls.length;
    await signOut();
    // Amplify swallows sign-out errors, so what the server answered is checked here.
    assert.deepEqual(
      since(mark).map((c) => [c.target, c.status, c.request]),
      [['RevokeToken', 200, { ClientId: s.client.clientId, Token: tokens!.RefreshToken }]],
    );
    assert.equal((await fetchAuthSession()).tokens, undefined);
    await rejectsWith(refreshWith(server(), s, tokens!.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');
    await rejectsWith(getUser(server(), tokens!.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
  });

  test('without token revocation on the client, a local signOut only forgets the tokens', async () => {
    const s = await signInSetup(server(), { client: { ExplicitAuthFlows: allFlows, EnableTokenRevocation: false } });
    const { tokens } = await amplifySignIn(server(), s);
    assert.equal((await fetchAuthSession()).tokens!.accessToken.payload.origin_jti, undefined);
    const mark = calls.length;
    await signOut();
    assert.deepEqual(since(mark), []);
    assert.equal((await fetchAuthSession()).tokens, undefined);
    assert.ok((await refreshWith(server(), s, tokens!.RefreshToken!)).AuthenticationResult?.AccessToken);
  });

  test('a global signOut (GlobalSignOut) ends every session of the user; a new sign-in works', async () => {
    const s = await signInSetup(server());
    const { tokens } = await amplifySignIn(server(), s);
    const mark = calls.length;
    await signOut({ global: true });
    assert.deepEqual(
      since(mark).map((c) => [c.target, c.status, c.request]),
      [['GlobalSignOut', 200, { AccessToken: tokens!.AccessToken }]],
    );
    assert.equal((await fetchAuthSession()).tokens, undefined);
    await rejectsWith(getUser(server(), tokens!.AccessToken!), 'NotAuthorizedException', 'Access Token has been revoked');
    await rejectsWith(refreshWith(server(), s, tokens!.RefreshToken!), 'NotAuthorizedException', 'Refresh Token has been revoked');

    const again = await amplifySignIn(server(), s);
    assert.equal(again.result.isSignedIn, true);
    assert.equal((await fetchUserAttributes()).email, 'alice@example.com');
  });

  test("an admin's global sign-out ends the Amplify session at its next refresh", async () => {
    const s = await signInSetup(server());
    await amplifySignIn(server(), s);
    await server().sdk.send(new AdminUserGlobalSignOutCommand({ UserPoolId: s.poolId, Username: s.username }));
    const mark = calls.length;
    // Amplify turns a NotAuthorizedException on refresh into "no tokens" and clears its store.
    assert.equal((await fetchAuthSession({ forceRefresh: true })).tokens, undefined);
    assert.deepEqual(
      since(mark).map((c) => [c.target, c.status, c.response]),
      [['GetTokensFromRefreshToken', 400, { __type: 'NotAuthorizedException', message: 'Refresh Token has been revoked' }]],
    );
    assert.equal((await fetchAuthSession()).tokens, undefined);
  });
});
