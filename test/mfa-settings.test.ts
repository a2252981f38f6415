import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminGetUserCommand,
  AdminSetUserMFAPreferenceCommand,
  AdminSetUserSettingsCommand,
  AssociateSoftwareTokenCommand,
  DescribeUserPoolCommand,
  GetUserCommand,
  GetUserPoolMfaConfigCommand,
  SetUserMFAPreferenceCommand,
  type SetUserPoolMfaConfigCommandInput,
  SetUserPoolMfaConfigCommand,
  SetUserSettingsCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Secret, TOTP } from 'otpauth';
import { newState } from '../src/sessions/state.ts';
import { openSession } from '../src/sessions/session.ts';
import { sha256Hex } from '../src/crypto/seal.ts';
import { useTotpCode } from '../src/operations/mfa.ts';
import { passwordAuth, signInSetup, type SignInSetup } from './support/auth.ts';
import { createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

const SNS = { SnsCallerArn: 'arn:aws:iam::123456789012:role/cognito-sms', ExternalId: 'ext-1' };
const TOTP_ON = { SoftwareTokenMfaConfiguration: { Enabled: true } };
const ALL_FACTORS = {
  SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is {####}', SmsConfiguration: SNS },
  SoftwareTokenMfaConfiguration: { Enabled: true },
  EmailMfaConfiguration: { Message: 'Your sign-in code is {####}.', Subject: 'Sign-in code' },
};

const CODE_MISMATCH = 'Code mismatch and fail enable Software Token MFA';
const SESSION_USED = 'Invalid session for the user, session can only be used once.';

/** What an authenticator app shows for `secret` at the server's current time. */
const codeFor = (server: TestServer, secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), algorithm: 'SHA1', digits: 6, period: 30 }).generate({ timestamp: server.clock.now() + offsetMs });

/** Moves the clock to one second into a fresh 30-second step, so a test's codes cannot straddle two. */
function alignClock(server: TestServer): void {
  server.clock.advance(30_000 - (server.clock.now() % 30_000) + 1_000);
}

function setMfaConfig(server: TestServer, poolId: string, input: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>) {
  return server.sdk.send(new SetUserPoolMfaConfigCommand({ UserPoolId: poolId, ...input }));
}

interface Enrolment extends SignInSetup {
  accessToken: string;
}

/** A pool with MFA OPTIONAL and the given factors, and a signed-in user (email, optionally phone). */
async function enrolmentSetup(
  server: TestServer,
  options: { factors?: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'>; attributes?: Record<string, string> } = {},
): Promise<Enrolment> {
  const s = await signInSetup(server, { attributes: options.attributes });
  await setMfaConfig(server, s.poolId, { MfaConfiguration: 'OPTIONAL', ...(options.factors ?? TOTP_ON) });
  const out = await passwordAuth(server, s, s.username, s.password);
  assert.ok(out.AuthenticationResult?.AccessToken, 'the user signs in without MFA');
  return { ...s, accessToken: out.AuthenticationResult.AccessToken };
}

/** Associate + Verify with an access token; resolves the secret. */
async function enrolTotp(server: TestServer, e: Enrolment, friendlyName?: string): Promise<string> {
  const { SecretCode } = await server.sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken }));
  const out = await server.sdk.send(
    new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: codeFor(server, SecretCode!), FriendlyDeviceName: friendlyName }),
  );
  assert.equal(out.Status, 'SUCCESS');
  return SecretCode!;
}

const getUser = (server: TestServer, e: Enrolment) => server.sdk.send(new GetUserCommand({ AccessToken: e.accessToken }));
const setPreference = (server: TestServer, e: Enrolment, settings: Omit<ConstructorParameters<typeof SetUserMFAPreferenceCommand>[0], 'AccessToken'>) =>
  server.sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: e.accessToken, ...settings }));
const storedUser = async (server: TestServer, s: SignInSetup) => (await server.services.stores.users.get(s.poolId, s.username))!;

describeEachBackend('pool MFA configuration', ({ server }) => {
  test('a new pool has MFA OFF and no factor blocks', async () => {
    const poolId = await createPool(server());
    const out = await server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(out.MfaConfiguration, 'OFF');
    assert.equal(out.SmsMfaConfiguration, undefined);
    assert.equal(out.SoftwareTokenMfaConfiguration, undefined);
    assert.equal(out.EmailMfaConfiguration, undefined);
    assert.equal(out.WebAuthnConfiguration, undefined);
  });

  test('SetUserPoolMfaConfig stores every block; Get and DescribeUserPool show it', async () => {
    const poolId = await createPool(server());
    const webAuthn = { RelyingPartyId: 'auth.example.com', UserVerification: 'required' as const };
    const set = await setMfaConfig(server(), poolId, { MfaConfiguration: 'OPTIONAL', ...ALL_FACTORS, WebAuthnConfiguration: webAuthn });
    const expected = { MfaConfiguration: 'OPTIONAL', ...ALL_FACTORS, WebAuthnConfiguration: webAuthn };
    const { $metadata: _a, ...setOut } = set;
    assert.deepEqual(setOut, expected);
    const { $metadata: _b, ...got } = await server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.deepEqual(got, expected);
    const { UserPool } = await server().sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    assert.equal(UserPool!.MfaConfiguration, 'OPTIONAL');
    assert.equal(UserPool!.SmsAuthenticationMessage, 'Your code is {####}');
    assert.deepEqual(UserPool!.SmsConfiguration, SNS);
  });

  test('a factor block left out turns that factor off; MfaConfiguration left out is kept', async () => {
    const poolId = await createPool(server());
    await setMfaConfig(server(), poolId, { MfaConfiguration: 'ON', ...ALL_FACTORS });
    await setMfaConfig(server(), poolId, { EmailMfaConfiguration: ALL_FACTORS.EmailMfaConfiguration });
    const got = await server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(got.MfaConfiguration, 'ON');
    assert.deepEqual(got.EmailMfaConfiguration, ALL_FACTORS.EmailMfaConfiguration);
    assert.equal(got.SmsMfaConfiguration, undefined);
    assert.equal(got.SoftwareTokenMfaConfiguration, undefined);
    // Back to OFF with no factor.
    await setMfaConfig(server(), poolId, { MfaConfiguration: 'OFF' });
    const off = await server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(off.MfaConfiguration, 'OFF');
    assert.equal(off.EmailMfaConfiguration, undefined);
    const { UserPool } = await server().sdk.send(new DescribeUserPoolCommand({ UserPoolId: poolId }));
    assert.equal(UserPool!.MfaConfiguration, 'OFF');
  });

  test('ON or OPTIONAL with no factor enabled is refused', async () => {
    const poolId = await createPool(server());
    const message = "Invalid MFA configuration given, can't disable all MFAs with a required or optional configuration.";
    await rejectsWith(setMfaConfig(server(), poolId, { MfaConfiguration: 'ON' }), 'InvalidParameterException', message);
    await rejectsWith(
      setMfaConfig(server(), poolId, { MfaConfiguration: 'OPTIONAL', SoftwareTokenMfaConfiguration: { Enabled: false } }),
      'InvalidParameterException',
      message,
    );
    // WebAuthn is not an MFA factor of this call.
    await rejectsWith(
      setMfaConfig(server(), poolId, { MfaConfiguration: 'OPTIONAL', WebAuthnConfiguration: { RelyingPartyId: 'example.com' } }),
      'InvalidParameterException',
      message,
    );
    const got = await server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: poolId }));
    assert.equal(got.MfaConfiguration, 'OFF');
  });

  test('OFF together with an enabled factor is refused; OFF with WebAuthn only is accepted', async () => {
    const poolId = await createPool(server());
    const message = "Invalid MFA configuration given, can't turn off MFA and configure an MFA together.";
    await rejectsWith(setMfaConfig(server(), poolId, { MfaConfiguration: 'OFF', ...TOTP_ON }), 'InvalidParameterException', message);
    await rejectsWith(
      setMfaConfig(server(), poolId, { MfaConfiguration: 'OFF', EmailMfaConfiguration: ALL_FACTORS.EmailMfaConfiguration }),
      'InvalidParameterException',
      message,
    );
    // MfaConfiguration left out on an OFF pool is OFF too.
    await rejectsWith(setMfaConfig(server(), poolId, { SmsMfaConfiguration: ALL_FACTORS.SmsMfaConfiguration }), 'InvalidParameterException', message);
    const out = await setMfaConfig(server(), poolId, { MfaConfiguration: 'OFF', WebAuthnConfiguration: { RelyingPartyId: 'example.com' } });
    assert.equal(out.MfaConfiguration, 'OFF');
    assert.deepEqual(out.WebAuthnConfiguration, { RelyingPartyId: 'example.com' });
  });

  test('message templates must contain {####}', async () => {
    const poolId = await createPool(server());
    await rejectsWith(
      setMfaConfig(server(), poolId, { MfaConfiguration: 'OPTIONAL', SmsMfaConfiguration: { SmsAuthenticationMessage: 'Your code is ####' } }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'smsMfaConfiguration.smsAuthenticationMessage' failed to satisfy constraint: Member must satisfy regular expression pattern: .*\\{####\\}.*",
    );
    await rejectsWith(
      setMfaConfig(server(), poolId, { MfaConfiguration: 'OPTIONAL', EmailMfaConfiguration: { Message: 'Your code is {###}', Subject: 'Code' } }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'emailMfaConfiguration.message' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*\\{####\\}[\\p{L}\\p{M}\\p{S}\\p{N}\\p{P}\\s*]*",
    );
    await rejectsWith(
      setMfaConfig(server(), poolId, { MfaConfiguration: 'ON', WebAuthnConfiguration: { UserVerification: 'sometimes' as never } }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'webAuthnConfiguration.userVerification' failed to satisfy constraint: Member must satisfy enum value set: [required, preferred]",
    );
  });

  test('an unknown pool', async () => {
    await rejectsWith(
      server().sdk.send(new GetUserPoolMfaConfigCommand({ UserPoolId: 'us-east-1_nope12345' })),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
    await rejectsWith(
      setMfaConfig(server(), 'us-east-1_nope12345', { MfaConfiguration: 'OFF' }),
      'ResourceNotFoundException',
      'User pool us-east-1_nope12345 does not exist.',
    );
  });
});

describeEachBackend('software token enrolment with an access token', ({ server }) => {
  test('Associate, Verify, SetUserMFAPreference: GetUser shows SOFTWARE_TOKEN_MFA preferred', async () => {
    const e = await enrolmentSetup(server());
    const assoc = await server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken }));
    // Unpadded RFC 4648 base32 of 32 bytes: Amplify pastes it into an otpauth:// URI.
    assert.match(assoc.SecretCode!, /^[A-Z2-7]{52}$/);
    assert.equal(assoc.Session, undefined);

    const verified = await server().sdk.send(
      new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: codeFor(server(), assoc.SecretCode!), FriendlyDeviceName: 'My phone' }),
    );
    assert.equal(verified.Status, 'SUCCESS');
    assert.equal(verified.Session, undefined);
    // Verifying does not turn TOTP on: that is SetUserMFAPreference's job.
    const before = await getUser(server(), e);
    assert.equal(before.UserMFASettingList, undefined);
    assert.equal(before.PreferredMfaSetting, undefined);
    const user = await storedUser(server(), e);
    assert.equal(user.mfa.totpSecret, assoc.SecretCode);
    assert.equal(user.mfa.totpFriendlyName, 'My phone');
    assert.equal(user.mfa.pendingTotpSecret, undefined);

    await setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    const after = await getUser(server(), e);
    assert.equal(after.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(after.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
    const admin = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: e.poolId, Username: e.username }));
    assert.equal(admin.PreferredMfaSetting, 'SOFTWARE_TOKEN_MFA');
    assert.deepEqual(admin.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });

  test('the secret is sealed at rest with the rest of the mfa document', async () => {
    const e = await enrolmentSetup(server());
    const secret = await enrolTotp(server(), e);
    const { db } = server().services.database;
    const row = await db.selectFrom('users').select('mfa').where('pool_id', '=', e.poolId).where('username', '=', e.username).executeTakeFirst();
    assert.ok(row, 'the user row is there');
    assert.ok(!String(row.mfa).includes(secret));
    assert.ok(String(row.mfa).startsWith('v1.'));
  });

  test('a wrong code: EnableSoftwareTokenMFAException, and the pending secret stays for a retry', async () => {
    const e = await enrolmentSetup(server());
    alignClock(server());
    const { SecretCode } = await server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken }));
    const right = codeFor(server(), SecretCode!);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: wrong })),
      'EnableSoftwareTokenMFAException',
      CODE_MISMATCH,
    );
    // Two steps old: outside the one-step tolerance.
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: codeFor(server(), SecretCode!, -60_000) })),
      'EnableSoftwareTokenMFAException',
      CODE_MISMATCH,
    );
    assert.equal((await storedUser(server(), e)).mfa.totpSecret, undefined);
    // One step old: inside the tolerance.
    const out = await server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: codeFor(server(), SecretCode!, -30_000) }));
    assert.equal(out.Status, 'SUCCESS');
  });

  test('re-associating replaces the pending secret; the verified one stays until the new one is verified', async () => {
    const e = await enrolmentSetup(server());
    const first = await enrolTotp(server(), e);
    await setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    const a = await server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken }));
    const b = await server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken }));
    assert.notEqual(a.SecretCode, b.SecretCode);
    assert.notEqual(a.SecretCode, first);
    let user = await storedUser(server(), e);
    assert.equal(user.mfa.totpSecret, first);
    assert.equal(user.mfa.pendingTotpSecret, b.SecretCode);
    // The replaced pending secret no longer verifies. (Codes of different secrets differ but
    // for a one-in-a-million coincidence, which would make this assertion vacuous, not wrong.)
    const stale = codeFor(server(), a.SecretCode!);
    if (stale !== codeFor(server(), b.SecretCode!)) {
      await rejectsWith(
        server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: stale })),
        'EnableSoftwareTokenMFAException',
        CODE_MISMATCH,
      );
    }
    // The next step's code: this step's may already be spent by the first enrolment.
    alignClock(server());
    await server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: codeFor(server(), b.SecretCode!) }));
    user = await storedUser(server(), e);
    assert.equal(user.mfa.totpSecret, b.SecretCode);
    // Replacing the device keeps TOTP on.
    assert.deepEqual((await getUser(server(), e)).UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });

  test('a code is accepted once per user (its time step)', async () => {
    const e = await enrolmentSetup(server());
    alignClock(server());
    const secret = await enrolTotp(server(), e);
    const user = await storedUser(server(), e);
    // The code that verified the token is spent.
    assert.equal(await useTotpCode(server().services, user, secret, codeFor(server(), secret)), false);
    // The next step's code works once.
    server().clock.advance(30_000);
    const next = codeFor(server(), secret);
    assert.equal(await useTotpCode(server().services, user, secret, next), true);
    assert.equal(await useTotpCode(server().services, user, secret, next), false);
    // A wrong code is simply refused.
    const wrong = String((Number(next) + 1) % 1_000_000).padStart(6, '0');
    assert.equal(await useTotpCode(server().services, user, secret, wrong), false);
  });

  test('Verify before any Associate', async () => {
    const e = await enrolmentSetup(server());
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: '123456' })),
      'SoftwareTokenMFANotFoundException',
      'Software token has not been associated with the user.',
    );
  });

  test('TOTP not enabled in the pool: SoftwareTokenMFANotFoundException', async () => {
    const e = await enrolmentSetup(server(), { factors: { EmailMfaConfiguration: ALL_FACTORS.EmailMfaConfiguration } });
    const message = 'Software Token MFA has not been enabled by the userPool';
    await rejectsWith(server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken })), 'SoftwareTokenMFANotFoundException', message);
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: '123456' })),
      'SoftwareTokenMFANotFoundException',
      message,
    );
  });

  test('AccessToken and Session: exactly one; UserCode: six characters; a bad token', async () => {
    const e = await enrolmentSetup(server());
    const one = 'Exactly one of AccessToken or Session must be provided.';
    await rejectsWith(server().sdk.send(new AssociateSoftwareTokenCommand({})), 'InvalidParameterException', one);
    await rejectsWith(
      server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken, Session: 'x'.repeat(40) })),
      'InvalidParameterException',
      one,
    );
    await rejectsWith(server().sdk.send(new VerifySoftwareTokenCommand({ UserCode: '123456' })), 'InvalidParameterException', one);
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: '12345' })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must have length greater than or equal to 6",
    );
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ AccessToken: e.accessToken, UserCode: undefined as never })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'userCode' failed to satisfy constraint: Member must not be null",
    );
    await rejectsWith(server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: 'a.b.c' })), 'NotAuthorizedException', 'Invalid Access Token');
  });
});

describeEachBackend('software token enrolment during MFA_SETUP (Session)', ({ server }) => {
  async function mfaSetupSession(
    options: { challenge?: 'MFA_SETUP' | 'NEW_PASSWORD_REQUIRED'; factors?: Omit<SetUserPoolMfaConfigCommandInput, 'UserPoolId'> } = {},
  ) {
    const s = await signInSetup(server());
    await setMfaConfig(server(), s.poolId, { MfaConfiguration: 'ON', ...(options.factors ?? TOTP_ON) });
    const state = newState('USER_PASSWORD_AUTH', s.username, {
      authTime: server().clock.now(),
      done: ['firstFactor', 'newPassword', 'device'],
      pending: { name: options.challenge ?? 'MFA_SETUP', state: { MFAS_CAN_SETUP: '["SOFTWARE_TOKEN_MFA"]' } },
    });
    const session = await openSession(server().services, server().services.stores, s.client, state);
    return { s, session };
  }

  const stateOf = async (session: string) => {
    const record = await server().services.stores.authSessions.get(sha256Hex(session));
    assert.ok(record, 'the session exists');
    return { raw: record.state, state: JSON.parse(record.state) };
  };

  test('Associate and Verify each hand out a new Session; the old ones are spent; TOTP is on', async () => {
    const { s, session } = await mfaSetupSession();
    alignClock(server());
    const assoc = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session }));
    assert.match(assoc.SecretCode!, /^[A-Z2-7]{52}$/);
    assert.ok(assoc.Session && assoc.Session !== session);
    await rejectsWith(server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session })), 'NotAuthorizedException', SESSION_USED);

    // The pending secret is in the session, sealed; the user has nothing yet.
    const pending = await stateOf(assoc.Session!);
    assert.equal(pending.state.pending.name, 'MFA_SETUP');
    assert.equal(pending.state.pending.state.totpVerified, false);
    assert.ok(!pending.raw.includes(assoc.SecretCode!));
    assert.equal((await storedUser(server(), s)).mfa.totpSecret, undefined);

    const verified = await server().sdk.send(
      new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: codeFor(server(), assoc.SecretCode!), FriendlyDeviceName: 'Authenticator' }),
    );
    assert.equal(verified.Status, 'SUCCESS');
    assert.ok(verified.Session && verified.Session !== assoc.Session);
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: codeFor(server(), assoc.SecretCode!) })),
      'NotAuthorizedException',
      SESSION_USED,
    );

    // The newest session still waits for MFA_SETUP and says the token was verified.
    const done = await stateOf(verified.Session!);
    assert.equal(done.state.pending.name, 'MFA_SETUP');
    assert.equal(done.state.pending.state.totpVerified, true);
    assert.equal(done.state.username, s.username);
    const user = await storedUser(server(), s);
    assert.equal(user.mfa.totpSecret, assoc.SecretCode);
    assert.equal(user.mfa.totpFriendlyName, 'Authenticator');
    const admin = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.deepEqual(admin.UserMFASettingList, ['SOFTWARE_TOKEN_MFA']);
  });

  test('a wrong code leaves the session usable; a code is not accepted twice', async () => {
    const { session } = await mfaSetupSession();
    alignClock(server());
    const assoc = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session }));
    const right = codeFor(server(), assoc.SecretCode!);
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: wrong })),
      'EnableSoftwareTokenMFAException',
      CODE_MISMATCH,
    );
    const verified = await server().sdk.send(new VerifySoftwareTokenCommand({ Session: assoc.Session, UserCode: right }));
    assert.equal(verified.Status, 'SUCCESS');
    // The same code again, with the new session: spent.
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ Session: verified.Session, UserCode: right })),
      'EnableSoftwareTokenMFAException',
      CODE_MISMATCH,
    );
  });

  test('Verify before Associate in the session', async () => {
    const { session } = await mfaSetupSession();
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ Session: session, UserCode: '123456' })),
      'SoftwareTokenMFANotFoundException',
      'Software token has not been associated with the user.',
    );
  });

  test('a session waiting for another challenge, or an unknown one, is refused', async () => {
    const { session } = await mfaSetupSession({ challenge: 'NEW_PASSWORD_REQUIRED' });
    await rejectsWith(server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session })), 'NotAuthorizedException', 'Invalid session for the user.');
    await rejectsWith(
      server().sdk.send(new AssociateSoftwareTokenCommand({ Session: 'A'.repeat(86) })),
      'NotAuthorizedException',
      'Invalid session for the user.',
    );
  });

  test('an expired session', async () => {
    const { session } = await mfaSetupSession();
    server().clock.advance(3 * 60_000 + 1_000);
    await rejectsWith(
      server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session })),
      'NotAuthorizedException',
      'Invalid session for the user, session is expired.',
    );
  });

  test('TOTP not enabled in the pool: refused, and the session is not used up', async () => {
    const { s, session } = await mfaSetupSession({ factors: { EmailMfaConfiguration: ALL_FACTORS.EmailMfaConfiguration } });
    const message = 'Software Token MFA has not been enabled by the userPool';
    await rejectsWith(server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session })), 'SoftwareTokenMFANotFoundException', message);
    await setMfaConfig(server(), s.poolId, { MfaConfiguration: 'ON', ...TOTP_ON });
    const out = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: session }));
    assert.ok(out.Session);
  });
});

describeEachBackend('user MFA preferences', ({ server }) => {
  const PHONE = { email: 'alice@example.com', email_verified: 'true', phone_number: '+14325551212', phone_number_verified: 'true' };

  test('enabling TOTP without a verified software token', async () => {
    const e = await enrolmentSetup(server());
    await rejectsWith(
      setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } }),
      'InvalidParameterException',
      'User has not verified software token mfa',
    );
    // Associated but not verified is not enough.
    await server().sdk.send(new AssociateSoftwareTokenCommand({ AccessToken: e.accessToken }));
    await rejectsWith(
      setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: true } }),
      'InvalidParameterException',
      'User has not verified software token mfa',
    );
    // Turning off what is not on is fine.
    await setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: false, PreferredMfa: false } });
    assert.equal((await getUser(server(), e)).UserMFASettingList, undefined);
  });

  test('SMS needs a phone_number, email needs an email', async () => {
    const e = await enrolmentSetup(server(), { factors: ALL_FACTORS });
    await rejectsWith(
      setPreference(server(), e, { SMSMfaSettings: { Enabled: true } }),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SMS_MFA',
    );
    const noEmail = await enrolmentSetup(server(), { factors: ALL_FACTORS, attributes: { phone_number: '+14325551212', phone_number_verified: 'true' } });
    await rejectsWith(
      setPreference(server(), noEmail, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
      'InvalidParameterException',
      'User does not have delivery config set to turn on EMAIL_OTP',
    );
    await setPreference(server(), noEmail, { SMSMfaSettings: { Enabled: true } });
    assert.deepEqual((await getUser(server(), noEmail)).UserMFASettingList, ['SMS_MFA']);
  });

  test('several factors: one preferred at a time; disabling the preferred one clears the preference', async () => {
    const e = await enrolmentSetup(server(), { factors: ALL_FACTORS, attributes: PHONE });
    await enrolTotp(server(), e);
    await setPreference(server(), e, {
      SMSMfaSettings: { Enabled: true, PreferredMfa: true },
      SoftwareTokenMfaSettings: { Enabled: true },
      EmailMfaSettings: { Enabled: true },
    });
    let out = await getUser(server(), e);
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);
    assert.equal(out.PreferredMfaSetting, 'SMS_MFA');

    // Preferring another factor moves the preference; the others stay enabled.
    await setPreference(server(), e, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    out = await getUser(server(), e);
    assert.equal(out.PreferredMfaSetting, 'EMAIL_OTP');
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']);

    // Amplify's NOT_PREFERRED: enabled, not preferred.
    await setPreference(server(), e, { EmailMfaSettings: { Enabled: true, PreferredMfa: false } });
    out = await getUser(server(), e);
    assert.equal(out.PreferredMfaSetting, undefined);

    await setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: true, PreferredMfa: true } });
    await setPreference(server(), e, { SoftwareTokenMfaSettings: { Enabled: false } });
    out = await getUser(server(), e);
    assert.equal(out.PreferredMfaSetting, undefined);
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA', 'EMAIL_OTP']);

    await rejectsWith(
      setPreference(server(), e, { SMSMfaSettings: { Enabled: true, PreferredMfa: true }, EmailMfaSettings: { Enabled: true, PreferredMfa: true } }),
      'InvalidParameterException',
      'Only one MFA method can be set as preferred.',
    );
    await rejectsWith(
      setPreference(server(), e, { SMSMfaSettings: { Enabled: false, PreferredMfa: true } }),
      'InvalidParameterException',
      'Cannot set SMS_MFA as preferred when it is disabled.',
    );
    // Nothing changed by the refused calls.
    out = await getUser(server(), e);
    assert.equal(out.PreferredMfaSetting, undefined);
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA', 'EMAIL_OTP']);
  });

  test('WebAuthnMfaSettings is stored', async () => {
    const e = await enrolmentSetup(server());
    await setPreference(server(), e, { WebAuthnMfaSettings: { Enabled: true } });
    assert.equal((await storedUser(server(), e)).mfa.webAuthnEnabled, true);
    await setPreference(server(), e, { WebAuthnMfaSettings: { Enabled: false } });
    assert.equal((await storedUser(server(), e)).mfa.webAuthnEnabled, false);
  });

  test('with MFA ON the user cannot turn off the last factor, only change it', async () => {
    const e = await enrolmentSetup(server(), { factors: ALL_FACTORS, attributes: PHONE });
    await setPreference(server(), e, { EmailMfaSettings: { Enabled: true, PreferredMfa: true } });
    await setMfaConfig(server(), e.poolId, { MfaConfiguration: 'ON', ...ALL_FACTORS });
    const message = 'MFA is required for this user pool: at least one MFA method must stay enabled.';
    await rejectsWith(setPreference(server(), e, { EmailMfaSettings: { Enabled: false, PreferredMfa: false } }), 'InvalidParameterException', message);
    await rejectsWith(
      server().sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: e.poolId, Username: e.username, EmailMfaSettings: { Enabled: false } })),
      'InvalidParameterException',
      message,
    );
    // Switching factors in one call is allowed.
    await setPreference(server(), e, { SMSMfaSettings: { Enabled: true, PreferredMfa: true }, EmailMfaSettings: { Enabled: false } });
    const out = await getUser(server(), e);
    assert.equal(out.PreferredMfaSetting, 'SMS_MFA');
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA']);
    // The legacy setter is held to the same rule.
    await rejectsWith(server().sdk.send(new SetUserSettingsCommand({ AccessToken: e.accessToken, MFAOptions: [] })), 'InvalidParameterException', message);
  });

  test('AdminSetUserMFAPreference', async () => {
    const e = await enrolmentSetup(server(), { factors: ALL_FACTORS, attributes: PHONE });
    await server().sdk.send(
      new AdminSetUserMFAPreferenceCommand({ UserPoolId: e.poolId, Username: e.username, SMSMfaSettings: { Enabled: true, PreferredMfa: true } }),
    );
    const out = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: e.poolId, Username: e.username }));
    assert.equal(out.PreferredMfaSetting, 'SMS_MFA');
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA']);
    // By alias-free username only here; by sub too (lookup resolves it).
    const user = await storedUser(server(), e);
    await server().sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: e.poolId, Username: user.sub, SMSMfaSettings: { Enabled: false } }));
    assert.equal((await server().sdk.send(new AdminGetUserCommand({ UserPoolId: e.poolId, Username: e.username }))).UserMFASettingList, undefined);
    await rejectsWith(
      server().sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: e.poolId, Username: 'nobody', SMSMfaSettings: { Enabled: true } })),
      'UserNotFoundException',
      'User does not exist.',
    );
    await rejectsWith(
      server().sdk.send(new AdminSetUserMFAPreferenceCommand({ UserPoolId: e.poolId, Username: e.username, SoftwareTokenMfaSettings: { Enabled: true } })),
      'InvalidParameterException',
      'User has not verified software token mfa',
    );
  });

  test('SetUserSettings and AdminSetUserSettings: legacy SMS MFAOptions', async () => {
    const e = await enrolmentSetup(server(), { factors: ALL_FACTORS, attributes: PHONE });
    await server().sdk.send(new SetUserSettingsCommand({ AccessToken: e.accessToken, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }));
    let out = await getUser(server(), e);
    assert.deepEqual(out.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);
    assert.deepEqual(out.UserMFASettingList, ['SMS_MFA']);

    await server().sdk.send(new AdminSetUserSettingsCommand({ UserPoolId: e.poolId, Username: e.username, MFAOptions: [] }));
    out = await getUser(server(), e);
    assert.equal(out.MFAOptions, undefined);
    assert.equal(out.UserMFASettingList, undefined);

    await server().sdk.send(
      new AdminSetUserSettingsCommand({ UserPoolId: e.poolId, Username: e.username, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }),
    );
    const admin = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: e.poolId, Username: e.username }));
    assert.deepEqual(admin.MFAOptions, [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }]);

    const unsupported = 'Only the SMS delivery medium to the phone_number attribute is supported for MFA options.';
    await rejectsWith(
      server().sdk.send(new SetUserSettingsCommand({ AccessToken: e.accessToken, MFAOptions: [{ DeliveryMedium: 'EMAIL', AttributeName: 'email' }] })),
      'InvalidParameterException',
      unsupported,
    );
    await rejectsWith(
      server().sdk.send(new SetUserSettingsCommand({ AccessToken: e.accessToken, MFAOptions: undefined as never })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'mFAOptions' failed to satisfy constraint: Member must not be null",
    );
    const noPhone = await enrolmentSetup(server(), { factors: ALL_FACTORS });
    await rejectsWith(
      server().sdk.send(
        new SetUserSettingsCommand({ AccessToken: noPhone.accessToken, MFAOptions: [{ DeliveryMedium: 'SMS', AttributeName: 'phone_number' }] }),
      ),
      'InvalidParameterException',
      'User does not have delivery config set to turn on SMS_MFA',
    );
    await rejectsWith(
      server().sdk.send(new AdminSetUserSettingsCommand({ UserPoolId: e.poolId, Username: 'nobody', MFAOptions: [] })),
      'UserNotFoundException',
      'User does not exist.',
    );
  });

  test('the token-authorised setters need a valid access token', async () => {
    await rejectsWith(
      server().sdk.send(new SetUserMFAPreferenceCommand({ AccessToken: 'a.b.c', SMSMfaSettings: { Enabled: true } })),
      'NotAuthorizedException',
      'Invalid Access Token',
    );
    await rejectsWith(
      server().sdk.send(new SetUserSettingsCommand({ AccessToken: 'a.b.c', MFAOptions: [] })),
      'NotAuthorizedException',
      'Invalid Access Token',
    );
  });
});
