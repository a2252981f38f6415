import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { PASSWORD, type SignInSetup, signInSetup } from './support/auth.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { arn, customAuthSources, functionFolder, historyOf, verifiedClaims } from './support/trigger-functions.ts';

/**
 * amazon-cognito-identity-js (acij), unmodified, through custom authentication: `initiateAuth`
 * with flow type CUSTOM_AUTH (no SRP), `sendCustomChallengeAnswer`, and `authenticateUser` with
 * flow type CUSTOM_AUTH (SRP first, then the custom challenge).
 */

const fx = functionFolder();
fx.write(customAuthSources(fx.record));

/** The browser's localStorage, in memory: acij keeps its tokens here. */
function memoryStorage(): ICognitoStorage & { items: Map<string, string> } {
  const items = new Map<string, string>();
  return {
    items,
    setItem: (key, value) => void items.set(key, String(value)),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
  };
}

type Outcome =
  | { kind: 'success'; session: CognitoUserSession }
  | { kind: 'customChallenge'; parameters: Record<string, string> }
  | { kind: 'other'; name: string };

/** acij's callback object as a promise: onFailure rejects, every other callback resolves. */
function callbacks(resolve: (o: Outcome) => void, reject: (e: Error) => void) {
  return {
    onSuccess: (session: CognitoUserSession) => resolve({ kind: 'success', session }),
    onFailure: (error: Error) => reject(error),
    customChallenge: (parameters: Record<string, string>) => resolve({ kind: 'customChallenge', parameters }),
    newPasswordRequired: () => resolve({ kind: 'other', name: 'newPasswordRequired' }),
    mfaRequired: (name: any) => resolve({ kind: 'other', name }),
    totpRequired: (name: any) => resolve({ kind: 'other', name }),
    selectMFAType: (name: any) => resolve({ kind: 'other', name }),
    mfaSetup: (name: any) => resolve({ kind: 'other', name }),
  };
}

function cognitoUser(server: TestServer, s: SignInSetup, storage = memoryStorage()) {
  const pool = new CognitoUserPool({ UserPoolId: s.poolId, ClientId: s.client.clientId, endpoint: server.url, Storage: storage });
  const user = new CognitoUser({ Username: s.username, Pool: pool, Storage: storage });
  user.setAuthenticationFlowType('CUSTOM_AUTH');
  return { user, storage };
}

const initiateAuth = (user: CognitoUser, username: string) =>
  new Promise<Outcome>((resolve, reject) => user.initiateAuth(new AuthenticationDetails({ Username: username }), callbacks(resolve, reject)));

const authenticateUser = (user: CognitoUser, username: string, password: string) =>
  new Promise<Outcome>((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks(resolve, reject)),
  );

const sendAnswer = (user: CognitoUser, value: string, metadata?: Record<string, string>) =>
  new Promise<Outcome>((resolve, reject) => user.sendCustomChallengeAnswer(value, callbacks(resolve, reject), metadata));

function expectChallenge(outcome: Outcome): Record<string, string> {
  assert.equal(outcome.kind, 'customChallenge', `expected customChallenge, got ${JSON.stringify(outcome)}`);
  return (outcome as Extract<Outcome, { kind: 'customChallenge' }>).parameters;
}

function expectSession(outcome: Outcome): CognitoUserSession {
  assert.equal(outcome.kind, 'success', `expected onSuccess, got ${JSON.stringify(outcome)}`);
  return (outcome as Extract<Outcome, { kind: 'success' }>).session;
}

/** acij's session holds tokens that verify, for alice of this client. */
async function checkSession(server: TestServer, s: SignInSetup, session: CognitoUserSession) {
  assert.equal(session.isValid(), true);
  const claims = await verifiedClaims(server, s.poolId, s.client.clientId, {
    IdToken: session.getIdToken().getJwtToken(),
    AccessToken: session.getAccessToken().getJwtToken(),
  });
  assert.equal(claims.id['cognito:username'], 'alice');
  assert.equal(claims.access.username, 'alice');
  assert.ok(session.getRefreshToken().getToken());
}

const lastCode = (poolId: string): string => fx.recorded(poolId, 'create').at(-1).response.privateChallengeParameters.answer;

describeEachBackend(
  'amazon-cognito-identity-js: CUSTOM_AUTH',
  ({ server }) => {
    const setup = (create = 'create') =>
      signInSetup(server(), {
        pool: { LambdaConfig: { DefineAuthChallenge: arn('define'), CreateAuthChallenge: arn(create), VerifyAuthChallengeResponse: arn('verify') } },
      });

    test('initiateAuth → customChallenge → sendCustomChallengeAnswer → onSuccess ("the answer is 42")', async () => {
      const s = await setup('create-42');
      const { user, storage } = cognitoUser(server(), s);
      const parameters = expectChallenge(await initiateAuth(user, 'alice'));
      assert.deepEqual(parameters, { USERNAME: 'alice', question: 'What is six times seven?' });

      const session = expectSession(await sendAnswer(user, '42', { device: 'laptop' }));
      await checkSession(server(), s, session);
      // acij cached the tokens in its storage, under the user's key.
      const prefix = `CognitoIdentityServiceProvider.${s.client.clientId}`;
      assert.equal(storage.items.get(`${prefix}.LastAuthUser`), 'alice');
      assert.equal(storage.items.get(`${prefix}.alice.idToken`), session.getIdToken().getJwtToken());
      assert.deepEqual(fx.recorded(s.poolId, 'verify')[0].request.clientMetadata, { device: 'laptop' });
    });

    test('a wrong answer brings customChallenge again; the right one then signs in', async () => {
      const s = await setup();
      const { user } = cognitoUser(server(), s);
      assert.equal(expectChallenge(await initiateAuth(user, 'alice')).round, '1');
      // acij keeps the newest Session itself: the second answer goes with round 2's.
      assert.equal(expectChallenge(await sendAnswer(user, '000000x')).round, '2');
      const session = expectSession(await sendAnswer(user, lastCode(s.poolId)));
      await checkSession(server(), s, session);
      assert.deepEqual(historyOf(fx.recorded(s.poolId, 'define').at(-1).request.session), [
        ['CUSTOM_CHALLENGE', false, 'CODE-1'],
        ['CUSTOM_CHALLENGE', true, 'CODE-2'],
      ]);
    });

    test('three wrong answers: onFailure with NotAuthorizedException', async () => {
      const s = await setup();
      const { user } = cognitoUser(server(), s);
      expectChallenge(await initiateAuth(user, 'alice'));
      expectChallenge(await sendAnswer(user, 'wrong'));
      expectChallenge(await sendAnswer(user, 'wrong'));
      await assert.rejects(sendAnswer(user, 'wrong'), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'NotAuthorizedException');
        assert.equal(error.message, 'Incorrect username or password.');
        return true;
      });
    });

    test('authenticateUser with flow type CUSTOM_AUTH: SRP first, then the custom challenge', async () => {
      const s = await setup();
      const { user } = cognitoUser(server(), s);
      const parameters = expectChallenge(await authenticateUser(user, 'alice', PASSWORD));
      assert.deepEqual(parameters, { USERNAME: 'alice', hint: 'Enter the code we emailed you', round: '1' });
      const session = expectSession(await sendAnswer(user, lastCode(s.poolId)));
      await checkSession(server(), s, session);
      assert.deepEqual(historyOf(fx.recorded(s.poolId, 'define').at(-1).request.session), [
        ['SRP_A', true, null],
        ['PASSWORD_VERIFIER', true, null],
        ['CUSTOM_CHALLENGE', true, 'CODE-1'],
      ]);
    });

    test('authenticateUser with flow type CUSTOM_AUTH and the wrong password: onFailure', async () => {
      const s = await setup();
      const { user } = cognitoUser(server(), s);
      await assert.rejects(authenticateUser(user, 'alice', 'Wr0ng-Passw0rd!'), (error: Error & { code?: string }) => {
        assert.equal(error.code, 'NotAuthorizedException');
        assert.equal(error.message, 'Incorrect username or password.');
        return true;
      });
      assert.deepEqual(fx.recorded(s.poolId, 'create'), []);
    });
  },
  { flags: { functions: fx.dir } },
);
