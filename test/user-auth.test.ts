import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminSetUserMFAPreferenceCommand,
  type AuthenticationResultType,
  CompleteWebAuthnRegistrationCommand,
  ConfirmSignUpCommand,
  GetUserCommand,
  InitiateAuthCommand,
  type InitiateAuthCommandOutput,
  SetUserPoolMfaConfigCommand,
  SignUpCommand,
  StartWebAuthnRegistrationCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { ClientConfig } from '../src/domain/types.ts';
import { passwordAuth, respond, signInSetup, type SignInSetup } from './support/auth.ts';
import { type CreationOptions, softwareAuthenticator, type SoftwareAuthenticator } from './support/authenticator.ts';
import { createClient, createPool, messagesFor } from './support/fixtures.ts';
import { claims, EMAIL, factorBlocks, MASKED, mfaUser, PHONE } from './support/mfa.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';

/**
 * Choice-based sign-in (USER_AUTH) over the AWS SDK
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html): SELECT_CHALLENGE and its AvailableChallenges, each ANSWER,
 * PREFERRED_CHALLENGE, what is refused, unknown users, the stages after a password, and the
 * sign-in straight after sign-up.
 */

const MISMATCH = 'Invalid code or auth state for the user.';
const INCORRECT = 'Incorrect username or password.';
const SESSION_USED = 'Invalid session for the user, session can only be used once.';
const SESSION_EXPIRED = 'Invalid session for the user, session is expired.';
const INVALID_SESSION = 'Invalid session for the user.';
const RP = 'example.com';
const ORIGIN = 'https://example.com';
const ALL_FACTORS = ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP', 'WEB_AUTHN'];
/** Every first factor a user with a password, both verified addresses and a passkey can choose. */
const EVERYTHING = ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP', 'WEB_AUTHN'];
const VERIFIED = { email: EMAIL, email_verified: 'true', phone_number: PHONE, phone_number_verified: 'true' };
const USER_AUTH_FLOWS = ['ALLOW_USER_AUTH', 'ALLOW_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

interface Setup extends SignInSetup {
  authenticator: SoftwareAuthenticator;
  /** The registered passkey's id, when the user has one. */
  credentialId?: string;
}

interface SetupOptions {
  factors?: string[];
  attributes?: Record<string, string>;
  passkey?: boolean;
  client?: ClientConfig;
  username?: string;
}

/**
 * A pool allowing `factors` as first factors (RP `example.com` when WEB_AUTHN is among them), a
 * client with ALLOW_USER_AUTH, and a confirmed user with a password, both verified addresses
 * (unless told) and, when asked, a passkey registered over the API.
 */
async function setup(server: TestServer, options: SetupOptions = {}): Promise<Setup> {
  const factors = options.factors ?? ALL_FACTORS;
  const s = await signInSetup(server, {
    pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: factors as never } } },
    client: { ExplicitAuthFlows: USER_AUTH_FLOWS, ...options.client },
    attributes: options.attributes ?? VERIFIED,
    username: options.username,
  });
  if (factors.includes('WEB_AUTHN')) {
    await server.sdk.send(
      new SetUserPoolMfaConfigCommand({ UserPoolId: s.poolId, WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: 'preferred' } }),
    );
  }
  const authenticator = softwareAuthenticator(ORIGIN);
  const out: Setup = { ...s, authenticator };
  if (options.passkey) out.credentialId = await registerPasskey(server, out);
  return out;
}

async function registerPasskey(server: TestServer, s: Setup): Promise<string> {
  const signedIn = await passwordAuth(server, s, s.username, s.password);
  const AccessToken = signedIn.AuthenticationResult!.AccessToken!;
  const { CredentialCreationOptions } = await server.sdk.send(new StartWebAuthnRegistrationCommand({ AccessToken }));
  const credential = s.authenticator.register(CredentialCreationOptions as unknown as CreationOptions);
  await server.sdk.send(new CompleteWebAuthnRegistrationCommand({ AccessToken, Credential: credential as never }));
  return credential.id;
}

function userAuth(server: TestServer, s: { client: { clientId: string } }, params: Record<string, string>, session?: string) {
  return server.sdk.send(new InitiateAuthCommand({ AuthFlow: 'USER_AUTH', ClientId: s.client.clientId, AuthParameters: params, Session: session }));
}

/** SELECT_CHALLENGE for `s`: the challenge, its Session, and the sorted AvailableChallenges. */
async function select(server: TestServer, s: Setup, extra: Record<string, string> = {}) {
  const out = await userAuth(server, s, { USERNAME: s.username, ...extra });
  assert.equal(out.ChallengeName, 'SELECT_CHALLENGE');
  assert.ok(out.Session, 'SELECT_CHALLENGE carries a Session');
  assert.equal(out.AuthenticationResult, undefined);
  assert.ok(Array.isArray(out.AvailableChallenges), 'AvailableChallenges is a top-level list');
  return { out, session: out.Session, available: [...out.AvailableChallenges].sort() };
}

/** The tokens work and are the user's. */
async function assertTokens(server: TestServer, username: string, result: AuthenticationResultType | undefined) {
  assert.ok(result?.AccessToken && result.IdToken && result.RefreshToken, 'AccessToken, IdToken and RefreshToken');
  assert.equal(result.TokenType, 'Bearer');
  assert.equal(result.ExpiresIn, 3600);
  assert.equal(claims(result.AccessToken).username, username);
  const me = await server.sdk.send(new GetUserCommand({ AccessToken: result.AccessToken }));
  assert.equal(me.Username, username);
}

/** The newest message to the user: it went by `channel` and carries a code. */
async function lastCode(server: TestServer, s: { poolId: string; username: string }, channel: 'EMAIL' | 'SMS'): Promise<string> {
  const last = (await messagesFor(server, s.poolId, s.username)).at(-1);
  assert.ok(last?.code, `a code was sent to ${s.username}`);
  assert.equal(last.channel, channel);
  return last.code;
}

/** A code of the same length that is not `code`. */
const wrong = (code: string) => code.slice(0, -1) + String((Number(code.at(-1)) + 1) % 10);

const OTP = {
  EMAIL_OTP: { channel: 'EMAIL', key: 'EMAIL_OTP_CODE', destination: MASKED.EMAIL_OTP },
  SMS_OTP: { channel: 'SMS', key: 'SMS_OTP_CODE', destination: MASKED.SMS_MFA },
} as const;
type Otp = keyof typeof OTP;

/** An OTP challenge as issued: its medium, the masked destination, a Session. */
function assertOtpChallenge(out: InitiateAuthCommandOutput, factor: Otp) {
  assert.equal(out.ChallengeName, factor);
  assert.ok(out.Session);
  assert.equal(out.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, OTP[factor].channel);
  assert.equal(out.ChallengeParameters?.CODE_DELIVERY_DESTINATION, OTP[factor].destination);
}

describeEachBackend('USER_AUTH: SELECT_CHALLENGE and AvailableChallenges', ({ server }) => {
  test('no preference → SELECT_CHALLENGE listing every factor the pool allows and the user has', async () => {
    const s = await setup(server(), { passkey: true });
    const { out, available } = await select(server(), s);
    assert.deepEqual(available, EVERYTHING);
    assert.equal(typeof out.ChallengeParameters, 'object');
    // The list is a response member, not a challenge parameter.
    assert.equal(out.ChallengeParameters?.AvailableChallenges, undefined);
  });

  test('only what the user has: no passkey, unverified or missing addresses leave their factors out', async () => {
    const noPasskey = await setup(server());
    assert.deepEqual((await select(server(), noPasskey)).available, ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);
    const unverified = await setup(server(), { attributes: { email: EMAIL, phone_number: PHONE } });
    assert.deepEqual((await select(server(), unverified)).available, ['PASSWORD', 'PASSWORD_SRP']);
    const emailOnly = await setup(server(), { attributes: { email: EMAIL, email_verified: 'true' } });
    assert.deepEqual((await select(server(), emailOnly)).available, ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP']);
    const phoneOnly = await setup(server(), { attributes: { phone_number: PHONE, phone_number_verified: 'true' } });
    assert.deepEqual((await select(server(), phoneOnly)).available, ['PASSWORD', 'PASSWORD_SRP', 'SMS_OTP']);
  });

  test('only what the pool allows', async () => {
    const passwordOnly = await setup(server(), { factors: ['PASSWORD'] });
    assert.deepEqual((await select(server(), passwordOnly)).available, ['PASSWORD', 'PASSWORD_SRP']);
    const email = await setup(server(), { factors: ['PASSWORD', 'EMAIL_OTP'] });
    assert.deepEqual((await select(server(), email)).available, ['EMAIL_OTP', 'PASSWORD', 'PASSWORD_SRP']);
    const passkey = await setup(server(), { factors: ['PASSWORD', 'WEB_AUTHN'], passkey: true });
    assert.deepEqual((await select(server(), passkey)).available, ['PASSWORD', 'PASSWORD_SRP', 'WEB_AUTHN']);
  });

  test('a user without a password (signed up passwordless) is offered no password factor', async () => {
    const poolId = await createPool(server(), {
      AutoVerifiedAttributes: ['email'],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
    const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: USER_AUTH_FLOWS } });
    await server().sdk.send(new SignUpCommand({ ClientId: client.clientId, Username: 'pat', UserAttributes: [{ Name: 'email', Value: 'pat@example.com' }] }));
    const code = await lastCode(server(), { poolId, username: 'pat' }, 'EMAIL');
    await server().sdk.send(new ConfirmSignUpCommand({ ClientId: client.clientId, Username: 'pat', ConfirmationCode: code }));
    const s = { poolId, client, username: 'pat', password: '', authenticator: softwareAuthenticator(ORIGIN) };
    assert.deepEqual((await select(server(), s)).available, ['EMAIL_OTP']);
    const out = await userAuth(server(), s, { USERNAME: 'pat', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Any-Passw0rd!' });
    assert.equal(out.ChallengeName, 'SELECT_CHALLENGE');
    assert.deepEqual(out.AvailableChallenges, ['EMAIL_OTP']);
  });

  test('ANSWER not in AvailableChallenges → InvalidParameterException; the session still takes a valid answer', async () => {
    const s = await setup(server(), { factors: ['PASSWORD', 'EMAIL_OTP'] });
    const { session } = await select(server(), s);
    for (const answer of ['SMS_OTP', 'WEB_AUTHN', 'SOFTWARE_TOKEN_MFA', 'NOTHING']) {
      await rejectsWith(respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: answer }), 'InvalidParameterException');
    }
    await rejectsWith(respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username }), 'InvalidParameterException');
    const out = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'PASSWORD', PASSWORD: s.password });
    await assertTokens(server(), s.username, out.AuthenticationResult);
  });

  test('a client without ALLOW_USER_AUTH: USER_AUTH flow not enabled for this client', async () => {
    const s = await setup(server());
    const other = await createClient(server(), s.poolId, {
      config: { ExplicitAuthFlows: ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] },
    });
    await rejectsWith(
      userAuth(server(), { client: other }, { USERNAME: s.username }),
      'InvalidParameterException',
      'USER_AUTH flow not enabled for this client',
    );
    await rejectsWith(
      userAuth(server(), { client: other }, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password }),
      'InvalidParameterException',
      'USER_AUTH flow not enabled for this client',
    );
  });

  test('USER_AUTH alone lets PASSWORD and PASSWORD_SRP through, not USER_PASSWORD_AUTH or USER_SRP_AUTH', async () => {
    const s = await setup(server(), { client: { ExplicitAuthFlows: ['ALLOW_USER_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password });
    await assertTokens(server(), s.username, out.AuthenticationResult);
    await rejectsWith(passwordAuth(server(), s, s.username, s.password), 'InvalidParameterException');
  });
});

describeEachBackend('USER_AUTH: answering SELECT_CHALLENGE', ({ server }) => {
  test('PASSWORD with the password → tokens; a wrong one → NotAuthorizedException', async () => {
    const s = await setup(server());
    const first = await select(server(), s);
    await rejectsWith(
      respond(server(), s, 'SELECT_CHALLENGE', first.session, { USERNAME: s.username, ANSWER: 'PASSWORD', PASSWORD: 'Wrong-Passw0rd!' }),
      'NotAuthorizedException',
      INCORRECT,
    );
    const { session } = await select(server(), s);
    const out = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'PASSWORD', PASSWORD: s.password });
    assert.equal(out.ChallengeName, undefined);
    await assertTokens(server(), s.username, out.AuthenticationResult);
    await rejectsWith(
      respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'PASSWORD', PASSWORD: s.password }),
      'NotAuthorizedException',
      SESSION_USED,
    );
  });

  test('PASSWORD by an alias (the email) with a temporary password → NEW_PASSWORD_REQUIRED for the internal username', async () => {
    const poolId = await createPool(server(), {
      AliasAttributes: ['email'],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
    const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: USER_AUTH_FLOWS } });
    await server().sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'alice',
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [
          { Name: 'email', Value: EMAIL },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    const s = { poolId, client, username: EMAIL, password: 'Temp-Passw0rd!', authenticator: softwareAuthenticator(ORIGIN) };
    const { session, available } = await select(server(), s);
    // Temporary password: only the password factors (observed for FORCE_CHANGE_PASSWORD).
    assert.deepEqual(available, ['PASSWORD', 'PASSWORD_SRP']);
    const out = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: EMAIL, ANSWER: 'PASSWORD', PASSWORD: s.password });
    assert.equal(out.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.equal(out.ChallengeParameters?.USER_ID_FOR_SRP, 'alice');
  });

  test('PASSWORD_SRP with SRP_A → PASSWORD_VERIFIER → tokens; a wrong proof → NotAuthorizedException', async () => {
    const s = await setup(server());
    const { session } = await select(server(), s);
    const srp = srpClient(s.poolId, s.password);
    const verifier = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'PASSWORD_SRP', SRP_A: srp.A });
    assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
    const p = verifier.ChallengeParameters!;
    assert.equal(p.USER_ID_FOR_SRP, s.username);
    assert.match(p.SALT!, /^[0-9a-f]+$/);
    assert.match(p.SRP_B!, /^[0-9a-f]+$/);
    assert.ok(p.SECRET_BLOCK);
    const out = await respond(server(), s, 'PASSWORD_VERIFIER', verifier.Session, srp.answer(p, { now: server().clock.now() }));
    await assertTokens(server(), s.username, out.AuthenticationResult);

    const again = await select(server(), s);
    const wrongSrp = srpClient(s.poolId, 'Wrong-Passw0rd!');
    const v2 = await respond(server(), s, 'SELECT_CHALLENGE', again.session, { USERNAME: s.username, ANSWER: 'PASSWORD_SRP', SRP_A: wrongSrp.A });
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', v2.Session, wrongSrp.answer(v2.ChallengeParameters!, { now: server().clock.now() })),
      'NotAuthorizedException',
      INCORRECT,
    );
  });

  test('PASSWORD_SRP without SRP_A → InvalidParameterException', async () => {
    const s = await setup(server());
    const { session } = await select(server(), s);
    await rejectsWith(respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'PASSWORD_SRP' }), 'InvalidParameterException');
  });

  for (const factor of ['EMAIL_OTP', 'SMS_OTP'] as const) {
    test(`${factor}: a code goes out; a wrong code → CodeMismatchException and the right one still works`, async () => {
      const s = await setup(server());
      const before = (await messagesFor(server(), s.poolId, s.username)).length;
      const { session } = await select(server(), s);
      const challenge = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: factor });
      assertOtpChallenge(challenge, factor);
      assert.notEqual(challenge.Session, session);
      const messages = await messagesFor(server(), s.poolId, s.username);
      assert.equal(messages.length, before + 1, 'one code was sent');
      const code = await lastCode(server(), s, OTP[factor].channel);
      assert.equal(messages.at(-1)!.destination, factor === 'EMAIL_OTP' ? EMAIL : PHONE);
      if (factor === 'EMAIL_OTP') assert.match(code, /^\d{8}$/, 'email sign-in codes have 8 digits (as observed)');
      else assert.match(code, /^\d{6,8}$/);
      const answer = (c: string) => respond(server(), s, factor, challenge.Session, { USERNAME: s.username, [OTP[factor].key]: c });
      await rejectsWith(answer(wrong(code)), 'CodeMismatchException', MISMATCH);
      await rejectsWith(answer(wrong(wrong(code))), 'CodeMismatchException', MISMATCH);
      const out = await answer(code);
      await assertTokens(server(), s.username, out.AuthenticationResult);
      await rejectsWith(answer(code), 'NotAuthorizedException', SESSION_USED);
    });

    test(`${factor}: an answer after the session lifetime → session is expired`, async () => {
      const s = await setup(server());
      const challenge = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: factor });
      assertOtpChallenge(challenge, factor);
      const code = await lastCode(server(), s, OTP[factor].channel);
      server().clock.advance(3 * 60_000 + 1_000);
      await rejectsWith(
        respond(server(), s, factor, challenge.Session, { USERNAME: s.username, [OTP[factor].key]: code }),
        'NotAuthorizedException',
        SESSION_EXPIRED,
      );
    });
  }

  test('an OTP answer without a code, or to another challenge name, is refused', async () => {
    const s = await setup(server());
    const challenge = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    await rejectsWith(respond(server(), s, 'EMAIL_OTP', challenge.Session, { USERNAME: s.username }), 'CodeMismatchException', MISMATCH);
    const code = await lastCode(server(), s, 'EMAIL');
    await rejectsWith(respond(server(), s, 'SMS_OTP', challenge.Session, { USERNAME: s.username, SMS_OTP_CODE: code }), 'InvalidParameterException');
    const out = await respond(server(), s, 'EMAIL_OTP', challenge.Session, { USERNAME: s.username, EMAIL_OTP_CODE: code });
    await assertTokens(server(), s.username, out.AuthenticationResult);
  });

  test('WEB_AUTHN → CREDENTIAL_REQUEST_OPTIONS (a JSON string) → the assertion → tokens', async () => {
    const s = await setup(server(), { passkey: true });
    const { session } = await select(server(), s);
    const challenge = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'WEB_AUTHN' });
    assert.equal(challenge.ChallengeName, 'WEB_AUTHN');
    assert.ok(challenge.Session);
    const json = challenge.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!;
    assert.equal(typeof json, 'string');
    const options = JSON.parse(json);
    assert.equal(options.rpId, RP);
    assert.equal(options.userVerification, 'preferred');
    assert.equal(options.timeout, 180000);
    assert.equal(Buffer.from(options.challenge, 'base64url').length, 16);
    assert.deepEqual(
      options.allowCredentials.map((c: { id: string }) => c.id),
      [s.credentialId],
    );
    const assertion = s.authenticator.assert(json);
    const out = await respond(server(), s, 'WEB_AUTHN', challenge.Session, { USERNAME: s.username, CREDENTIAL: JSON.stringify(assertion) });
    await assertTokens(server(), s.username, out.AuthenticationResult);
  });

  test('WEB_AUTHN: a forged assertion and a replayed one are refused', async () => {
    const s = await setup(server(), { passkey: true });
    const start = async () => {
      const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
      assert.equal(out.ChallengeName, 'WEB_AUTHN');
      return { session: out.Session, json: out.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS! };
    };
    const answer = (session: string | undefined, credential: unknown) =>
      respond(server(), s, 'WEB_AUTHN', session, { USERNAME: s.username, CREDENTIAL: JSON.stringify(credential) });

    const forged = await start();
    await rejectsWith(answer(forged.session, s.authenticator.assert(forged.json, { forgeSignature: true })), 'NotAuthorizedException', INCORRECT);
    // Signed for a challenge the server did not issue.
    const other = await start();
    await rejectsWith(
      answer(other.session, s.authenticator.assert(other.json, { challenge: Buffer.alloc(16, 9).toString('base64url') })),
      'NotAuthorizedException',
      INCORRECT,
    );
    // Signed for another site.
    const phished = await start();
    await rejectsWith(answer(phished.session, s.authenticator.assert(phished.json, { origin: 'https://evil.example' })), 'NotAuthorizedException', INCORRECT);

    const first = await start();
    const assertion = s.authenticator.assert(first.json);
    await assertTokens(server(), s.username, (await answer(first.session, assertion)).AuthenticationResult);
    // The same assertion on the spent session, and in a new sign-in.
    await rejectsWith(answer(first.session, assertion), 'NotAuthorizedException', SESSION_USED);
    const second = await start();
    await rejectsWith(answer(second.session, assertion), 'NotAuthorizedException', INCORRECT);
    const third = await start();
    await assertTokens(server(), s.username, (await answer(third.session, s.authenticator.assert(third.json))).AuthenticationResult);
  });

  test('WEB_AUTHN: a malformed CREDENTIAL gets a 400, never a 500', async () => {
    const s = await setup(server(), { passkey: true });
    const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    await rejectsWith(respond(server(), s, 'WEB_AUTHN', out.Session, { USERNAME: s.username }), 'InvalidParameterException');
    await rejectsWith(respond(server(), s, 'WEB_AUTHN', out.Session, { USERNAME: s.username, CREDENTIAL: 'not json' }), 'InvalidParameterException');
    const next = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    await rejectsWith(respond(server(), s, 'WEB_AUTHN', next.Session, { USERNAME: s.username, CREDENTIAL: '{"id":"x"}' }), 'InvalidParameterException');
  });
});

describeEachBackend('USER_AUTH: PREFERRED_CHALLENGE', ({ server }) => {
  test('PASSWORD with PASSWORD → tokens at once; a wrong password → NotAuthorizedException', async () => {
    const s = await setup(server());
    const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password });
    assert.equal(out.ChallengeName, undefined);
    await assertTokens(server(), s.username, out.AuthenticationResult);
    await rejectsWith(
      userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Wrong-Passw0rd!' }),
      'NotAuthorizedException',
      INCORRECT,
    );
  });

  test('PASSWORD without PASSWORD → InvalidParameterException', async () => {
    const s = await setup(server());
    await rejectsWith(userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD' }), 'InvalidParameterException');
  });

  test('PASSWORD_SRP with SRP_A → PASSWORD_VERIFIER → tokens', async () => {
    const s = await setup(server());
    const srp = srpClient(s.poolId, s.password);
    const verifier = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.A });
    assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
    const out = await respond(server(), s, 'PASSWORD_VERIFIER', verifier.Session, srp.answer(verifier.ChallengeParameters!, { now: server().clock.now() }));
    await assertTokens(server(), s.username, out.AuthenticationResult);
  });

  for (const factor of ['EMAIL_OTP', 'SMS_OTP'] as const) {
    test(`${factor} → the code challenge at once → tokens`, async () => {
      const s = await setup(server());
      const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: factor });
      assertOtpChallenge(out, factor);
      const code = await lastCode(server(), s, OTP[factor].channel);
      const done = await respond(server(), s, factor, out.Session, { USERNAME: s.username, [OTP[factor].key]: code });
      await assertTokens(server(), s.username, done.AuthenticationResult);
    });
  }

  test('WEB_AUTHN → the passkey challenge at once → tokens', async () => {
    const s = await setup(server(), { passkey: true });
    const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    assert.equal(out.ChallengeName, 'WEB_AUTHN');
    const json = out.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!;
    const done = await respond(server(), s, 'WEB_AUTHN', out.Session, { USERNAME: s.username, CREDENTIAL: JSON.stringify(s.authenticator.assert(json)) });
    await assertTokens(server(), s.username, done.AuthenticationResult);
  });

  test('a preference the user cannot use falls back to SELECT_CHALLENGE with what is available', async () => {
    const s = await setup(server(), {
      factors: ['PASSWORD', 'EMAIL_OTP', 'WEB_AUTHN'],
      attributes: { email: EMAIL, phone_number: PHONE, phone_number_verified: 'true' },
    });
    const expected = ['PASSWORD', 'PASSWORD_SRP'];
    // No passkey, an unverified email, and SMS_OTP that the pool does not allow.
    for (const preferred of ['WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP']) {
      const { available } = await select(server(), s, { PREFERRED_CHALLENGE: preferred });
      assert.deepEqual(available, expected, preferred);
    }
    assert.equal((await messagesFor(server(), s.poolId, s.username)).length, 0, 'no code was sent');
  });

  test('a FORCE_CHANGE_PASSWORD user asking for EMAIL_OTP gets SELECT_CHALLENGE with the password factors', async () => {
    const s = await setup(server(), { factors: ['PASSWORD', 'EMAIL_OTP'] });
    await server().sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: s.poolId,
        Username: 'tom',
        MessageAction: 'SUPPRESS',
        TemporaryPassword: 'Temp-Passw0rd!',
        UserAttributes: [
          { Name: 'email', Value: 'tom@example.com' },
          { Name: 'email_verified', Value: 'true' },
        ],
      }),
    );
    const tom = { ...s, username: 'tom' };
    const { available } = await select(server(), tom, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.deepEqual(available, ['PASSWORD', 'PASSWORD_SRP']);
  });
});

describeEachBackend('USER_AUTH: unknown users', ({ server }) => {
  test('LEGACY: UserNotFoundException', async () => {
    const s = await setup(server(), { client: { PreventUserExistenceErrors: 'LEGACY' } });
    const cases: Record<string, string>[] = [{}, { PREFERRED_CHALLENGE: 'EMAIL_OTP' }, { PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password }];
    for (const params of cases) {
      await rejectsWith(userAuth(server(), s, { USERNAME: 'nobody', ...params }), 'UserNotFoundException', 'User does not exist.');
    }
  });

  const GHOST = 'nobody@example.com';
  const enabledSetup = () => setup(server(), { factors: ['PASSWORD', 'EMAIL_OTP'], client: { PreventUserExistenceErrors: 'ENABLED' } });

  test("ENABLED: a plausible SELECT_CHALLENGE, like a real user's, that never succeeds", async () => {
    const s = await enabledSetup();
    const real = await select(server(), s);
    const phantom = await select(server(), { ...s, username: GHOST });
    assert.deepEqual(phantom.available, real.available);
    assert.deepEqual(Object.keys(phantom.out.ChallengeParameters ?? {}).sort(), Object.keys(real.out.ChallengeParameters ?? {}).sort());
    // Answered with the USERNAME the challenge names.
    const name = phantom.out.ChallengeParameters!.USERNAME!;
    const otp = await respond(server(), s, 'SELECT_CHALLENGE', phantom.session, { USERNAME: name, ANSWER: 'EMAIL_OTP' });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    assert.equal(otp.ChallengeParameters?.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.equal(otp.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'n***@e***');
    for (const code of ['12345678', '00000000']) {
      await rejectsWith(respond(server(), s, 'EMAIL_OTP', otp.Session, { USERNAME: name, EMAIL_OTP_CODE: code }), 'CodeMismatchException', MISMATCH);
    }
    assert.deepEqual(await messagesFor(server(), s.poolId, GHOST), [], 'nothing is sent for an unknown user');
    const again = await select(server(), { ...s, username: GHOST });
    await rejectsWith(
      respond(server(), s, 'SELECT_CHALLENGE', again.session, { USERNAME: again.out.ChallengeParameters!.USERNAME!, ANSWER: 'PASSWORD', PASSWORD: s.password }),
      'NotAuthorizedException',
      INCORRECT,
    );
  });

  test('ENABLED: answered with the typed name (as Amplify does), an unknown user gets what a real user gets', {}, async () => {
    const s = await enabledSetup();
    // The real user, answered with the typed name, goes on.
    const real = await select(server(), s);
    const realOtp = await respond(server(), s, 'SELECT_CHALLENGE', real.session, { USERNAME: s.username, ANSWER: 'EMAIL_OTP' });
    assert.equal(realOtp.ChallengeName, 'EMAIL_OTP');
    // So must the phantom.
    const phantom = await select(server(), { ...s, username: GHOST });
    const otp = await respond(server(), s, 'SELECT_CHALLENGE', phantom.session, { USERNAME: GHOST, ANSWER: 'EMAIL_OTP' });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    await rejectsWith(respond(server(), s, 'EMAIL_OTP', otp.Session, { USERNAME: GHOST, EMAIL_OTP_CODE: '12345678' }), 'CodeMismatchException', MISMATCH);
    const direct = await userAuth(server(), s, { USERNAME: GHOST, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    await rejectsWith(respond(server(), s, 'EMAIL_OTP', direct.Session, { USERNAME: GHOST, EMAIL_OTP_CODE: '12345678' }), 'CodeMismatchException', MISMATCH);
  });

  test('ENABLED: a preferred challenge starts for an unknown user as for a real one', async () => {
    const s = await enabledSetup();
    const otp = await userAuth(server(), s, { USERNAME: GHOST, PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    assert.equal(otp.ChallengeParameters?.CODE_DELIVERY_DESTINATION, 'n***@e***');
    const name = otp.ChallengeParameters!.USERNAME!;
    await rejectsWith(respond(server(), s, 'EMAIL_OTP', otp.Session, { USERNAME: name, EMAIL_OTP_CODE: '12345678' }), 'CodeMismatchException', MISMATCH);
    await rejectsWith(userAuth(server(), s, { USERNAME: GHOST, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password }), 'NotAuthorizedException', INCORRECT);
    const srp = srpClient(s.poolId, s.password);
    const verifier = await userAuth(server(), s, { USERNAME: GHOST, PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.A });
    assert.equal(verifier.ChallengeName, 'PASSWORD_VERIFIER');
    await rejectsWith(
      respond(server(), s, 'PASSWORD_VERIFIER', verifier.Session, srp.answer(verifier.ChallengeParameters!, { now: server().clock.now() })),
      'NotAuthorizedException',
      INCORRECT,
    );
  });
});

describeEachBackend('USER_AUTH: after the first factor', ({ server }) => {
  test('a temporary password → NEW_PASSWORD_REQUIRED → tokens', async () => {
    const s = await setup(server(), { factors: ['PASSWORD', 'EMAIL_OTP'] });
    await server().sdk.send(
      new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: 'tom', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd!' }),
    );
    const tom = { ...s, username: 'tom' };
    const out = await userAuth(server(), tom, { USERNAME: 'tom', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Temp-Passw0rd!' });
    assert.equal(out.ChallengeName, 'NEW_PASSWORD_REQUIRED');
    assert.ok(out.Session);
    assert.equal(out.ChallengeParameters?.requiredAttributes, '[]');
    const done = await respond(server(), tom, 'NEW_PASSWORD_REQUIRED', out.Session, { USERNAME: 'tom', NEW_PASSWORD: 'Brand-New-Passw0rd!' });
    await assertTokens(server(), 'tom', done.AuthenticationResult);
    const again = await userAuth(server(), tom, { USERNAME: 'tom', PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: 'Brand-New-Passw0rd!' });
    await assertTokens(server(), 'tom', again.AuthenticationResult);
  });

  test('a temporary password through PASSWORD_SRP → NEW_PASSWORD_REQUIRED', async () => {
    const s = await setup(server(), { factors: ['PASSWORD'] });
    await server().sdk.send(
      new AdminCreateUserCommand({ UserPoolId: s.poolId, Username: 'tom', MessageAction: 'SUPPRESS', TemporaryPassword: 'Temp-Passw0rd!' }),
    );
    const tom = { ...s, username: 'tom' };
    const srp = srpClient(s.poolId, 'Temp-Passw0rd!');
    const verifier = await userAuth(server(), tom, { USERNAME: 'tom', PREFERRED_CHALLENGE: 'PASSWORD_SRP', SRP_A: srp.A });
    const out = await respond(server(), tom, 'PASSWORD_VERIFIER', verifier.Session, srp.answer(verifier.ChallengeParameters!, { now: server().clock.now() }));
    assert.equal(out.ChallengeName, 'NEW_PASSWORD_REQUIRED');
  });

  /** A user with SMS MFA turned on in an OPTIONAL pool that allows every OTP first factor. */
  const mfaSetup = () =>
    mfaUser(server(), {
      mode: 'OPTIONAL',
      enable: ['SMS_MFA'],
      pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } } },
      client: { ExplicitAuthFlows: USER_AUTH_FLOWS },
    });

  test('PASSWORD in an MFA pool → the MFA challenge → tokens', async () => {
    const s = await mfaSetup();
    const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password });
    assert.equal(out.ChallengeName, 'SMS_MFA');
    assert.equal(out.ChallengeParameters?.CODE_DELIVERY_DESTINATION, MASKED.SMS_MFA);
    const code = await lastCode(server(), s, 'SMS');
    const done = await respond(server(), s, 'SMS_MFA', out.Session, { USERNAME: s.username, SMS_MFA_CODE: code });
    await assertTokens(server(), s.username, done.AuthenticationResult);
  });

  test('PASSWORD_SRP chosen from SELECT_CHALLENGE in an MFA pool → PASSWORD_VERIFIER → the MFA challenge', async () => {
    const s = await mfaSetup();
    const { session } = await select(server(), s as Setup);
    const srp = srpClient(s.poolId, s.password);
    const verifier = await respond(server(), s, 'SELECT_CHALLENGE', session, { USERNAME: s.username, ANSWER: 'PASSWORD_SRP', SRP_A: srp.A });
    const out = await respond(server(), s, 'PASSWORD_VERIFIER', verifier.Session, srp.answer(verifier.ChallengeParameters!, { now: server().clock.now() }));
    assert.equal(out.ChallengeName, 'SMS_MFA');
    const done = await respond(server(), s, 'SMS_MFA', out.Session, { USERNAME: s.username, SMS_MFA_CODE: await lastCode(server(), s, 'SMS') });
    await assertTokens(server(), s.username, done.AuthenticationResult);
  });

  for (const factor of ['EMAIL_OTP', 'SMS_OTP'] as const) {
    test(`${factor} as the first factor in the same pool: tokens, no MFA`, async () => {
      const s = await mfaSetup();
      const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: factor });
      assertOtpChallenge(out, factor);
      const done = await respond(server(), s, factor, out.Session, {
        USERNAME: s.username,
        [OTP[factor].key]: await lastCode(server(), s, OTP[factor].channel),
      });
      assert.equal(done.ChallengeName, undefined);
      await assertTokens(server(), s.username, done.AuthenticationResult);
    });
  }

  test('a passkey as the first factor in an MFA pool: tokens, no MFA', async () => {
    const s = await setup(server(), { factors: ['PASSWORD', 'WEB_AUTHN'], passkey: true });
    await server().sdk.send(
      new SetUserPoolMfaConfigCommand({
        UserPoolId: s.poolId,
        MfaConfiguration: 'OPTIONAL',
        ...factorBlocks(['SMS_MFA']),
        WebAuthnConfiguration: { RelyingPartyId: RP, UserVerification: 'preferred' },
      }),
    );
    await server().sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: s.poolId, Username: s.username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const password = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'PASSWORD', PASSWORD: s.password });
    assert.equal(password.ChallengeName, 'SMS_MFA', 'the password factor is followed by MFA');
    const out = await userAuth(server(), s, { USERNAME: s.username, PREFERRED_CHALLENGE: 'WEB_AUTHN' });
    assert.equal(out.ChallengeName, 'WEB_AUTHN');
    const done = await respond(server(), s, 'WEB_AUTHN', out.Session, {
      USERNAME: s.username,
      CREDENTIAL: JSON.stringify(s.authenticator.assert(out.ChallengeParameters!.CREDENTIAL_REQUEST_OPTIONS!)),
    });
    await assertTokens(server(), s.username, done.AuthenticationResult);
  });

  test('a pool that requires MFA offers no OTP first factor', async () => {
    const s = await mfaUser(server(), {
      mode: 'ON',
      enable: ['SMS_MFA'],
      pool: { Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP', 'SMS_OTP'] } } },
      client: { ExplicitAuthFlows: USER_AUTH_FLOWS },
    });
    assert.deepEqual((await select(server(), s as Setup)).available, ['PASSWORD', 'PASSWORD_SRP']);
    const { available } = await select(server(), s as Setup, { PREFERRED_CHALLENGE: 'EMAIL_OTP' });
    assert.deepEqual(available, ['PASSWORD', 'PASSWORD_SRP']);
  });
});

describeEachBackend('USER_AUTH: sign-in straight after sign-up', ({ server }) => {
  async function signUpPool() {
    const poolId = await createPool(server(), {
      AutoVerifiedAttributes: ['email'],
      Policies: { SignInPolicy: { AllowedFirstAuthFactors: ['PASSWORD', 'EMAIL_OTP'] } },
    });
    const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: USER_AUTH_FLOWS } });
    return { poolId, client };
  }
  const signUp = (p: { client: { clientId: string } }, username: string) =>
    server().sdk.send(
      new SignUpCommand({
        ClientId: p.client.clientId,
        Username: username,
        Password: 'Corr3ct-Horse!',
        UserAttributes: [{ Name: 'email', Value: `${username}@example.com` }],
      }),
    );
  const confirm = (p: { client: { clientId: string } }, username: string, code: string, session?: string) =>
    server().sdk.send(new ConfirmSignUpCommand({ ClientId: p.client.clientId, Username: username, ConfirmationCode: code, Session: session }));

  test('SignUp Session → ConfirmSignUp returns a new Session → USER_AUTH with it → tokens, once only', async () => {
    const p = await signUpPool();
    const up = await signUp(p, 'carol');
    assert.equal(up.UserConfirmed, false);
    assert.ok(up.Session && up.Session.length >= 20 && up.Session.length <= 2048, 'SignUp returns a Session');
    const code = await lastCode(server(), { poolId: p.poolId, username: 'carol' }, 'EMAIL');
    const confirmed = await confirm(p, 'carol', code, up.Session);
    assert.ok(confirmed.Session, 'ConfirmSignUp returns a Session');
    assert.notEqual(confirmed.Session, up.Session);
    const before = (await messagesFor(server(), p.poolId, 'carol')).length;
    const out = await userAuth(server(), p, { USERNAME: 'carol' }, confirmed.Session);
    assert.equal(out.ChallengeName, undefined);
    await assertTokens(server(), 'carol', out.AuthenticationResult);
    assert.equal(claims(out.AuthenticationResult!.IdToken!).email, 'carol@example.com');
    assert.equal((await messagesFor(server(), p.poolId, 'carol')).length, before, 'no second code');
    await rejectsWith(userAuth(server(), p, { USERNAME: 'carol' }, confirmed.Session), 'NotAuthorizedException', SESSION_USED);
  });

  test('a wrong confirmation code does not use the SignUp Session up', async () => {
    const p = await signUpPool();
    const up = await signUp(p, 'carol');
    const code = await lastCode(server(), { poolId: p.poolId, username: 'carol' }, 'EMAIL');
    await rejectsWith(confirm(p, 'carol', wrong(code), up.Session), 'CodeMismatchException');
    const confirmed = await confirm(p, 'carol', code, up.Session);
    assert.ok(confirmed.Session);
    await assertTokens(server(), 'carol', (await userAuth(server(), p, { USERNAME: 'carol' }, confirmed.Session)).AuthenticationResult);
  });

  test('the Session is refused unconfirmed, for another user, after its lifetime, or with a garbled value', async () => {
    const p = await signUpPool();
    const carol = await signUp(p, 'carol');
    // Straight from SignUp, before the code was confirmed.
    await rejectsWith(userAuth(server(), p, { USERNAME: 'carol' }, carol.Session), 'NotAuthorizedException', INVALID_SESSION);
    const carolCode = await lastCode(server(), { poolId: p.poolId, username: 'carol' }, 'EMAIL');
    const carolConfirmed = await confirm(p, 'carol', carolCode, carol.Session);
    const dave = await signUp(p, 'dave');
    const daveConfirmed = await confirm(p, 'dave', await lastCode(server(), { poolId: p.poolId, username: 'dave' }, 'EMAIL'), dave.Session);
    // Dave's session does not sign carol in.
    await rejectsWith(userAuth(server(), p, { USERNAME: 'carol' }, daveConfirmed.Session), 'NotAuthorizedException', INVALID_SESSION);
    await rejectsWith(userAuth(server(), p, { USERNAME: 'carol' }, 'x'.repeat(64)), 'NotAuthorizedException', INVALID_SESSION);
    server().clock.advance(3 * 60_000 + 1_000);
    await rejectsWith(userAuth(server(), p, { USERNAME: 'carol' }, carolConfirmed.Session), 'NotAuthorizedException', SESSION_EXPIRED);
  });

  test("ConfirmSignUp without a Session still returns one, good for one sign-in (Amplify's autoSignIn sends none)", async () => {
    const p = await signUpPool();
    await signUp(p, 'erin');
    const confirmed = await confirm(p, 'erin', await lastCode(server(), { poolId: p.poolId, username: 'erin' }, 'EMAIL'));
    assert.ok(confirmed.Session);
    await assertTokens(server(), 'erin', (await userAuth(server(), p, { USERNAME: 'erin' }, confirmed.Session)).AuthenticationResult);
    await rejectsWith(userAuth(server(), p, { USERNAME: 'erin' }, confirmed.Session), 'NotAuthorizedException', SESSION_USED);
    // A client that cannot use USER_AUTH gets none.
    const plain = await createClient(server(), p.poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await signUp({ client: plain }, 'fay');
    const other = await confirm({ client: plain }, 'fay', await lastCode(server(), { poolId: p.poolId, username: 'fay' }, 'EMAIL'));
    assert.equal(other.Session, undefined);
  });
});
