import assert from 'node:assert/strict';
import { test } from 'node:test';
import { AdminListDevicesCommand, AdminGetUserCommand } from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { claims, codeFor, MASKED, messageCount, type MfaUser, mfaUser, type MfaUserOptions, nextTotp, totpCode, wrongCodeFor } from './support/mfa.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

/**
 * amazon-cognito-identity-js (acij) against the server through MFA: its authenticateUser
 * callbacks (mfaRequired, totpRequired, selectMFAType, mfaSetup), sendMFACode,
 * sendMFASelectionAnswer, associateSoftwareToken / verifySoftwareToken, and its own device flow.
 * acij signs SRP with the real time, so these tests never move the server's clock by minutes.
 */

/** localStorage for Node: what acij keeps (tokens, device key and secret) lives here. */
function memoryStorage(): ICognitoStorage & { keys(): string[] } {
  const items = new Map<string, string>();
  return {
    setItem: (key, value) => void items.set(key, String(value)),
    getItem: (key) => items.get(key) ?? null,
    removeItem: (key) => void items.delete(key),
    clear: () => items.clear(),
    keys: () => [...items.keys()],
  };
}

/** What acij called back with. */
type Step =
  | { kind: 'success'; session: CognitoUserSession; confirmationNecessary: boolean | undefined }
  | { kind: 'failure'; error: Error & { code?: string } }
  | ChallengeStep<'mfaRequired'>
  | ChallengeStep<'totpRequired'>
  | ChallengeStep<'selectMFAType'>
  | ChallengeStep<'mfaSetup'>
  | { kind: 'customChallenge'; value: unknown }
  | { kind: 'newPasswordRequired'; value: unknown }
  | { kind: 'associateSecretCode'; value: unknown };

interface ChallengeStep<K extends string> {
  kind: K;
  challengeName: string;
  params: Record<string, string>;
}

type Callbacks = Parameters<CognitoUser['authenticateUser']>[1] & { associateSecretCode(secret: string): void };

/** Runs one acij call and resolves with the first callback it makes. */
function next(call: (callbacks: Callbacks) => void): Promise<Step> {
  return new Promise((resolve) => {
    const challenge = (kind: 'mfaRequired' | 'totpRequired' | 'selectMFAType' | 'mfaSetup') => (challengeName: string, params: Record<string, string>) =>
      resolve({ kind, challengeName, params } as Step);
    call({
      onSuccess: (session, confirmationNecessary) => resolve({ kind: 'success', session, confirmationNecessary }),
      onFailure: (error) => resolve({ kind: 'failure', error }),
      mfaRequired: challenge('mfaRequired') as never,
      totpRequired: challenge('totpRequired') as never,
      selectMFAType: challenge('selectMFAType') as never,
      mfaSetup: challenge('mfaSetup') as never,
      customChallenge: (value) => resolve({ kind: 'customChallenge', value }),
      newPasswordRequired: (value) => resolve({ kind: 'newPasswordRequired', value }),
      associateSecretCode: (value) => resolve({ kind: 'associateSecretCode', value }),
    });
  });
}

function expectStep<K extends Step['kind']>(step: Step, kind: K): Extract<Step, { kind: K }> {
  if (step.kind !== kind) {
    const detail = step.kind === 'failure' ? `${step.error.code ?? step.error.name}: ${step.error.message}` : JSON.stringify(step);
    assert.fail(`expected acij to call ${kind}, it called ${step.kind} (${detail})`);
  }
  return step as Extract<Step, { kind: K }>;
}

interface Acij {
  pool: CognitoUserPool;
  storage: ReturnType<typeof memoryStorage>;
  /** A fresh CognitoUser on the same pool and storage (as a new page load would make). */
  user(): CognitoUser;
  details(): AuthenticationDetails;
}

function acij(server: TestServer, s: MfaUser, storage = memoryStorage()): Acij {
  const pool = new CognitoUserPool({ UserPoolId: s.poolId, ClientId: s.client.clientId, endpoint: server.url, Storage: storage });
  return {
    pool,
    storage,
    user: () => new CognitoUser({ Username: s.username, Pool: pool, Storage: storage }),
    details: () => new AuthenticationDetails({ Username: s.username, Password: s.password }),
  };
}

/** The session acij built is the user's, from tokens the server signed. */
function assertSession(step: Step, s: MfaUser) {
  const { session } = expectStep(step, 'success');
  assert.equal(session.isValid(), true);
  assert.equal(session.getAccessToken().payload.username, s.username);
  assert.equal(claims(session.getIdToken().getJwtToken())['cognito:username'], s.username);
  assert.ok(session.getRefreshToken().getToken());
}

const MISMATCH = 'Invalid code or auth state for the user.';

describeEachBackend('acij: MFA', ({ server }) => {
  const user = (options: MfaUserOptions) => mfaUser(server(), { align: false, ...options });

  for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
    test(`mfaRequired → sendMFACode with the SMS code (${flow})`, async () => {
      const s = await user({ mode: 'ON', enable: ['SMS_MFA'] });
      const a = acij(server(), s);
      const cognitoUser = a.user();
      cognitoUser.setAuthenticationFlowType(flow);
      const asked = expectStep(await next((cb) => cognitoUser.authenticateUser(a.details(), cb)), 'mfaRequired');
      assert.equal(asked.challengeName, 'SMS_MFA');
      assert.equal(asked.params.CODE_DELIVERY_DELIVERY_MEDIUM, 'SMS');
      assert.equal(asked.params.CODE_DELIVERY_DESTINATION, MASKED.SMS_MFA);
      // A wrong code reaches onFailure with Cognito's error, and the same sign-in goes on.
      const wrongCode = await wrongCodeFor(server(), s, 'SMS_MFA');
      const wrong = expectStep(await next((cb) => cognitoUser.sendMFACode(wrongCode, cb)), 'failure');
      assert.equal(wrong.error.code, 'CodeMismatchException');
      assert.equal(wrong.error.message, MISMATCH);
      const code = await codeFor(server(), s, 'SMS_MFA');
      assertSession(await next((cb) => cognitoUser.sendMFACode(code, cb)), s);
    });
  }

  for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
    test(`totpRequired → sendMFACode(code, callbacks, 'SOFTWARE_TOKEN_MFA') (${flow})`, async () => {
      const s = await user({ mode: 'ON', enable: ['SOFTWARE_TOKEN_MFA'], friendlyName: 'authenticator' });
      const a = acij(server(), s);
      const cognitoUser = a.user();
      cognitoUser.setAuthenticationFlowType(flow);
      const asked = expectStep(await next((cb) => cognitoUser.authenticateUser(a.details(), cb)), 'totpRequired');
      assert.equal(asked.challengeName, 'SOFTWARE_TOKEN_MFA');
      assert.equal(asked.params.FRIENDLY_DEVICE_NAME, 'authenticator');
      const code = nextTotp(server(), s.secret!);
      assertSession(await next((cb) => cognitoUser.sendMFACode(code, cb, 'SOFTWARE_TOKEN_MFA')), s);
    });
  }

  test('selectMFAType → sendMFASelectionAnswer → mfaRequired / totpRequired', async () => {
    const s = await user({ mode: 'ON', enable: ['SMS_MFA', 'SOFTWARE_TOKEN_MFA'] });
    const a = acij(server(), s);

    const first = a.user();
    const select = expectStep(await next((cb) => first.authenticateUser(a.details(), cb)), 'selectMFAType');
    assert.equal(select.challengeName, 'SELECT_MFA_TYPE');
    assert.deepEqual(JSON.parse(select.params.MFAS_CAN_CHOOSE!).sort(), ['SMS_MFA', 'SOFTWARE_TOKEN_MFA']);
    const sms = expectStep(await next((cb) => first.sendMFASelectionAnswer('SMS_MFA', cb)), 'mfaRequired');
    assert.equal(sms.challengeName, 'SMS_MFA');
    assert.equal(sms.params.CODE_DELIVERY_DESTINATION, MASKED.SMS_MFA);
    const smsCode = await codeFor(server(), s, 'SMS_MFA');
    assertSession(await next((cb) => first.sendMFACode(smsCode, cb)), s);

    const second = a.user();
    expectStep(await next((cb) => second.authenticateUser(a.details(), cb)), 'selectMFAType');
    const totp = expectStep(await next((cb) => second.sendMFASelectionAnswer('SOFTWARE_TOKEN_MFA', cb)), 'totpRequired');
    assert.equal(totp.challengeName, 'SOFTWARE_TOKEN_MFA');
    const totpNow = nextTotp(server(), s.secret!);
    assertSession(await next((cb) => second.sendMFACode(totpNow, cb, 'SOFTWARE_TOKEN_MFA')), s);
  });

  test('mfaSetup → associateSoftwareToken → verifySoftwareToken → tokens; the next sign-in asks totpRequired', async () => {
    const s = await user({ mode: 'ON', offered: ['SOFTWARE_TOKEN_MFA'] });
    const a = acij(server(), s);
    const cognitoUser = a.user();
    const setup = expectStep(await next((cb) => cognitoUser.authenticateUser(a.details(), cb)), 'mfaSetup');
    assert.equal(setup.challengeName, 'MFA_SETUP');
    assert.deepEqual(JSON.parse(setup.params.MFAS_CAN_SETUP!), ['SOFTWARE_TOKEN_MFA']);
    const associated = expectStep(await next((cb) => cognitoUser.associateSoftwareToken(cb)), 'associateSecretCode');
    const secret = String(associated.value);
    const code = totpCode(server(), secret);
    assertSession(await next((cb) => cognitoUser.verifySoftwareToken(code, 'acij phone', cb)), s);
    const admin = await server().sdk.send(new AdminGetUserCommand({ UserPoolId: s.poolId, Username: s.username }));
    assert.ok(admin.UserMFASettingList?.includes('SOFTWARE_TOKEN_MFA'));

    const again = a.user();
    const asked = expectStep(await next((cb) => again.authenticateUser(a.details(), cb)), 'totpRequired');
    assert.equal(asked.params.FRIENDLY_DEVICE_NAME, 'acij phone');
    const later = nextTotp(server(), secret);
    assertSession(await next((cb) => again.sendMFACode(later, cb, 'SOFTWARE_TOKEN_MFA')), s);
  });

  test('OPTIONAL pool, user without a factor: onSuccess with no MFA callback', async () => {
    const s = await user({ mode: 'OPTIONAL' });
    const a = acij(server(), s);
    const cognitoUser = a.user();
    assertSession(await next((cb) => cognitoUser.authenticateUser(a.details(), cb)), s);
  });
});

describeEachBackend('acij: email MFA', ({ server }) => {
  // acij 6.3 has no callback for EMAIL_OTP: authenticateUserInternal knows SMS_MFA,
  // SOFTWARE_TOKEN_MFA, SELECT_MFA_TYPE, MFA_SETUP, CUSTOM_CHALLENGE, NEW_PASSWORD_REQUIRED and
  // DEVICE_SRP_AUTH only, and sendMFACode always sends the code as SMS_MFA_CODE (plus
  // SOFTWARE_TOKEN_MFA_CODE for TOTP), never EMAIL_OTP_CODE. An app on acij cannot do email MFA.
  test('an EMAIL_OTP challenge reaches acij as onFailure(TypeError); the server sent the code', async () => {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['EMAIL_OTP'], align: false });
    const a = acij(server(), s);
    const cognitoUser = a.user();
    cognitoUser.setAuthenticationFlowType('USER_PASSWORD_AUTH');
    const before = await messageCount(server(), s);
    const failed = expectStep(await next((cb) => cognitoUser.authenticateUser(a.details(), cb)), 'failure');
    // acij reads AuthenticationResult.NewDeviceMetadata of a response that is a challenge.
    assert.equal(failed.error.name, 'TypeError');
    assert.equal(await messageCount(server(), s), before + 1, 'the server sent the email code');
  });
});

describeEachBackend('acij: remembered devices and MFA', ({ server }) => {
  /** An MFA sign-in through acij, which confirms the new device itself (ConfirmDevice) and stores its key. */
  async function firstSignIn(deviceConfiguration: { ChallengeRequiredOnNewDevice: boolean; DeviceOnlyRememberedOnUserPrompt: boolean }) {
    const s = await mfaUser(server(), { mode: 'ON', enable: ['SMS_MFA'], align: false, pool: { DeviceConfiguration: deviceConfiguration } });
    const a = acij(server(), s);
    const cognitoUser = a.user();
    expectStep(await next((cb) => cognitoUser.authenticateUser(a.details(), cb)), 'mfaRequired');
    const code = await codeFor(server(), s, 'SMS_MFA');
    const done = expectStep(await next((cb) => cognitoUser.sendMFACode(code, cb)), 'success');
    assert.equal(done.confirmationNecessary, deviceConfiguration.DeviceOnlyRememberedOnUserPrompt ? true : undefined);
    const deviceKey = a.storage.getItem(`CognitoIdentityServiceProvider.${s.client.clientId}.${s.username}.deviceKey`);
    assert.ok(deviceKey, 'acij stored the confirmed device');
    return { s, a, cognitoUser, deviceKey };
  }

  for (const flow of ['USER_SRP_AUTH', 'USER_PASSWORD_AUTH'] as const) {
    test(`setDeviceStatusRemembered, then a second authenticateUser skips MFA (${flow})`, async () => {
      const { s, a, cognitoUser, deviceKey } = await firstSignIn({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
      const remembered = await new Promise<string>((resolve, reject) => cognitoUser.setDeviceStatusRemembered({ onSuccess: resolve, onFailure: reject }));
      assert.equal(remembered, 'SUCCESS');
      const { Devices } = await server().sdk.send(new AdminListDevicesCommand({ UserPoolId: s.poolId, Username: s.username }));
      const attrs = Object.fromEntries(Devices![0]!.DeviceAttributes!.map((d) => [d.Name, d.Value]));
      assert.equal(Devices![0]!.DeviceKey, deviceKey);
      assert.equal(attrs['dev:device_remembered_status'], 'remembered');

      const before = await messageCount(server(), s);
      const again = a.user();
      again.setAuthenticationFlowType(flow);
      const step = await next((cb) => again.authenticateUser(a.details(), cb));
      assertSession(step, s);
      assert.equal(expectStep(step, 'success').session.getAccessToken().payload.device_key, deviceKey);
      assert.equal(await messageCount(server(), s), before, 'no SMS was sent');
    });
  }

  // MFA first, device SRP after it: acij takes DEVICE_PASSWORD_VERIFIER's answer as the tokens.
  const deviceAfterMfa = {};

  test('a confirmed device that is not remembered still gets mfaRequired', deviceAfterMfa, async () => {
    const { s, a } = await firstSignIn({ ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    const again = a.user();
    const step = await next((cb) => again.authenticateUser(a.details(), cb));
    // acij only handles DEVICE_SRP_AUTH before MFA as the last step before tokens (getDeviceResponse
    // reads AuthenticationResult from the DEVICE_PASSWORD_VERIFIER answer); MFA must come first.
    const asked = expectStep(step, 'mfaRequired');
    assert.equal(asked.challengeName, 'SMS_MFA');
    const code = await codeFor(server(), s, 'SMS_MFA');
    assertSession(await next((cb) => again.sendMFACode(code, cb)), s);
  });

  test('without ChallengeRequiredOnNewDevice a remembered device still gets mfaRequired, then device SRP', deviceAfterMfa, async () => {
    const { s, a, deviceKey } = await firstSignIn({ ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false });
    const again = a.user();
    const asked = expectStep(await next((cb) => again.authenticateUser(a.details(), cb)), 'mfaRequired');
    assert.equal(asked.challengeName, 'SMS_MFA');
    const code = await codeFor(server(), s, 'SMS_MFA');
    const step = await next((cb) => again.sendMFACode(code, cb));
    assertSession(step, s);
    assert.equal(expectStep(step, 'success').session.getAccessToken().payload.device_key, deviceKey);
  });
});
