import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import { AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, signIn, type SignInOutput, signOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import { codeFor, type Factor, MASKED, type MfaUser, mfaUser, type MfaUserOptions, nextTotp, otherCode, totpCode } from './support/mfa.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { type Call, recordCognitoCalls } from './support/wire.ts';

/**
 * Amplify v6 (aws-amplify), unmodified, in Node, through MFA: the CONFIRM_SIGN_IN_WITH_*_CODE
 * steps, CONTINUE_SIGN_IN_WITH_MFA_SELECTION, and in-flow setup (TOTP, email, and the choice
 * between them), with the default USER_SRP_AUTH flow and with USER_PASSWORD_AUTH. Amplify's
 * configuration and token store are process-global, so every Amplify MFA test lives in this
 * file and they run one after another. Amplify signs SRP with the real time, so these tests
 * never move the server's clock by minutes.
 */

ConsoleLogger.LOG_LEVEL = 'ERROR';

const { calls } = recordCognitoCalls();
const since = (mark: number) => calls.slice(mark);
/** Each call as `Target[:AuthFlow|:ChallengeName] <status>`. */
const steps = (list: Call[]) =>
  list.map((c) => `${c.target}${c.request.ChallengeName ? `:${c.request.ChallengeName}` : c.request.AuthFlow ? `:${c.request.AuthFlow}` : ''} ${c.status}`);

type Flow = 'USER_SRP_AUTH' | 'USER_PASSWORD_AUTH';

function configure(server: TestServer, s: { poolId: string; client: { clientId: string } }) {
  Amplify.configure({ Auth: { Cognito: { userPoolId: s.poolId, userPoolClientId: s.client.clientId, userPoolEndpoint: server.url } } });
}

async function amplifySignIn(server: TestServer, s: MfaUser, flow: Flow): Promise<SignInOutput> {
  configure(server, s);
  return signIn({ username: s.username, password: s.password, options: { authFlowType: flow } });
}

/** Signed in, as the user, with the tokens the server issued. */
async function assertDone(result: SignInOutput, s: MfaUser) {
  assert.deepEqual(result, { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
  const session = await fetchAuthSession();
  assert.equal(session.tokens?.accessToken.payload.username, s.username);
  assert.equal(session.tokens?.idToken?.payload['cognito:username'], s.username);
}

/** Amplify rethrows Cognito's error as an AuthError with the same name and message. */
async function rejectsAs(promise: Promise<unknown>, name: string, message?: string) {
  await assert.rejects(promise, (error: Error) => {
    assert.equal(error.name, name);
    if (message !== undefined) assert.equal(error.message, message);
    return true;
  });
}

const STEP = {
  SMS_MFA: 'CONFIRM_SIGN_IN_WITH_SMS_CODE',
  SOFTWARE_TOKEN_MFA: 'CONFIRM_SIGN_IN_WITH_TOTP_CODE',
  EMAIL_OTP: 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE',
} as const;
const AMPLIFY_NAME = { SMS_MFA: 'SMS', SOFTWARE_TOKEN_MFA: 'TOTP', EMAIL_OTP: 'EMAIL' } as const;

/** The code the user types now; TOTP from the next step, so it is never the code used to enrol. */
const typed = async (server: TestServer, s: MfaUser, factor: Factor) =>
  factor === 'SOFTWARE_TOKEN_MFA' ? nextTotp(server, s.secret!) : codeFor(server, s, factor);

function assertCodeStep(result: SignInOutput, factor: Factor) {
  assert.equal(result.isSignedIn, false);
  assert.equal(result.nextStep.signInStep, STEP[factor]);
  if (factor !== 'SOFTWARE_TOKEN_MFA') {
    const details = (result.nextStep as { codeDeliveryDetails?: { deliveryMedium?: string; destination?: string } }).codeDeliveryDetails;
    assert.deepEqual(details, { deliveryMedium: factor === 'SMS_MFA' ? 'SMS' : 'EMAIL', destination: MASKED[factor] });
  }
}

describeEachBackend('Amplify v6: MFA', ({ server }) => {
  // Amplify refuses signIn while someone is signed in; leave every test signed out.
  afterEach(async () => {
    await signOut().catch(() => {});
  });
  const user = (options: MfaUserOptions) => mfaUser(server(), { align: false, ...options });

  const cases: [Factor, Flow][] = [
    ['SMS_MFA', 'USER_SRP_AUTH'],
    ['SMS_MFA', 'USER_PASSWORD_AUTH'],
    ['SOFTWARE_TOKEN_MFA', 'USER_SRP_AUTH'],
    ['SOFTWARE_TOKEN_MFA', 'USER_PASSWORD_AUTH'],
    ['EMAIL_OTP', 'USER_SRP_AUTH'],
    ['EMAIL_OTP', 'USER_PASSWORD_AUTH'],
  ];
  for (const [factor, flow] of cases) {
    test(`${STEP[factor]} → confirmSignIn with the code → DONE (${flow})`, async () => {
      const s = await user({ mode: 'ON', enable: [factor] });
      const mark = calls.length;
      const result = await amplifySignIn(server(), s, flow);
      assertCodeStep(result, factor);
      const done = await confirmSignIn({ challengeResponse: await typed(server(), s, factor) });
      await assertDone(done, s);
      const expected =
        flow === 'USER_SRP_AUTH' ? ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200'] : ['InitiateAuth:USER_PASSWORD_AUTH 200'];
      assert.deepEqual(steps(since(mark)), [...expected, `RespondToAuthChallenge:${factor} 200`]);
    });
  }

  test('a wrong code: confirmSignIn throws CodeMismatchException, and the right code still signs in', async () => {
    const s = await user({ mode: 'ON', enable: ['SMS_MFA'] });
    assertCodeStep(await amplifySignIn(server(), s, 'USER_SRP_AUTH'), 'SMS_MFA');
    const code = await codeFor(server(), s, 'SMS_MFA');
    await rejectsAs(confirmSignIn({ challengeResponse: otherCode(code) }), 'CodeMismatchException', 'Invalid code or auth state for the user.');
    await assertDone(await confirmSignIn({ challengeResponse: code }), s);
  });

  for (const factor of ['TOTP', 'SMS', 'EMAIL'] as const) {
    test(`CONTINUE_SIGN_IN_WITH_MFA_SELECTION → confirmSignIn('${factor}') → its code step → DONE`, async () => {
      const s = await user({ mode: 'ON', enable: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
      const result = await amplifySignIn(server(), s, 'USER_SRP_AUTH');
      assert.equal(result.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SELECTION');
      const allowed = (result.nextStep as { allowedMFATypes?: string[] }).allowedMFATypes;
      assert.deepEqual([...(allowed ?? [])].sort(), ['EMAIL', 'SMS', 'TOTP']);
      const wire = (Object.keys(AMPLIFY_NAME) as Factor[]).find((f) => AMPLIFY_NAME[f] === factor)!;
      const mark = calls.length;
      const chosen = await confirmSignIn({ challengeResponse: factor });
      assertCodeStep(chosen, wire);
      const sent = since(mark).find((c) => c.request.ChallengeName === 'SELECT_MFA_TYPE')!;
      assert.equal(sent.request.ChallengeResponses.ANSWER, wire);
      await assertDone(await confirmSignIn({ challengeResponse: await typed(server(), s, wire) }), s);
    });
  }

  test('CONTINUE_SIGN_IN_WITH_TOTP_SETUP → the shared secret → confirmSignIn(code) → DONE; then CONFIRM_SIGN_IN_WITH_TOTP_CODE (USER_PASSWORD_AUTH)', async () => {
    const s = await user({ mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA'] });
    const mark = calls.length;
    const result = await amplifySignIn(server(), s, 'USER_PASSWORD_AUTH');
    assert.equal(result.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    const details = (result.nextStep as { totpSetupDetails: { sharedSecret: string; getSetupUri(app: string, account?: string): URL } }).totpSetupDetails;
    const secret = details.sharedSecret;
    assert.match(secret, /^[A-Z2-7]+$/);
    const uri = details.getSetupUri('cognate');
    assert.equal(uri.protocol, 'otpauth:');
    assert.equal(uri.searchParams.get('secret'), secret);
    const done = await confirmSignIn({ challengeResponse: totpCode(server(), secret) });
    await assertDone(done, s);
    assert.deepEqual(steps(since(mark)), [
      'InitiateAuth:USER_PASSWORD_AUTH 200',
      'AssociateSoftwareToken 200',
      'VerifySoftwareToken 200',
      'RespondToAuthChallenge:MFA_SETUP 200',
    ]);
    const admin = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.ok(admin.UserMFASettingList?.includes('SOFTWARE_TOKEN_MFA'));

    await signOut();
    const again = await amplifySignIn(server(), s, 'USER_SRP_AUTH');
    assertCodeStep(again, 'SOFTWARE_TOKEN_MFA');
    await assertDone(await confirmSignIn({ challengeResponse: nextTotp(server(), secret) }), s);
  });

  test('email only: CONTINUE_SIGN_IN_WITH_EMAIL_SETUP → confirmSignIn(address) → CONFIRM_SIGN_IN_WITH_EMAIL_CODE → DONE', async () => {
    const s = await user({ mode: 'ON', offered: ['EMAIL_OTP'] });
    const result = await amplifySignIn(server(), s, 'USER_SRP_AUTH');
    assert.equal(result.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
    const mark = calls.length;
    const otp = await confirmSignIn({ challengeResponse: 'mfa.alice@example.org' });
    assert.equal(otp.nextStep.signInStep, 'CONFIRM_SIGN_IN_WITH_EMAIL_CODE');
    assert.deepEqual((otp.nextStep as { codeDeliveryDetails?: unknown }).codeDeliveryDetails, { deliveryMedium: 'EMAIL', destination: 'm***@e***' });
    const setup = since(mark).find((c) => c.request.ChallengeName === 'MFA_SETUP')!;
    assert.equal(setup.request.ChallengeResponses.EMAIL, 'mfa.alice@example.org');
    await assertDone(await confirmSignIn({ challengeResponse: await codeFor(server(), s, 'EMAIL_OTP') }), s);
    const admin = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.deepEqual(admin.UserMFASettingList, ['EMAIL_OTP']);
  });

  test('CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION → EMAIL → email setup → DONE', async () => {
    const s = await user({ mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
    const result = await amplifySignIn(server(), s, 'USER_PASSWORD_AUTH');
    assert.equal(result.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
    assert.deepEqual([...((result.nextStep as { allowedMFATypes?: string[] }).allowedMFATypes ?? [])].sort(), ['EMAIL', 'TOTP']);
    const email = await confirmSignIn({ challengeResponse: 'EMAIL' });
    assert.equal(email.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_EMAIL_SETUP');
    const otp = await confirmSignIn({ challengeResponse: 'alice@example.com' });
    assertCodeStep(otp, 'EMAIL_OTP');
    await assertDone(await confirmSignIn({ challengeResponse: await codeFor(server(), s, 'EMAIL_OTP') }), s);
  });

  test('CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION → TOTP → TOTP setup → DONE', async () => {
    const s = await user({ mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
    const result = await amplifySignIn(server(), s, 'USER_SRP_AUTH');
    assert.equal(result.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_MFA_SETUP_SELECTION');
    const totp = await confirmSignIn({ challengeResponse: 'TOTP' });
    assert.equal(totp.nextStep.signInStep, 'CONTINUE_SIGN_IN_WITH_TOTP_SETUP');
    const secret = (totp.nextStep as { totpSetupDetails: { sharedSecret: string } }).totpSetupDetails.sharedSecret;
    await assertDone(await confirmSignIn({ challengeResponse: totpCode(server(), secret) }), s);
  });

  test('OPTIONAL pool, user without a factor: DONE at once', async () => {
    const s = await user({ mode: 'OPTIONAL' });
    await assertDone(await amplifySignIn(server(), s, 'USER_SRP_AUTH'), s);
  });
});
