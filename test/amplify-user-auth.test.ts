import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { Amplify } from 'aws-amplify';
import { autoSignIn, confirmSignIn, confirmSignUp, fetchAuthSession, signIn, type SignInOutput, signOut, signUp } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import { signInSetup, type SignInSetup } from './support/auth.ts';
import { createClient, createPool, messagesFor } from './support/fixtures.ts';
import { EMAIL, MASKED, PHONE } from './support/mfa.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { type Call, recordCognitoCalls } from './support/wire.ts';

/**
 * Amplify v6 (aws-amplify), unmodified, in Node, through choice-based sign-in (USER_AUTH,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html): first-factor selection, EMAIL_OTP and
 * SMS_OTP, preferred challenges (EMAIL_OTP, PASSWORD, PASSWORD_SRP), wrong and expired codes, and
 * autoSignIn after signUp / confirmSignUp, which this Amplify version does with USER_AUTH by
 * passing ConfirmSignUp's Session to InitiateAuth (signUpHelpers.ts →
 * signInWithUserAuth → handleUserAuthFlow). Amplify's configuration and sign-in state are
 * process-global, so every Amplify USER_AUTH test lives in this file and they run one after
 * another. Node 20 has all Amplify needs for these flows (fetch, crypto.getRandomValues): no
 * globals are defined here. Passkeys with Amplify need navigator.credentials, that is a
 * browser: see browser-passkey.test.ts.
 */

ConsoleLogger.LOG_LEVEL = 'ERROR';

// signUp with autoSignIn arms a 3-minute timer (MAX_AUTOSIGNIN_POLLING_MS in Amplify's
// signUpHelpers.ts) that nothing clears once the sign-in is done; it would hold this test
// process open for three minutes. Timers of a minute or more are unref'd so they cannot.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = realSetTimeout(handler, ms, ...args);
  if ((ms ?? 0) >= 60_000) timer.unref();
  return timer;
}) as typeof setTimeout;

const MISMATCH = 'Invalid code or auth state for the user.';
const SESSION_EXPIRED = 'Invalid session for the user, session is expired.';
const FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

const { calls } = recordCognitoCalls();
const since = (mark: number) => calls.slice(mark);
/** Each call as `Target[:AuthFlow|:ChallengeName] <status>`. */
const steps = (list: Call[]) =>
  list.map((c) => `${c.target}${c.request.ChallengeName ? `:${c.request.ChallengeName}` : c.request.AuthFlow ? `:${c.request.AuthFlow}` : ''} ${c.status}`);

function configure(server: TestServer, s: { poolId: string; client: { clientId: string } }) {
  Amplify.configure({ Auth: { Cognito: { userPoolId: s.poolId, userPoolClientId: s.client.clientId, userPoolEndpoint: server.url } } });
}

/** A pool allowing PASSWORD, EMAIL_OTP and SMS_OTP; a client with ALLOW_USER_AUTH; alice with a password and both addresses verified. */
async function setup(server: TestServer): Promise<SignInSetup> {
  const s = await signInSetup(server, {
    pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } } },
    client: { ExplicitAuthFlows: FLOWS },
    attributes: { email: EMAIL, email_verified: 'true', phone_number: PHONE, phone_number_verified: 'true' },
  });
  configure(server, s);
  return s;
}

/** Signed in, as the user, with the tokens the server issued. */
async function assertDone(result: SignInOutput, username: string) {
  assert.deepEqual(result, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const session = await fetchAuthSession();
  assert.equal(session.tokens?.accessToken.payload.username, username);
  assert.equal(session.tokens?.idToken?.payload['cognito:username'], username);
}

/** Amplify rethrows Cognito's error as an AuthError with the same name and message. */
async function rejectsAs(promise: Promise<unknown>, name: string, message?: string) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

async function lastCode(server: TestServer, s: { poolId: string; username: string }, channel: 'EMAIL' | 'SMS'): Promise<string> {
  const last = (await messagesFor(server, s.poolId, s.username)).at(-1);
  assert.ok(last?.code, 'a code was sent');
  assert.equal(last.channel, channel);
  return last.code;
}

const wrong = (code: string) => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);

const OTP = {
  EMAIL_OTP: { step: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE', channel: 'EMAIL', destination: MASKED.EMAIL_OTP, key: 'EMAIL_OTP_CODE' },
  SMS_OTP: { step: 'CONFIRM_SIGN_IN_WITH_SMS_CODE', channel: 'SMS', destination: MASKED.SMS_MFA, key: 'SMS_OTP_CODE' },
} as const;

function assertCodeStep(result: SignInOutput, factor: keyof typeof OTP) {
  assert.deepEqual(result, {
    isSignedIn: false,
    nextStep: { signInStep: OTP[factor].step, codeDeliveryDetails: { deliveryMedium: OTP[factor].channel, destination: OTP[factor].destination } },
  });
}

describeEachBackend('Amplify v6: USER_AUTH', ({ server }) => {
  // Amplify refuses signIn while someone is signed in; leave every test signed out.
  afterEach(async () => {
    await signOut().catch(() => {});
  });

  for (const factor of ['EMAIL_OTP', 'SMS_OTP'] as const) {
    test(`first-factor selection → confirmSignIn('${factor}') → ${OTP[factor].step} → the code → DONE`, async () => {
      const s = await setup(server());
      const mark = calls.length;
      const selection = await signIn({ username: s.username, options: { authFlowType: 'USER_AUTH' } });
      assert.equal(selection.isSignedIn, false);
      assert.equal(selection.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
      const available = (selection.nextStep as { availableChallenges?: string[] }).availableChallenges;
      assert.deepEqual([...(available ?? [])].sort(), ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);
      const codeStep = await confirmSignIn({ challengeResponse: factor });
      assertCodeStep(codeStep, factor);
      const done = await confirmSignIn({ challengeResponse: await lastCode(server(), s, OTP[factor].channel) });
      await assertDone(done, s.username);
      const made = since(mark);
      assert.deepEqual(steps(made), ['InitiateAuth:USER_AUTH 200', 'RespondToAuthChallenge:SELECT_CHALLENGE 200', `RespondToAuthChallenge:${factor} 200`]);
      assert.deepEqual(made[0]!.request.AuthParameters, { USERNAME: s.username });
      assert.deepEqual(made[1]!.request.ChallengeResponses, { USERNAME: s.username, ANSWER: factor });
      assert.equal(Object.keys(made[2]!.request.ChallengeResponses).includes(OTP[factor].key), true);
    });
  }

  for (const factor of ['PASSWORD', 'PASSWORD_SRP'] as const) {
    test(`first-factor selection → confirmSignIn('${factor}') → CONFIRM_SIGN_IN_WITH_PASSWORD → the password → DONE`, async () => {
      const s = await setup(server());
      const mark = calls.length;
      const selection = await signIn({ username: s.username, options: { authFlowType: 'USER_AUTH' } });
      assert.equal(selection.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_FIRST_FACTOR_SELECTION');
      const passwordStep = await confirmSignIn({ challengeResponse: factor });
      assert.deepEqual(passwordStep, { isSignedIn: false, nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_PASSWORD' } });
      await assertDone(await confirmSignIn({ challengeResponse: s.password }), s.username);
      const expected =
        factor === 'PASSWORD'
          ? ['InitiateAuth:USER_AUTH 200', 'RespondToAuthChallenge:SELECT_CHALLENGE 200']
          : ['InitiateAuth:USER_AUTH 200', 'RespondToAuthChallenge:SELECT_CHALLENGE 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200'];
      assert.deepEqual(steps(since(mark)), expected);
    });
  }

  test("preferredChallenge 'EMAIL_OTP' → CONFIRM_SIGN_IN_WITH_EMAIL_CODE at once → DONE", async () => {
    const s = await setup(server());
    const mark = calls.length;
    const codeStep = await signIn({ username: s.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    assertCodeStep(codeStep, 'EMAIL_OTP');
    await assertDone(await confirmSignIn({ challengeResponse: await lastCode(server(), s, 'EMAIL') }), s.username);
    const made = since(mark);
    assert.deepEqual(steps(made), ['InitiateAuth:USER_AUTH 200', 'RespondToAuthChallenge:EMAIL_OTP 200']);
    assert.deepEqual(made[0]!.request.AuthParameters, { USERNAME: s.username, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
  });

  test("preferredChallenge 'SMS_OTP' → CONFIRM_SIGN_IN_WITH_SMS_CODE at once → DONE", async () => {
    const s = await setup(server());
    const codeStep = await signIn({ username: s.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'SMS_OTP' } });
    assertCodeStep(codeStep, 'SMS_OTP');
    await assertDone(await confirmSignIn({ challengeResponse: await lastCode(server(), s, 'SMS') }), s.username);
  });

  test("preferredChallenge 'PASSWORD' with the password → DONE in one call", async () => {
    const s = await setup(server());
    const mark = calls.length;
    await assertDone(
      await signIn({ username: s.username, password: s.password, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } }),
      s.username,
    );
    const made = since(mark);
    assert.deepEqual(steps(made), ['InitiateAuth:USER_AUTH 200']);
    assert.deepEqual(made[0]!.request.AuthParameters, { USERNAME: s.username, PASSWORD: s.password, PREFERRED_CHALLENGE: 'PASSWORD' });
  });

  test("preferredChallenge 'PASSWORD' with a wrong password → NotAuthorizedException", async () => {
    const s = await setup(server());
    await rejectsAs(
      signIn({ username: s.username, password: 'Wrong-Passw0rd!', options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD' } }),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
  });

  test("preferredChallenge 'PASSWORD_SRP' with the password → PASSWORD_VERIFIER → DONE", async () => {
    const s = await setup(server());
    const mark = calls.length;
    await assertDone(
      await signIn({ username: s.username, password: s.password, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'PASSWORD_SRP' } }),
      s.username,
    );
    const made = since(mark);
    assert.deepEqual(steps(made), ['InitiateAuth:USER_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200']);
    assert.equal(made[0]!.request.AuthParameters.PREFERRED_CHALLENGE, 'PASSWORD_SRP');
    assert.match(made[0]!.request.AuthParameters.SRP_A, /^[0-9a-f]+$/);
  });

  test('a wrong code → CodeMismatchException; the right one then → DONE', async () => {
    const s = await setup(server());
    const codeStep = await signIn({ username: s.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    assertCodeStep(codeStep, 'EMAIL_OTP');
    const code = await lastCode(server(), s, 'EMAIL');
    await rejectsAs(confirmSignIn({ challengeResponse: wrong(code) }), 'CodeMismatchException', MISMATCH);
    await assertDone(await confirmSignIn({ challengeResponse: code }), s.username);
  });

  test("autoSignIn after signUp / confirmSignUp with authFlowType 'USER_AUTH' → DONE without a second code", async () => {
    const poolId = await createPool(server(), {
      AutoVerifiedAttributes: ['email'],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
    const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: FLOWS } });
    configure(server(), { poolId, client });
    const mark = calls.length;
    const up = await signUp({
      username: 'carol',
      password: 'Corr3ct-Horse!',
      options: { userAttributes: { email: 'carol@example.com' }, autoSignIn: { authFlowType: 'USER_AUTH' } },
    });
    assert.equal(up.isSignUpComplete, false);
    assert.equal(up.nextStep.signUpStep, 'CONFIRM_SIGN_UP');
    const code = await lastCode(server(), { poolId, username: 'carol' }, 'EMAIL');
    // A mistyped code first: autoSignIn survives it.
    await rejectsAs(confirmSignUp({ username: 'carol', confirmationCode: wrong(code) }), 'CodeMismatchException');
    const confirmed = await confirmSignUp({ username: 'carol', confirmationCode: code });
    assert.deepEqual(confirmed, { isSignUpComplete: true, nextStep: { signUpStep: 'COMPLETE_AUTO_SIGN_IN' } });
    const sent = (await messagesFor(server(), poolId, 'carol')).length;
    await assertDone(await autoSignIn(), 'carol');
    assert.equal((await messagesFor(server(), poolId, 'carol')).length, sent, 'no sign-in code was sent');
    const made = since(mark);
    assert.deepEqual(steps(made), ['SignUp 200', 'ConfirmSignUp 400', 'ConfirmSignUp 200', 'InitiateAuth:USER_AUTH 200']);
    const [signedUp, confirmedCall, initiate] = [made[0]!, made[2]!, made[3]!];
    assert.ok(signedUp.response.Session, 'SignUp returned a Session');
    // This Amplify version sends no Session to ConfirmSignUp; it signs in with the one ConfirmSignUp returns.
    assert.equal(confirmedCall.request.Session, undefined);
    assert.ok(confirmedCall.response.Session, 'ConfirmSignUp returned a Session');
    assert.deepEqual(initiate.request.AuthParameters, { USERNAME: 'carol' });
    assert.equal(initiate.request.Session, confirmedCall.response.Session, 'Amplify passed it to InitiateAuth');
  });

  // Last: it moves the server's clock past the session lifetime, and Amplify signs SRP with the real time.
  test('an expired code (session past its lifetime) → NotAuthorizedException: session is expired', async () => {
    const s = await setup(server());
    const codeStep = await signIn({ username: s.username, options: { authFlowType: 'USER_AUTH', preferredChallenge: 'EMAIL_OTP' } });
    assertCodeStep(codeStep, 'EMAIL_OTP');
    const code = await lastCode(server(), s, 'EMAIL');
    server().clock.advance(3 * 60_000 + 1_000);
    await rejectsAs(confirmSignIn({ challengeResponse: code }), 'NotAuthorizedException', SESSION_EXPIRED);
  });
});
