import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import {
  AdminGetUserCommand,
  AdminInitiateAuthCommand,
  AdminRespondToAuthChallengeCommand,
  AssociateSoftwareTokenCommand,
  type AuthenticationResultType,
  ConfirmDeviceCommand,
  GetUserCommand,
  InitiateAuthCommand,
  UpdateDeviceStatusCommand,
  VerifySoftwareTokenCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { formatTimestamp } from '../src/auth/timestamp.ts';
import { g, hexToBigInt, modPowN } from '../src/crypto/srp.ts';
import { passwordAuth, respond } from './support/auth.ts';
import { deviceClaimSignature, deviceSecret, type DeviceSecret } from './support/device-srp.ts';
import {
  alignClock,
  claims,
  CODE_KEY,
  codeFor,
  EMAIL,
  EMAIL_SUBJECT,
  EMAIL_TEMPLATE,
  type Factor,
  FACTORS,
  lastMessage,
  MASKED,
  MEDIUM,
  messageCount,
  type MfaUser,
  mfaUser,
  otherCode,
  PHONE,
  SMS_TEMPLATE,
  totpCode,
  wrongCodeFor,
  wrongTotp,
} from './support/mfa.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { srpClient } from './support/srp-client.ts';

/**
 * MFA during sign-in over the AWS SDK: each factor's
 * challenge, wrong / too many / expired / replayed answers, SELECT_MFA_TYPE, MFA_SETUP (TOTP and
 * email), OPTIONAL and OFF pools, the admin flows, MFA after SRP, and remembered devices.
 */

const MISMATCH = 'Invalid code or auth state for the user.';
const SESSION_USED = 'Invalid session for the user, session can only be used once.';
const SESSION_EXPIRED = 'Invalid session for the user, session is expired.';
const INVALID_SESSION = 'Invalid session for the user.';
const TOTP_REUSED = 'Your software token has already been used once.';

/** A user whose only factor (and so the one asked) is `factor`, in a pool that requires MFA. */
const oneFactorUser = (server: TestServer, factor: Factor, extra: Partial<Parameters<typeof mfaUser>[1]> = {}) =>
  mfaUser(server, { mode: 'ON', enable: [factor], friendlyName: 'alice phone', ...extra });

const answer = (server: TestServer, s: MfaUser, factor: Factor, session: string | undefined, code: string) =>
  respond(server, s, factor, session, { USERNAME: s.username, [CODE_KEY[factor]]: code });

/** The tokens work: the access token is the user's. */
async function assertSignedIn(server: TestServer, s: MfaUser, result: AuthenticationResultType | undefined) {
  assert.ok(result?.AccessToken && result.IdToken && result.RefreshToken, 'tokens');
  assert.equal(claims(result.AccessToken).username, s.username);
  const me = await server.sdk.send(new GetUserCommand({ AccessToken: result.AccessToken }));
  assert.equal(me.Username, s.username);
}

describeEachBackend('MFA challenges', ({ server }) => {
  for (const factor of FACTORS) {
    test(`${factor}: the challenge, then tokens for the right code`, async () => {
      const s = await oneFactorUser(server(), factor);
      const before = await messageCount(server(), s);
      const out = await passwordAuth(server(), s, s.username, s.password);
      assert.equal(out.ChallengeName, factor);
      assert.equal(out.AuthenticationResult, undefined);
      assert.ok(out.Session && out.Session.length >= 20 && out.Session.length <= 2048);
      const p = out.ChallengeParameters!;
      assert.equal(p.USERNAME, s.username);
      if (factor === 'SOFTWARE_TOKEN_MFA') {
        assert.equal(p.CODE_DELIVERY_DELIVERY_MEDIUM, undefined);
        assert.equal(p.FRIENDLY_DEVICE_NAME, 'alice phone');
        assert.equal(await messageCount(server(), s), before, 'TOTP sends nothing');
      } else {
        assert.equal(p.CODE_DELIVERY_DELIVERY_MEDIUM, MEDIUM[factor]);
        assert.equal(p.CODE_DELIVERY_DESTINATION, MASKED[factor]);
        assert.equal(await messageCount(server(), s), before + 1, 'one code was sent');
        const m = await lastMessage(server(), s, MEDIUM[factor]);
        assert.match(m.code, /^[0-9]{6}$/);
        if (factor === 'SMS_MFA') {
          assert.equal(m.destination, PHONE);
          assert.equal(m.message, SMS_TEMPLATE.replace('{####}', m.code));
        } else {
          assert.equal(m.destination, 'alice@example.com');
          assert.equal(m.subject, EMAIL_SUBJECT);
          assert.equal(m.message, EMAIL_TEMPLATE.replace('{####}', m.code));
        }
      }
      const done = await answer(server(), s, factor, out.Session, await codeFor(server(), s, factor));
      assert.equal(done.ChallengeName, undefined);
      assert.equal(done.Session, undefined);
      await assertSignedIn(server(), s, done.AuthenticationResult);
    });

    test(`${factor}: a wrong code is CodeMismatchException and the same Session still works`, async () => {
      const s = await oneFactorUser(server(), factor);
      const out = await passwordAuth(server(), s, s.username, s.password);
      await rejectsWith(answer(server(), s, factor, out.Session, await wrongCodeFor(server(), s, factor)), 'CodeMismatchException', MISMATCH);
      // No code at all is a wrong code too.
      await rejectsWith(respond(server(), s, factor, out.Session, { USERNAME: s.username }), 'CodeMismatchException', MISMATCH);
      const done = await answer(server(), s, factor, out.Session, await codeFor(server(), s, factor));
      await assertSignedIn(server(), s, done.AuthenticationResult);
    });

    test(`${factor}: four wrong codes leave the session usable; the fifth ends it`, async () => {
      const s = await oneFactorUser(server(), factor);
      const first = await passwordAuth(server(), s, s.username, s.password);
      for (let i = 0; i < 4; i++) {
        await rejectsWith(answer(server(), s, factor, first.Session, await wrongCodeFor(server(), s, factor)), 'CodeMismatchException', MISMATCH);
      }
      await assertSignedIn(server(), s, (await answer(server(), s, factor, first.Session, await codeFor(server(), s, factor))).AuthenticationResult);

      if (factor === 'SOFTWARE_TOKEN_MFA') alignClock(server());
      const second = await passwordAuth(server(), s, s.username, s.password);
      for (let i = 0; i < 5; i++) {
        await rejectsWith(answer(server(), s, factor, second.Session, await wrongCodeFor(server(), s, factor)), 'CodeMismatchException', MISMATCH);
      }
      await rejectsWith(answer(server(), s, factor, second.Session, await codeFor(server(), s, factor)), 'NotAuthorizedException', SESSION_USED);
      // A new sign-in starts afresh.
      const third = await passwordAuth(server(), s, s.username, s.password);
      await assertSignedIn(server(), s, (await answer(server(), s, factor, third.Session, await codeFor(server(), s, factor))).AuthenticationResult);
    });

    test(`${factor}: past AuthSessionValidity the session is expired`, async () => {
      const s = await oneFactorUser(server(), factor);
      const out = await passwordAuth(server(), s, s.username, s.password);
      const code = await codeFor(server(), s, factor);
      server().clock.advance(3 * 60_000 + 1_000);
      const late = factor === 'SOFTWARE_TOKEN_MFA' ? totpCode(server(), s.secret!) : code;
      await rejectsWith(answer(server(), s, factor, out.Session, late), 'NotAuthorizedException', SESSION_EXPIRED);
    });

    test(`${factor}: a used session is refused, and one sign-in's code does not serve another`, async () => {
      const s = await oneFactorUser(server(), factor);
      const first = await passwordAuth(server(), s, s.username, s.password);
      const code = await codeFor(server(), s, factor);
      await assertSignedIn(server(), s, (await answer(server(), s, factor, first.Session, code)).AuthenticationResult);
      await rejectsWith(answer(server(), s, factor, first.Session, code), 'NotAuthorizedException', SESSION_USED);

      const second = await passwordAuth(server(), s, s.username, s.password);
      if (factor === 'SOFTWARE_TOKEN_MFA') {
        await rejectsWith(answer(server(), s, factor, second.Session, code), 'CodeMismatchException', TOTP_REUSED);
        // The next 30-second code is fine, in the same session.
        alignClock(server());
        await assertSignedIn(server(), s, (await answer(server(), s, factor, second.Session, totpCode(server(), s.secret!))).AuthenticationResult);
      } else {
        const fresh = await codeFor(server(), s, factor);
        assert.notEqual(fresh, code, 'each sign-in sends its own code');
        await rejectsWith(answer(server(), s, factor, second.Session, code), 'CodeMismatchException', MISMATCH);
        await assertSignedIn(server(), s, (await answer(server(), s, factor, second.Session, fresh)).AuthenticationResult);
      }
    });
  }

  test("the session lives as long as the client's AuthSessionValidity", async () => {
    const s = await oneFactorUser(server(), 'SMS_MFA', { client: { AuthSessionValidity: 10 } });
    const out = await passwordAuth(server(), s, s.username, s.password);
    server().clock.advance(9 * 60_000);
    await rejectsWith(answer(server(), s, 'SMS_MFA', out.Session, await wrongCodeFor(server(), s, 'SMS_MFA')), 'CodeMismatchException', MISMATCH);
    await assertSignedIn(server(), s, (await answer(server(), s, 'SMS_MFA', out.Session, await codeFor(server(), s, 'SMS_MFA'))).AuthenticationResult);
  });

  test("answering another challenge than the session's is refused and spends nothing", async () => {
    const s = await oneFactorUser(server(), 'SMS_MFA');
    const out = await passwordAuth(server(), s, s.username, s.password);
    const code = await codeFor(server(), s, 'SMS_MFA');
    await rejectsWith(
      respond(server(), s, 'SOFTWARE_TOKEN_MFA', out.Session, { USERNAME: s.username, SOFTWARE_TOKEN_MFA_CODE: code }),
      'InvalidParameterException',
      'The challenge SOFTWARE_TOKEN_MFA does not match the challenge of this session.',
    );
    await assertSignedIn(server(), s, (await answer(server(), s, 'SMS_MFA', out.Session, code)).AuthenticationResult);
  });

  test('acij sends SMS_MFA_CODE along with SOFTWARE_TOKEN_MFA_CODE: the extra key is ignored', async () => {
    const s = await oneFactorUser(server(), 'SOFTWARE_TOKEN_MFA');
    const out = await passwordAuth(server(), s, s.username, s.password);
    const code = totpCode(server(), s.secret!);
    const done = await respond(server(), s, 'SOFTWARE_TOKEN_MFA', out.Session, { USERNAME: s.username, SMS_MFA_CODE: code, SOFTWARE_TOKEN_MFA_CODE: code });
    await assertSignedIn(server(), s, done.AuthenticationResult);
  });

  test('a pool that requires MFA sends SMS to a user with a phone_number and no factor turned on', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['SMS_MFA'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'SMS_MFA');
    assert.equal(out.ChallengeParameters!.CODE_DELIVERY_DESTINATION, MASKED.SMS_MFA);
    await assertSignedIn(server(), s, (await answer(server(), s, 'SMS_MFA', out.Session, await codeFor(server(), s, 'SMS_MFA'))).AuthenticationResult);
  });
});

describeEachBackend('SELECT_MFA_TYPE', ({ server }) => {
  const chooser = () => mfaUser(server(), { mode: 'ON', enable: FACTORS });

  test('several factors and none preferred: MFAS_CAN_CHOOSE, a JSON array string; nothing sent yet', async () => {
    const s = await chooser();
    const before = await messageCount(server(), s);
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'SELECT_MFA_TYPE');
    assert.ok(out.Session);
    const raw = out.ChallengeParameters!.MFAS_CAN_CHOOSE!;
    assert.equal(typeof raw, 'string');
    assert.deepEqual([...(JSON.parse(raw) as string[])].sort(), [...FACTORS].sort());
    assert.equal(out.ChallengeParameters!.USERNAME, s.username);
    assert.equal(await messageCount(server(), s), before);
  });

  for (const factor of FACTORS) {
    test(`choosing ${factor}: that challenge follows with a new Session, then tokens`, async () => {
      const s = await chooser();
      const out = await passwordAuth(server(), s, s.username, s.password);
      const chosen = await respond(server(), s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username, ANSWER: factor });
      assert.equal(chosen.ChallengeName, factor);
      assert.ok(chosen.Session);
      assert.notEqual(chosen.Session, out.Session);
      if (factor !== 'SOFTWARE_TOKEN_MFA') {
        assert.equal(chosen.ChallengeParameters!.CODE_DELIVERY_DELIVERY_MEDIUM, MEDIUM[factor]);
        assert.equal(chosen.ChallengeParameters!.CODE_DELIVERY_DESTINATION, MASKED[factor]);
      }
      // The selection's session is spent.
      await rejectsWith(respond(server(), s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username, ANSWER: factor }), 'NotAuthorizedException', SESSION_USED);
      await assertSignedIn(server(), s, (await answer(server(), s, factor, chosen.Session, await codeFor(server(), s, factor))).AuthenticationResult);
    });
  }

  test('a bad ANSWER is InvalidParameterException and the session still works', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.deepEqual(JSON.parse(out.ChallengeParameters!.MFAS_CAN_CHOOSE!).sort(), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    for (const bad of ['PASSWORD', 'sms_mfa', 'EMAIL_OTP']) {
      await rejectsWith(respond(server(), s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username, ANSWER: bad }), 'InvalidParameterException');
    }
    await rejectsWith(respond(server(), s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username }), 'InvalidParameterException');
    const chosen = await respond(server(), s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username, ANSWER: 'SOFTWARE_TOKEN_MFA' });
    assert.equal(chosen.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    await assertSignedIn(server(), s, (await answer(server(), s, 'SOFTWARE_TOKEN_MFA', chosen.Session, totpCode(server(), s.secret!))).AuthenticationResult);
  });

  test('a preferred factor is asked at once', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: FACTORS, preferred: 'EMAIL_OTP' });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'EMAIL_OTP');
    await assertSignedIn(server(), s, (await answer(server(), s, 'EMAIL_OTP', out.Session, await codeFor(server(), s, 'EMAIL_OTP'))).AuthenticationResult);
  });
});

describeEachBackend('MFA_SETUP', ({ server }) => {
  test('TOTP: AssociateSoftwareToken → VerifySoftwareToken → MFA_SETUP with the newest Session → tokens; next sign-in asks SOFTWARE_TOKEN_MFA', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'MFA_SETUP');
    assert.equal(typeof out.ChallengeParameters!.MFAS_CAN_SETUP, 'string');
    assert.deepEqual(JSON.parse(out.ChallengeParameters!.MFAS_CAN_SETUP!), ['SOFTWARE_TOKEN_MFA']);
    assert.ok(out.Session);

    const associated = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: out.Session }));
    assert.match(associated.SecretCode!, /^[A-Z2-7]+$/);
    assert.ok(associated.Session);
    assert.notEqual(associated.Session, out.Session);
    const secret = associated.SecretCode!;
    const verified = await server().sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpCode(server(), secret), FriendlyDeviceName: 'my phone' }),
    );
    assert.equal(verified.Status, 'SUCCESS');
    assert.ok(verified.Session);
    assert.notEqual(verified.Session, associated.Session);
    // The earlier sessions of the chain are spent.
    await rejectsWith(respond(server(), s, 'MFA_SETUP', associated.Session, { USERNAME: s.username }), 'NotAuthorizedException', SESSION_USED);

    const done = await respond(server(), s, 'MFA_SETUP', verified.Session, { USERNAME: s.username });
    await assertSignedIn(server(), s, done.AuthenticationResult);
    const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.ok(user.UserMFASettingList?.includes('SOFTWARE_TOKEN_MFA'));

    alignClock(server());
    const next = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(next.ChallengeName, 'SOFTWARE_TOKEN_MFA');
    assert.equal(next.ChallengeParameters!.FRIENDLY_DEVICE_NAME, 'my phone');
    await assertSignedIn(
      server(),
      { ...s, secret },
      (await answer(server(), { ...s, secret }, 'SOFTWARE_TOKEN_MFA', next.Session, totpCode(server(), secret))).AuthenticationResult,
    );
  });

  test('TOTP: a wrong code at VerifySoftwareToken leaves the session usable', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    const associated = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: out.Session }));
    await rejectsWith(
      server().sdk.send(new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: wrongTotp(server(), associated.SecretCode!) })),
      'EnableSoftwareTokenMFAException',
      'Code mismatch and fail enable Software Token MFA',
    );
    const verified = await server().sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpCode(server(), associated.SecretCode!) }),
    );
    await assertSignedIn(server(), s, (await respond(server(), s, 'MFA_SETUP', verified.Session, { USERNAME: s.username })).AuthenticationResult);
  });

  test('answering MFA_SETUP before any factor is set up is an invalid session', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    await rejectsWith(respond(server(), s, 'MFA_SETUP', out.Session, { USERNAME: s.username }), 'NotAuthorizedException', INVALID_SESSION);
    // Associated but not verified is not set up either.
    const again = await passwordAuth(server(), s, s.username, s.password);
    const associated = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: again.Session }));
    await rejectsWith(respond(server(), s, 'MFA_SETUP', associated.Session, { USERNAME: s.username }), 'NotAuthorizedException', INVALID_SESSION);
  });

  test('email: MFA_SETUP {USERNAME, EMAIL} → EMAIL_OTP to that address → tokens; the user now has EMAIL_OTP', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['EMAIL_OTP'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'MFA_SETUP');
    assert.deepEqual(JSON.parse(out.ChallengeParameters!.MFAS_CAN_SETUP!), ['EMAIL_OTP']);
    const before = await messageCount(server(), s);
    const otp = await respond(server(), s, 'MFA_SETUP', out.Session, { USERNAME: s.username, EMAIL: 'mfa.alice@example.org' });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    assert.ok(otp.Session);
    assert.notEqual(otp.Session, out.Session);
    assert.equal(otp.ChallengeParameters!.CODE_DELIVERY_DELIVERY_MEDIUM, 'EMAIL');
    assert.equal(otp.ChallengeParameters!.CODE_DELIVERY_DESTINATION, 'm***@e***');
    assert.equal(await messageCount(server(), s), before + 1);
    const m = await lastMessage(server(), s, 'EMAIL');
    assert.equal(m.destination, 'mfa.alice@example.org');

    await rejectsWith(answer(server(), s, 'EMAIL_OTP', otp.Session, otherCode(m.code)), 'CodeMismatchException', MISMATCH);
    await assertSignedIn(server(), s, (await answer(server(), s, 'EMAIL_OTP', otp.Session, m.code)).AuthenticationResult);
    const user = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.deepEqual(user.UserMFASettingList, ['EMAIL_OTP']);
    const attrs = Object.fromEntries(user.UserAttributes!.map((a) => [a.Name, a.Value]));
    assert.equal(attrs.email, 'mfa.alice@example.org');
    assert.equal(attrs.email_verified, 'true');

    const next = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(next.ChallengeName, 'EMAIL_OTP');
    assert.equal(next.ChallengeParameters!.CODE_DELIVERY_DESTINATION, 'm***@e***');
    await assertSignedIn(server(), s, (await answer(server(), s, 'EMAIL_OTP', next.Session, await codeFor(server(), s, 'EMAIL_OTP'))).AuthenticationResult);
  });

  test('a pool offering TOTP and email lists both in MFAS_CAN_SETUP; a bad EMAIL is refused and the session kept', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'MFA_SETUP');
    assert.deepEqual(JSON.parse(out.ChallengeParameters!.MFAS_CAN_SETUP!).sort(), ['EMAIL_OTP', 'SOFTWARE_TOKEN_MFA']);
    await rejectsWith(respond(server(), s, 'MFA_SETUP', out.Session, { USERNAME: s.username, EMAIL: 'not-an-email' }), 'InvalidParameterException');
    const otp = await respond(server(), s, 'MFA_SETUP', out.Session, { USERNAME: s.username, EMAIL: EMAIL });
    assert.equal(otp.ChallengeName, 'EMAIL_OTP');
    await assertSignedIn(server(), s, (await answer(server(), s, 'EMAIL_OTP', otp.Session, await codeFor(server(), s, 'EMAIL_OTP'))).AuthenticationResult);
  });
});

describeEachBackend('OPTIONAL and OFF pools', ({ server }) => {
  test('OPTIONAL: a user without a factor gets tokens at once, even with a phone and an email', async () => {
    const s = await mfaUser(server(), { mode: 'OPTIONAL' });
    const before = await messageCount(server(), s);
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, undefined);
    await assertSignedIn(server(), s, out.AuthenticationResult);
    assert.equal(await messageCount(server(), s), before);
  });

  for (const factor of FACTORS) {
    test(`OPTIONAL: a user with ${factor} turned on is asked for it`, async () => {
      const s = await mfaUser(server(), { mode: 'OPTIONAL', enable: [factor] });
      const out = await passwordAuth(server(), s, s.username, s.password);
      assert.equal(out.ChallengeName, factor);
      await assertSignedIn(server(), s, (await answer(server(), s, factor, out.Session, await codeFor(server(), s, factor))).AuthenticationResult);
    });
  }

  test('OFF: never asked, whatever the user turned on', async () => {
    const s = await mfaUser(server(), { mode: 'OFF', enable: FACTORS, preferred: 'SMS_MFA' });
    const before = await messageCount(server(), s);
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, undefined);
    await assertSignedIn(server(), s, out.AuthenticationResult);
    const srp = srpClient(s.poolId, s.password);
    const challenge = await server().sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, SRP_A: srp.A } }),
    );
    const viaSrp = await respond(
      server(),
      s,
      'PASSWORD_VERIFIER',
      challenge.Session,
      srp.answer(challenge.ChallengeParameters!, { now: server().clock.now() }),
    );
    assert.equal(viaSrp.ChallengeName, undefined);
    await assertSignedIn(server(), s, viaSrp.AuthenticationResult);
    assert.equal(await messageCount(server(), s), before);
  });
});

describeEachBackend('MFA in the admin flows', ({ server }) => {
  const adminAuth = (s: MfaUser) =>
    server().sdk.send(
      new AdminInitiateAuthCommand({
        UserPoolId: s.poolId,
        ClientId: s.client.clientId,
        AuthFlow: 'ADMIN_USER_PASSWORD_AUTH',
        AuthParameters: { USERNAME: s.username, PASSWORD: s.password },
      }),
    );
  const adminRespond = (s: MfaUser, name: string, session: string | undefined, responses: Record<string, string>) =>
    server().sdk.send(
      new AdminRespondToAuthChallengeCommand({
        UserPoolId: s.poolId,
        ClientId: s.client.clientId,
        ChallengeName: name as never,
        Session: session,
        ChallengeResponses: responses,
      }),
    );

  for (const factor of FACTORS) {
    test(`AdminInitiateAuth → ${factor} → AdminRespondToAuthChallenge: wrong code, then tokens`, async () => {
      const s = await oneFactorUser(server(), factor);
      const out = await adminAuth(s);
      assert.equal(out.ChallengeName, factor);
      if (factor !== 'SOFTWARE_TOKEN_MFA') assert.equal(out.ChallengeParameters!.CODE_DELIVERY_DESTINATION, MASKED[factor]);
      await rejectsWith(
        adminRespond(s, factor, out.Session, { USERNAME: s.username, [CODE_KEY[factor]]: await wrongCodeFor(server(), s, factor) }),
        'CodeMismatchException',
        MISMATCH,
      );
      const done = await adminRespond(s, factor, out.Session, { USERNAME: s.username, [CODE_KEY[factor]]: await codeFor(server(), s, factor) });
      await assertSignedIn(server(), s, done.AuthenticationResult);
      await rejectsWith(
        adminRespond(s, factor, out.Session, { USERNAME: s.username, [CODE_KEY[factor]]: await codeFor(server(), s, factor) }),
        'NotAuthorizedException',
        SESSION_USED,
      );
    });
  }

  test('admin SELECT_MFA_TYPE', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: FACTORS });
    const out = await adminAuth(s);
    assert.equal(out.ChallengeName, 'SELECT_MFA_TYPE');
    await rejectsWith(adminRespond(s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username, ANSWER: 'NOPE' }), 'InvalidParameterException');
    const chosen = await adminRespond(s, 'SELECT_MFA_TYPE', out.Session, { USERNAME: s.username, ANSWER: 'SMS_MFA' });
    assert.equal(chosen.ChallengeName, 'SMS_MFA');
    assert.notEqual(chosen.Session, out.Session);
    const done = await adminRespond(s, 'SMS_MFA', chosen.Session, { USERNAME: s.username, SMS_MFA_CODE: await codeFor(server(), s, 'SMS_MFA') });
    await assertSignedIn(server(), s, done.AuthenticationResult);
  });

  test('admin MFA_SETUP with TOTP', async () => {
    const s = await mfaUser(server(), { mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA'] });
    const out = await adminAuth(s);
    assert.equal(out.ChallengeName, 'MFA_SETUP');
    const associated = await server().sdk.send(new AssociateSoftwareTokenCommand({ Session: out.Session }));
    const verified = await server().sdk.send(
      new VerifySoftwareTokenCommand({ Session: associated.Session, UserCode: totpCode(server(), associated.SecretCode!) }),
    );
    const done = await adminRespond(s, 'MFA_SETUP', verified.Session, { USERNAME: s.username });
    await assertSignedIn(server(), s, done.AuthenticationResult);
  });
});

describeEachBackend('MFA after SRP', ({ server }) => {
  for (const factor of FACTORS) {
    test(`USER_SRP_AUTH → PASSWORD_VERIFIER → ${factor} → tokens`, async () => {
      const s = await oneFactorUser(server(), factor, { pool: { UsernameAttributes: ['email'] }, username: EMAIL });
      const srp = srpClient(s.poolId, s.password);
      const start = await server().sdk.send(
        new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: EMAIL, SRP_A: srp.A } }),
      );
      assert.equal(start.ChallengeName, 'PASSWORD_VERIFIER');
      const userId = start.ChallengeParameters!.USER_ID_FOR_SRP!;
      assert.notEqual(userId, EMAIL, 'an email-as-username pool signs in the internal name');
      const out = await respond(server(), s, 'PASSWORD_VERIFIER', start.Session, srp.answer(start.ChallengeParameters!, { now: server().clock.now() }));
      assert.equal(out.ChallengeName, factor);
      assert.ok(out.Session);
      assert.equal(out.ChallengeParameters!.USERNAME, userId);
      const internal = { ...s, username: userId };
      if (factor !== 'SOFTWARE_TOKEN_MFA') assert.equal(out.ChallengeParameters!.CODE_DELIVERY_DESTINATION, MASKED[factor]);
      await rejectsWith(answer(server(), internal, factor, out.Session, await wrongCodeFor(server(), internal, factor)), 'CodeMismatchException', MISMATCH);
      const done = await answer(server(), internal, factor, out.Session, await codeFor(server(), internal, factor));
      assert.equal(claims(done.AuthenticationResult!.AccessToken!).username, userId);
    });
  }
});

/** Device SRP as the clients do it: DEVICE_SRP_AUTH with a fresh SRP_A, then the DEVICE_PASSWORD_VERIFIER proof. */
async function deviceSrp(server: TestServer, s: MfaUser, session: string | undefined, device: DeviceSecret) {
  const a = hexToBigInt(randomBytes(128).toString('hex'));
  const A = modPowN(g, a).toString(16);
  const verifier = await respond(server, s, 'DEVICE_SRP_AUTH', session, { USERNAME: s.username, DEVICE_KEY: device.deviceKey, SRP_A: A });
  assert.equal(verifier.ChallengeName, 'DEVICE_PASSWORD_VERIFIER');
  const p = verifier.ChallengeParameters as { SALT: string; SRP_B: string; SECRET_BLOCK: string; DEVICE_KEY: string };
  assert.equal(p.DEVICE_KEY, device.deviceKey);
  const timestamp = formatTimestamp(server.clock.now());
  return respond(server, s, 'DEVICE_PASSWORD_VERIFIER', verifier.Session, {
    USERNAME: s.username,
    DEVICE_KEY: device.deviceKey,
    PASSWORD_CLAIM_SECRET_BLOCK: p.SECRET_BLOCK,
    TIMESTAMP: timestamp,
    PASSWORD_CLAIM_SIGNATURE: deviceClaimSignature(device, a, p, timestamp),
  });
}

describeEachBackend('remembered devices and MFA', ({ server }) => {
  /** Signs in with SMS MFA, confirms the new device, and sets its remembered status. */
  async function deviceUser(challengeRequiredOnNewDevice: boolean, status: 'remembered' | 'not_remembered') {
    const s = await oneFactorUser(server(), 'SMS_MFA', {
      pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: challengeRequiredOnNewDevice, DeviceOnlyRememberedOnUserPrompt: true } },
    });
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'SMS_MFA');
    const done = await answer(server(), s, 'SMS_MFA', out.Session, await codeFor(server(), s, 'SMS_MFA'));
    const meta = done.AuthenticationResult!.NewDeviceMetadata!;
    assert.ok(meta?.DeviceKey && meta.DeviceGroupKey, 'NewDeviceMetadata after MFA');
    const device = deviceSecret(meta.DeviceGroupKey!, meta.DeviceKey!);
    const accessToken = done.AuthenticationResult!.AccessToken!;
    const confirmed = await server().sdk.send(
      new ConfirmDeviceCommand({ AccessToken: accessToken, DeviceKey: device.deviceKey, DeviceSecretVerifierConfig: device.config, DeviceName: 'nodejs' }),
    );
    assert.equal(confirmed.UserConfirmationNecessary, true);
    await server().sdk.send(new UpdateDeviceStatusCommand({ AccessToken: accessToken, DeviceKey: device.deviceKey, DeviceRememberedStatus: status }));
    return { s, device };
  }

  test('ChallengeRequiredOnNewDevice: a remembered device replaces MFA (DEVICE_SRP_AUTH → DEVICE_PASSWORD_VERIFIER → tokens)', async () => {
    const { s, device } = await deviceUser(true, 'remembered');
    const before = await messageCount(server(), s);
    const out = await passwordAuth(server(), s, s.username, s.password, { DEVICE_KEY: device.deviceKey });
    assert.equal(out.ChallengeName, 'DEVICE_SRP_AUTH');
    assert.ok(out.Session);
    assert.equal(out.ChallengeParameters!.DEVICE_KEY, device.deviceKey);
    const done = await deviceSrp(server(), s, out.Session, device);
    assert.equal(done.ChallengeName, undefined, 'no MFA step');
    await assertSignedIn(server(), s, done.AuthenticationResult);
    assert.equal(done.AuthenticationResult!.NewDeviceMetadata, undefined);
    assert.equal(claims(done.AuthenticationResult!.AccessToken!).device_key, device.deviceKey);
    assert.equal(await messageCount(server(), s), before, 'no SMS was sent');
  });

  test('ChallengeRequiredOnNewDevice, after SRP: the device key in the PASSWORD_VERIFIER answer replaces MFA too', async () => {
    const { s, device } = await deviceUser(true, 'remembered');
    const srp = srpClient(s.poolId, s.password);
    const start = await server().sdk.send(
      new InitiateAuthCommand({ AuthFlow: 'USER_SRP_AUTH', ClientId: s.client.clientId, AuthParameters: { USERNAME: s.username, SRP_A: srp.A } }),
    );
    const out = await respond(server(), s, 'PASSWORD_VERIFIER', start.Session, {
      ...srp.answer(start.ChallengeParameters!, { now: server().clock.now() }),
      DEVICE_KEY: device.deviceKey,
    });
    assert.equal(out.ChallengeName, 'DEVICE_SRP_AUTH');
    const done = await deviceSrp(server(), s, out.Session, device);
    assert.equal(done.ChallengeName, undefined, 'no MFA step');
    await assertSignedIn(server(), s, done.AuthenticationResult);
  });

  // MFA comes first and device SRP after the MFA answer; acij depends on it.
  const mfaThenDevice = {};

  /** A sign-in with the device key where MFA is still due: SMS_MFA, then device SRP, then tokens bound to the device. */
  async function mfaThenDeviceSrp(s: MfaUser, device: DeviceSecret) {
    const out = await passwordAuth(server(), s, s.username, s.password, { DEVICE_KEY: device.deviceKey });
    assert.equal(out.ChallengeName, 'SMS_MFA');
    assert.equal(out.ChallengeParameters!.CODE_DELIVERY_DESTINATION, MASKED.SMS_MFA);
    const code = await codeFor(server(), s, 'SMS_MFA');
    const deviceStep = await respond(server(), s, 'SMS_MFA', out.Session, { USERNAME: s.username, SMS_MFA_CODE: code, DEVICE_KEY: device.deviceKey });
    assert.equal(deviceStep.ChallengeName, 'DEVICE_SRP_AUTH');
    const done = await deviceSrp(server(), s, deviceStep.Session, device);
    await assertSignedIn(server(), s, done.AuthenticationResult);
    assert.equal(done.AuthenticationResult!.NewDeviceMetadata, undefined, 'the known device is kept');
    assert.equal(claims(done.AuthenticationResult!.AccessToken!).device_key, device.deviceKey);
  }

  test('ChallengeRequiredOnNewDevice, device not remembered: MFA is still asked, then device SRP', mfaThenDevice, async () => {
    const { s, device } = await deviceUser(true, 'not_remembered');
    await mfaThenDeviceSrp(s, device);
  });

  test('without ChallengeRequiredOnNewDevice a remembered device still gets MFA, then device SRP', mfaThenDevice, async () => {
    const { s, device } = await deviceUser(false, 'remembered');
    await mfaThenDeviceSrp(s, device);
  });

  test('where MFA is still due, the sign-in asks both MFA and device SRP (in either order) and binds the device', async () => {
    for (const [required, status] of [
      [true, 'not_remembered'],
      [false, 'remembered'],
    ] as const) {
      const { s, device } = await deviceUser(required, status);
      const asked: string[] = [];
      let out = await passwordAuth(server(), s, s.username, s.password, { DEVICE_KEY: device.deviceKey });
      while (out.ChallengeName) {
        asked.push(out.ChallengeName);
        if (out.ChallengeName === 'SMS_MFA') {
          const code = await codeFor(server(), s, 'SMS_MFA');
          out = await respond(server(), s, 'SMS_MFA', out.Session, { USERNAME: s.username, SMS_MFA_CODE: code, DEVICE_KEY: device.deviceKey });
        } else {
          assert.equal(out.ChallengeName, 'DEVICE_SRP_AUTH');
          out = await deviceSrp(server(), s, out.Session, device);
          asked.push('DEVICE_PASSWORD_VERIFIER');
        }
        assert.ok(asked.length <= 3, `too many steps: ${asked.join(' → ')}`);
      }
      assert.deepEqual([...asked].sort(), ['DEVICE_PASSWORD_VERIFIER', 'DEVICE_SRP_AUTH', 'SMS_MFA'], asked.join(' → '));
      await assertSignedIn(server(), s, out.AuthenticationResult);
      assert.equal(out.AuthenticationResult!.NewDeviceMetadata, undefined, 'the known device is kept');
      assert.equal(claims(out.AuthenticationResult!.AccessToken!).device_key, device.deviceKey);
    }
  });

  test('a sign-in without the device key gets MFA and another new device', async () => {
    const { s } = await deviceUser(true, 'remembered');
    const out = await passwordAuth(server(), s, s.username, s.password);
    assert.equal(out.ChallengeName, 'SMS_MFA');
    const done = await answer(server(), s, 'SMS_MFA', out.Session, await codeFor(server(), s, 'SMS_MFA'));
    assert.ok(done.AuthenticationResult!.NewDeviceMetadata?.DeviceKey);
  });
});
