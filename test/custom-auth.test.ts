import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminGetUserCommand,
  type InitiateAuthCommandOutput,
  InitiateAuthCommand,
  type LambdaConfigType,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientConfig } from '../src/domain/types.ts';
import { PASSWORD, type SignInSetup, signInSetup } from './support/auth.ts';
import { createClient } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';
import { arn, customAuthSources, functionFolder, historyOf, verifiedClaims } from './support/trigger-functions.ts';

/**
 * CUSTOM_AUTH driven by DefineAuthChallenge / CreateAuthChallenge / VerifyAuthChallengeResponse
 * functions run from `--functions`, over the AWS SDK
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-custom-authentication-flow).
 */

const fx = functionFolder();
fx.write({
  ...customAuthSources(fx.record),
  'define-at-once.mjs': `export const handler = async (event) => { event.response.issueTokens = true; ${fx.record('define')} return event; };`,
  'define-throws.mjs': `export const handler = async () => { throw new Error('Define is broken'); };`,
  'define-forever.mjs': `export const handler = () => { for (;;) {} };`,
  'define-garbage.mjs': `export const handler = async () => 'garbage';`,
  'define-bad-type.mjs': `export const handler = async (event) => ({ ...event, response: { issueTokens: 'yes' } });`,
  'define-unknown-challenge.mjs': `export const handler = async (event) => { event.response.challengeName = 'NO_SUCH_CHALLENGE'; return event; };`,
  'create-throws.mjs': `export const handler = async () => { throw new Error('No code today'); };`,
  'verify-throws.mjs': `export const handler = async () => { throw new Error('Cannot judge'); };`,
  'pre-auth.mjs': `export const handler = async (event) => { ${fx.record('pre-auth')} return event; };`,
});

const triggers = (over: Partial<Record<'define' | 'create' | 'verify', string>> = {}): LambdaConfigType => ({
  DefineAuthChallenge: arn(over.define ?? 'define'),
  CreateAuthChallenge: arn(over.create ?? 'create'),
  VerifyAuthChallengeResponse: arn(over.verify ?? 'verify'),
});

/** A pool with the custom-auth triggers, a client allowing every flow, and alice. */
const setup = (server: TestServer, lambda: LambdaConfigType = triggers(), client?: ClientConfig) =>
  signInSetup(server, { pool: { LambdaConfig: lambda }, ...(client ? { client } : {}) });

const initiate = (server: TestServer, s: SignInSetup, username: string, params: Record<string, string> = {}, metadata?: Record<string, string>) =>
  server.sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'CUSTOM_AUTH',
      ClientId: s.client.clientId,
      AuthParameters: { USERNAME: username, ...params },
      ClientMetadata: metadata,
    }),
  );

const answer = (server: TestServer, s: SignInSetup, username: string, session: string | undefined, ANSWER: string, metadata?: Record<string, string>) =>
  server.sdk.send(
    new RespondToAuthChallengeCommand({
      ChallengeName: 'CUSTOM_CHALLENGE',
      ClientId: s.client.clientId,
      Session: session,
      ChallengeResponses: { USERNAME: username, ANSWER },
      ClientMetadata: metadata,
    }),
  );

/** The code the last CreateAuthChallenge kept private (what the user would read in an email). */
const lastCode = (poolId: string): string => fx.recorded(poolId, 'create').at(-1).response.privateChallengeParameters.answer;
const defines = (poolId: string) => fx.recorded(poolId, 'define');

function isCustomChallenge(out: InitiateAuthCommandOutput, round: string, username = 'alice') {
  assert.equal(out.ChallengeName, 'CUSTOM_CHALLENGE');
  assert.equal(out.AuthenticationResult, undefined);
  assert.ok(out.Session && out.Session.length >= 20 && out.Session.length <= 2048, 'a Session within 20..2048 characters');
  // The public parameters plus USERNAME; the private ones never leave the server.
  assert.deepEqual(out.ChallengeParameters, { USERNAME: username, hint: 'Enter the code we emailed you', round });
}

describeEachBackend(
  'CUSTOM_AUTH with DefineAuthChallenge, CreateAuthChallenge and VerifyAuthChallengeResponse',
  ({ server }) => {
    test('the right answer gets tokens that verify; each function gets its event', async () => {
      const s = await setup(server());
      const started = await initiate(server(), s, 'alice', {}, { app: 'web' });
      isCustomChallenge(started, '1');
      const code = lastCode(s.poolId);
      assert.ok(!Object.values(started.ChallengeParameters!).includes(code));

      const done = await answer(server(), s, 'alice', started.Session, code, { step: 'answer' });
      assert.equal(done.ChallengeName, undefined);
      assert.equal(done.Session, undefined);
      const claims = await verifiedClaims(server(), s.poolId, s.client.clientId, done.AuthenticationResult);
      const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: 'alice' }));
      const sub = user.UserAttributes!.find((a) => a.Name === 'sub')!.Value;
      assert.equal(claims.id.sub, sub);
      assert.equal(claims.id['cognito:username'], 'alice');
      assert.equal(claims.id.email, 'alice@example.com');
      assert.equal(claims.access.username, 'alice');
      assert.ok(done.AuthenticationResult!.RefreshToken);

      const [first, second] = defines(s.poolId);
      assert.equal(first.version, '1');
      assert.equal(first.triggerSource, 'DefineAuthChallenge_Authentication');
      assert.equal(first.userPoolId, s.poolId);
      assert.equal(first.userName, 'alice');
      assert.deepEqual(first.callerContext, { awsSdkVersion: first.callerContext.awsSdkVersion, clientId: s.client.clientId });
      assert.equal(first.request.userAttributes.sub, sub);
      assert.equal(first.request.userAttributes['cognito:user_status'], 'CONFIRMED');
      assert.equal(first.request.userAttributes.email, 'alice@example.com');
      assert.deepEqual(first.request.session, []);
      // InitiateAuth's ClientMetadata is not forwarded to the custom-auth triggers.
      assert.equal(first.request.clientMetadata, null);
      // Only a client with PreventUserExistenceErrors ENABLED sends userNotFound.
      assert.equal('userNotFound' in first.request, false);
      assert.deepEqual(historyOf(second.request.session), [['CUSTOM_CHALLENGE', true, 'CODE-1']]);
      assert.deepEqual(second.request.clientMetadata, { step: 'answer' });

      const [created] = fx.recorded(s.poolId, 'create');
      assert.equal(created.triggerSource, 'CreateAuthChallenge_Authentication');
      assert.equal(created.request.challengeName, 'CUSTOM_CHALLENGE');
      assert.deepEqual(created.request.session, []);
      assert.equal(created.request.clientMetadata, null);

      const [verified] = fx.recorded(s.poolId, 'verify');
      assert.equal(verified.triggerSource, 'VerifyAuthChallengeResponse_Authentication');
      assert.equal(verified.userName, 'alice');
      assert.deepEqual(verified.request.privateChallengeParameters, { answer: code });
      assert.equal(verified.request.challengeAnswer, code);
      assert.deepEqual(verified.request.clientMetadata, { step: 'answer' });
      assert.equal(verified.request.userAttributes.email, 'alice@example.com');
      assert.equal(verified.response.answerCorrect, true);
    });

    test('a wrong answer gets a new challenge in a new Session; the spent Session is refused', async () => {
      const s = await setup(server());
      const started = await initiate(server(), s, 'alice');
      const firstCode = lastCode(s.poolId);

      const again = await answer(server(), s, 'alice', started.Session, 'not-the-code');
      isCustomChallenge(again, '2');
      assert.notEqual(again.Session, started.Session);
      const secondCode = lastCode(s.poolId);

      await rejectsWith(
        answer(server(), s, 'alice', started.Session, firstCode),
        'NotAuthorizedException',
        'Invalid session for the user, session can only be used once.',
      );

      const done = await answer(server(), s, 'alice', again.Session, secondCode);
      await verifiedClaims(server(), s.poolId, s.client.clientId, done.AuthenticationResult);
      await rejectsWith(
        answer(server(), s, 'alice', again.Session, secondCode),
        'NotAuthorizedException',
        'Invalid session for the user, session can only be used once.',
      );

      // Each round's private parameters went to its own Verify; the history grew by one each time.
      assert.deepEqual(
        fx.recorded(s.poolId, 'verify').map((e) => [e.request.privateChallengeParameters.answer, e.request.challengeAnswer, e.response.answerCorrect]),
        [
          [firstCode, 'not-the-code', false],
          [secondCode, secondCode, true],
        ],
      );
      assert.deepEqual(
        defines(s.poolId).map((e) => historyOf(e.request.session)),
        [
          [],
          [['CUSTOM_CHALLENGE', false, 'CODE-1']],
          [
            ['CUSTOM_CHALLENGE', false, 'CODE-1'],
            ['CUSTOM_CHALLENGE', true, 'CODE-2'],
          ],
        ],
      );
      assert.deepEqual(historyOf(fx.recorded(s.poolId, 'create')[1].request.session), [['CUSTOM_CHALLENGE', false, 'CODE-1']]);
    });

    test('Define fails the sign-in after three wrong answers: Incorrect username or password.', async () => {
      const s = await setup(server());
      let session = (await initiate(server(), s, 'alice')).Session;
      for (const round of ['2', '3']) {
        const out = await answer(server(), s, 'alice', session, 'wrong');
        isCustomChallenge(out, round);
        session = out.Session;
      }
      await rejectsWith(answer(server(), s, 'alice', session, 'wrong'), 'NotAuthorizedException', 'Incorrect username or password.');
      // The failed round's Session is spent too.
      await rejectsWith(
        answer(server(), s, 'alice', session, lastCode(s.poolId)),
        'NotAuthorizedException',
        'Invalid session for the user, session can only be used once.',
      );
      const last = defines(s.poolId).at(-1);
      assert.deepEqual(historyOf(last.request.session), [
        ['CUSTOM_CHALLENGE', false, 'CODE-1'],
        ['CUSTOM_CHALLENGE', false, 'CODE-2'],
        ['CUSTOM_CHALLENGE', false, 'CODE-3'],
      ]);
      assert.equal(last.response.failAuthentication, true);
    });

    test("a round's Session expires with the client's AuthSessionValidity (3 minutes here)", async () => {
      const s = await setup(server());
      const started = await initiate(server(), s, 'alice');
      server().clock.advance(3 * 60_000 + 1_000);
      await rejectsWith(
        answer(server(), s, 'alice', started.Session, lastCode(s.poolId)),
        'NotAuthorizedException',
        'Invalid session for the user, session is expired.',
      );
    });

    test('ClientMetadata reaches the functions from the RespondToAuthChallenge call that carries it, not from an earlier one', {}, async () => {
      const s = await setup(server());
      const started = await initiate(server(), s, 'alice');
      const second = await answer(server(), s, 'alice', started.Session, 'wrong', { step: 'one' });
      await answer(server(), s, 'alice', second.Session, 'wrong');
      assert.deepEqual(
        fx.recorded(s.poolId, 'verify').map((e) => e.request.clientMetadata),
        [{ step: 'one' }, null],
      );
      assert.deepEqual(
        defines(s.poolId).map((e) => e.request.clientMetadata),
        [null, { step: 'one' }, null],
      );
    });

    test('a Define asking for two right answers: two rounds, then tokens', async () => {
      const s = await setup(server(), triggers({ define: 'define-two-rounds' }));
      const started = await initiate(server(), s, 'alice');
      const second = await answer(server(), s, 'alice', started.Session, lastCode(s.poolId));
      isCustomChallenge(second, '2');
      const done = await answer(server(), s, 'alice', second.Session, lastCode(s.poolId));
      await verifiedClaims(server(), s.poolId, s.client.clientId, done.AuthenticationResult);
      assert.deepEqual(historyOf(defines(s.poolId).at(-1).request.session), [
        ['CUSTOM_CHALLENGE', true, 'CODE-1'],
        ['CUSTOM_CHALLENGE', true, 'CODE-2'],
      ]);
    });

    test('a Define that issues tokens straight away: InitiateAuth returns them', async () => {
      const s = await setup(server(), triggers({ define: 'define-at-once' }));
      const out = await initiate(server(), s, 'alice');
      assert.equal(out.ChallengeName, undefined);
      await verifiedClaims(server(), s.poolId, s.client.clientId, out.AuthenticationResult);
      assert.deepEqual(fx.recorded(s.poolId, 'create'), []);
    });

    test('SRP first: SRP_A → PASSWORD_VERIFIER → CUSTOM_CHALLENGE → tokens', async () => {
      const s = await setup(server());
      const srp = srpClient(s.poolId, PASSWORD);
      const started = await initiate(server(), s, 'alice', { SRP_A: srp.A, CHALLENGE_NAME: 'SRP_A' });
      assert.equal(started.ChallengeName, 'PASSWORD_VERIFIER');
      const params = started.ChallengeParameters!;
      assert.equal(params.USER_ID_FOR_SRP, 'alice');
      for (const name of ['SALT', 'SRP_B', 'SECRET_BLOCK']) assert.ok(params[name], `${name} is sent`);

      const proved = await server().sdk.send(
        new RespondToAuthChallengeCommand({
          ChallengeName: 'PASSWORD_VERIFIER',
          ClientId: s.client.clientId,
          Session: started.Session,
          ChallengeResponses: srp.answer(params),
        }),
      );
      isCustomChallenge(proved, '1');
      const done = await answer(server(), s, 'alice', proved.Session, lastCode(s.poolId));
      const claims = await verifiedClaims(server(), s.poolId, s.client.clientId, done.AuthenticationResult);
      assert.equal(claims.access.username, 'alice');

      const history = defines(s.poolId).map((e) => historyOf(e.request.session));
      assert.deepEqual(history, [
        [['SRP_A', true, null]],
        [
          ['SRP_A', true, null],
          ['PASSWORD_VERIFIER', true, null],
        ],
        [
          ['SRP_A', true, null],
          ['PASSWORD_VERIFIER', true, null],
          ['CUSTOM_CHALLENGE', true, 'CODE-1'],
        ],
      ]);
      assert.deepEqual(historyOf(fx.recorded(s.poolId, 'create')[0].request.session), [
        ['SRP_A', true, null],
        ['PASSWORD_VERIFIER', true, null],
      ]);
    });

    test('SRP first with the wrong password: Incorrect username or password.', async () => {
      const s = await setup(server());
      const srp = srpClient(s.poolId, 'Not-the-Passw0rd!');
      const started = await initiate(server(), s, 'alice', { SRP_A: srp.A, CHALLENGE_NAME: 'SRP_A' });
      assert.equal(started.ChallengeName, 'PASSWORD_VERIFIER');
      await rejectsWith(
        server().sdk.send(
          new RespondToAuthChallengeCommand({
            ChallengeName: 'PASSWORD_VERIFIER',
            ClientId: s.client.clientId,
            Session: started.Session,
            ChallengeResponses: srp.answer(started.ChallengeParameters!),
          }),
        ),
        'NotAuthorizedException',
        'Incorrect username or password.',
      );
      assert.deepEqual(fx.recorded(s.poolId, 'create'), []);
    });

    test('a Define that throws: UserLambdaValidationException', async () => {
      const s = await setup(server(), triggers({ define: 'define-throws' }));
      await rejectsWith(initiate(server(), s, 'alice'), 'UserLambdaValidationException', 'DefineAuthChallenge failed with error Define is broken.');
    });

    test('a Define that answers no JSON object, or a response of the wrong shape: InvalidLambdaResponseException', async () => {
      const garbage = await setup(server(), triggers({ define: 'define-garbage' }));
      await rejectsWith(initiate(server(), garbage, 'alice'), 'InvalidLambdaResponseException', 'Invalid lambda function output : Invalid JSON');
      const badType = await setup(server(), triggers({ define: 'define-bad-type' }));
      await rejectsWith(initiate(server(), badType, 'alice'), 'InvalidLambdaResponseException', 'Unrecognizable lambda output');
      const unknown = await setup(server(), triggers({ define: 'define-unknown-challenge' }));
      await rejectsWith(initiate(server(), unknown, 'alice'), 'InvalidLambdaResponseException');
    });

    test('a Define that never answers: UnexpectedLambdaException after the 5 s limit', async () => {
      const s = await setup(server(), triggers({ define: 'define-forever' }));
      await rejectsWith(
        initiate(server(), s, 'alice'),
        'UnexpectedLambdaException',
        'DefineAuthChallenge invocation failed due to error Socket timeout while invoking Lambda function.',
      );
    });

    test('a Create or Verify that throws: UserLambdaValidationException naming it', async () => {
      const create = await setup(server(), triggers({ create: 'create-throws' }));
      await rejectsWith(initiate(server(), create, 'alice'), 'UserLambdaValidationException', 'CreateAuthChallenge failed with error No code today.');
      const verify = await setup(server(), triggers({ verify: 'verify-throws' }));
      const started = await initiate(server(), verify, 'alice');
      await rejectsWith(
        answer(server(), verify, 'alice', started.Session, '42'),
        'UserLambdaValidationException',
        'VerifyAuthChallengeResponse failed with error Cannot judge.',
      );
    });

    test('a client without ALLOW_CUSTOM_AUTH is refused before any function runs', async () => {
      const s = await setup(server());
      const client = await createClient(server(), s.poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
      await rejectsWith(initiate(server(), { ...s, client }, 'alice'), 'InvalidParameterException', 'Auth flow not enabled for this client');
      assert.deepEqual(defines(s.poolId), []);
    });

    test('an unknown user under PreventUserExistenceErrors ENABLED: the functions get userNotFound, the end is Incorrect username or password.', async () => {
      const s = await setup(server(), { ...triggers(), PreAuthentication: arn('pre-auth') }, { PreventUserExistenceErrors: 'ENABLED' });
      const started = await initiate(server(), s, 'nobody');
      // Looks the same as for a real user.
      isCustomChallenge(started, '1', 'nobody');
      await rejectsWith(answer(server(), s, 'nobody', started.Session, lastCode(s.poolId)), 'NotAuthorizedException', 'Incorrect username or password.');

      const [pre] = fx.recorded(s.poolId, 'pre-auth');
      assert.equal(pre.userName, 'nobody');
      assert.equal(pre.request.userNotFound, true);
      const [first, second] = defines(s.poolId);
      assert.equal(first.userName, 'nobody');
      assert.equal(first.request.userNotFound, true);
      assert.deepEqual(first.request.userAttributes, {});
      assert.equal(second.request.userNotFound, true);
      assert.equal(fx.recorded(s.poolId, 'create')[0].request.userNotFound, true);
      assert.equal(fx.recorded(s.poolId, 'verify')[0].request.userNotFound, true);

      // A real user of the same client: userNotFound false.
      const real = await initiate(server(), s, 'alice');
      isCustomChallenge(real, '1');
      assert.equal(defines(s.poolId).at(-1).request.userNotFound, false);
      assert.equal(fx.recorded(s.poolId, 'pre-auth').at(-1).request.userNotFound, false);
    });

    test('an unknown user without PreventUserExistenceErrors: UserNotFoundException, no function runs', async () => {
      const s = await setup(server());
      await rejectsWith(initiate(server(), s, 'nobody'), 'UserNotFoundException', 'User does not exist.');
      assert.deepEqual(defines(s.poolId), []);
    });
  },
  { flags: { functions: fx.dir } },
);
