import assert from 'node:assert/strict';
import { afterEach, test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  type DeviceType,
  GetUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { Amplify } from 'aws-amplify';
import { confirmSignIn, fetchAuthSession, fetchDevices, forgetDevice, getCurrentUser, rememberDevice, signIn, signOut } from 'aws-amplify/auth';
import { ConsoleLogger } from 'aws-amplify/utils';
import { type SignInSetup, signInSetup } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { type Call, recordCognitoCalls } from './support/wire.ts';

/**
 * Amplify v6 (aws-amplify), unmodified, in Node, with its default sign-in flow USER_SRP_AUTH:
 * PASSWORD_VERIFIER, NEW_PASSWORD_REQUIRED, and remembered devices (Amplify confirms a new device
 * itself, answers DEVICE_SRP_AUTH, retries on "Device does not exist.", refreshes with the
 * DeviceKey). Amplify's configuration and token store are process-global, so every Amplify SRP
 * test lives in this file and they run one after another.
 */

ConsoleLogger.LOG_LEVEL = 'ERROR';

// Amplify names a new device after `navigator` (getDeviceName) inside the try block that guards
// ConfirmDevice: on Node 20, which has no `navigator`, that throws, the error is swallowed and no
// device is ever confirmed or stored. A browser (and Node ≥ 21) has one; give Node 20 the same.
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0';
if (typeof (globalThis as { navigator?: unknown }).navigator === 'undefined') {
  Object.defineProperty(globalThis, 'navigator', { value: { userAgent: USER_AGENT }, configurable: true });
}
const deviceName = (globalThis as unknown as { navigator: { userAgent: string } }).navigator.userAgent;

const { calls } = recordCognitoCalls();

const since = (mark: number) => calls.slice(mark);
/** Each call as `Target[:AuthFlow|:ChallengeName] <status>`. */
const steps = (list: Call[]) =>
  list.map((c) => `${c.target}${c.request.ChallengeName ? `:${c.request.ChallengeName}` : c.request.AuthFlow ? `:${c.request.AuthFlow}` : ''} ${c.status}`);

function configure(server: TestServer, s: { poolId: string; client: { clientId: string } }) {
  Amplify.configure({ Auth: { Cognito: { userPoolId: s.poolId, userPoolClientId: s.client.clientId, userPoolEndpoint: server.url } } });
}

const attributesOf = (d: DeviceType) => Object.fromEntries(d.DeviceAttributes!.map((a) => [a.Name!, a.Value!]));
const listDevices = async (server: TestServer, poolId: string, username: string) =>
  (await server.sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: username }))).Devices!;
const getDevice = async (server: TestServer, poolId: string, username: string, deviceKey: string) =>
  (await server.sdk.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey }))).Device!;

describeEachBackend('Amplify v6: USER_SRP_AUTH', ({ server }) => {
  // Amplify refuses signIn while someone is signed in; leave every test signed out.
  afterEach(async () => {
    await signOut().catch(() => {});
  });

  test('signIn (default flow) proves the password with SRP and holds the tokens the server issued', async () => {
    const s = await signInSetup(server());
    configure(server(), s);
    const mark = calls.length;
    assert.deepEqual(await signIn({ username: 'alice', password: s.password }), { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200']);
    const [initiate, verifier] = since(mark);
    assert.deepEqual(Object.keys(initiate!.request.AuthParameters).sort(), ['SRP_A', 'USERNAME']);
    assert.equal(initiate!.response.Session, undefined);
    assert.equal(verifier!.request.ChallengeResponses.USERNAME, 'alice');
    assert.equal(verifier!.request.ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK, initiate!.response.ChallengeParameters.SECRET_BLOCK);
    assert.equal(verifier!.request.ChallengeResponses.DEVICE_KEY, undefined);

    const { tokens } = await fetchAuthSession();
    assert.equal(tokens!.accessToken.toString(), verifier!.response.AuthenticationResult.AccessToken);
    assert.equal(tokens!.idToken!.payload['cognito:username'], 'alice');
    assert.equal(tokens!.accessToken.payload.username, 'alice');
    const user = await getCurrentUser();
    assert.equal(user.username, 'alice');
    assert.deepEqual(user.signInDetails, { loginId: 'alice', authFlowType: 'USER_SRP_AUTH' });
    assert.equal((await server().sdk.send(new GetUserCommand({ AccessToken: tokens!.accessToken.toString() }))).Username, 'alice');
  });

  test('a wrong password and an unknown user surface as Cognito errors; the right password still works', async () => {
    const s = await signInSetup(server());
    configure(server(), s);
    const mark = calls.length;
    await rejectsWith(signIn({ username: 'alice', password: 'Wrong-passw0rd!' }), 'NotAuthorizedException', 'Incorrect username or password.');
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 400']);
    await rejectsWith(signIn({ username: 'nobody', password: 'Wrong-passw0rd!' }), 'UserNotFoundException', 'User does not exist.');
    assert.equal((await fetchAuthSession()).tokens, undefined);
    assert.equal((await signIn({ username: 'alice', password: s.password })).isSignedIn, true);
  });

  test('an email alias signs in; Amplify adopts the internal username the challenge named', async () => {
    const s = await signInSetup(server(), { pool: { AliasAttributes: ['email'] } });
    configure(server(), s);
    const mark = calls.length;
    assert.equal((await signIn({ username: 'alice@example.com', password: s.password })).isSignedIn, true);
    assert.equal(since(mark)[0]!.request.AuthParameters.USERNAME, 'alice@example.com');
    assert.equal(since(mark)[1]!.request.ChallengeResponses.USERNAME, 'alice');
    assert.equal((await getCurrentUser()).username, 'alice');
  });

  test('CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED after a temporary password; confirmSignIn signs in', async () => {
    const poolId = await createPool(server(), { Schema: [{ Name: 'name', Required: true, Mutable: true, AttributeDataType: 'String' }] });
    const client = await createClient(server(), poolId, { config: { ExplicitAuthFlows: ['ALLOW_USER_SRP_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] } });
    await server().sdk.send(
      new AdminCreateUserCommand({
        UserPoolId: poolId,
        Username: 'carol',
        TemporaryPassword: 'Temp-Passw0rd!',
        MessageAction: 'SUPPRESS',
        UserAttributes: [{ Name: 'email', Value: 'carol@example.com' }],
      }),
    );
    configure(server(), { poolId, client });
    assert.deepEqual(await signIn({ username: 'carol', password: 'Temp-Passw0rd!' }), {
      isSignedIn: false,
      nextStep: { signInStep: 'CONFIRM_SIGN_IN_WITH_NEW_PASSWORD_REQUIRED', missingAttributes: ['name'] },
    });
    const mark = calls.length;
    assert.deepEqual(await confirmSignIn({ challengeResponse: 'Brand-new-passw0rd!', options: { userAttributes: { name: 'Carol' } } }), {
      isSignedIn: true,
      nextStep: { signInStep: 'DONE' },
    });
    assert.deepEqual(steps(since(mark)), ['RespondToAuthChallenge:NEW_PASSWORD_REQUIRED 200']);
    assert.deepEqual(since(mark)[0]!.request.ChallengeResponses, { 'userAttributes.name': 'Carol', NEW_PASSWORD: 'Brand-new-passw0rd!', USERNAME: 'carol' });
    const { tokens } = await fetchAuthSession();
    assert.equal(tokens!.idToken!.payload['cognito:username'], 'carol');
    assert.equal(tokens!.idToken!.payload.name, 'Carol');
    assert.equal((await server().sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }))).UserStatus, 'CONFIRMED');

    await signOut();
    await rejectsWith(signIn({ username: 'carol', password: 'Temp-Passw0rd!' }), 'NotAuthorizedException', 'Incorrect username or password.');
    assert.equal((await signIn({ username: 'carol', password: 'Brand-new-passw0rd!' })).isSignedIn, true);
  });
});

describeEachBackend('Amplify v6: remembered devices', ({ server }) => {
  afterEach(async () => {
    await signOut().catch(() => {});
  });

  /** A device-tracking pool (remember on the user's say-so; a remembered device replaces MFA), signed in once. */
  async function firstSignIn(): Promise<SignInSetup & { deviceKey: string; first: Call[] }> {
    const s = await signInSetup(server(), {
      pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } },
    });
    configure(server(), s);
    const mark = calls.length;
    assert.equal((await signIn({ username: 'alice', password: s.password })).isSignedIn, true);
    const first = since(mark);
    const confirm = first.find((c) => c.target === 'ConfirmDevice');
    assert.ok(confirm, `Amplify confirmed no device: ${steps(first).join(', ')}`);
    return { ...s, deviceKey: confirm.request.DeviceKey as string, first };
  }

  test('after signIn Amplify confirms the new device; rememberDevice and fetchDevices', async () => {
    const s = await firstSignIn();
    assert.deepEqual(steps(s.first), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200', 'ConfirmDevice 200']);
    const [, verifier, confirm] = s.first;
    const meta = verifier!.response.AuthenticationResult.NewDeviceMetadata;
    assert.equal(s.deviceKey, meta.DeviceKey);
    assert.equal(confirm!.request.AccessToken, verifier!.response.AuthenticationResult.AccessToken);
    assert.equal(confirm!.request.DeviceName, deviceName);
    assert.deepEqual(Object.keys(confirm!.request.DeviceSecretVerifierConfig).sort(), ['PasswordVerifier', 'Salt']);
    assert.deepEqual(confirm!.response, { UserConfirmationNecessary: true });
    let [device] = await listDevices(server(), s.poolId, 'alice');
    assert.equal(device!.DeviceKey, meta.DeviceKey);
    assert.equal(attributesOf(device!)['dev:device_remembered_status'], 'not_remembered');

    const mark = calls.length;
    await rememberDevice();
    assert.deepEqual(steps(since(mark)), ['UpdateDeviceStatus 200']);
    assert.deepEqual(since(mark)[0]!.request, {
      AccessToken: verifier!.response.AuthenticationResult.AccessToken,
      DeviceKey: meta.DeviceKey,
      DeviceRememberedStatus: 'remembered',
    });
    [device] = await listDevices(server(), s.poolId, 'alice');
    assert.equal(attributesOf(device!)['dev:device_remembered_status'], 'remembered');

    const devices = await fetchDevices();
    assert.equal(devices.length, 1);
    assert.equal(devices[0]!.id, meta.DeviceKey);
    assert.equal(devices[0]!.name, deviceName);
    assert.equal(devices[0]!.attributes.device_name, deviceName);
    assert.ok(devices[0]!.createDate instanceof Date && !Number.isNaN(devices[0]!.createDate.getTime()));
    assert.ok(Math.abs(devices[0]!.createDate.getTime() - server().clock.now()) < 60_000);
    assert.ok(devices[0]!.lastAuthenticatedDate instanceof Date);
  });

  test('the next signIn presents the device in PASSWORD_VERIFIER and goes through device SRP; refresh sends the DeviceKey', async () => {
    const s = await firstSignIn();
    await rememberDevice();
    const before = await getDevice(server(), s.poolId, 'alice', s.deviceKey);
    await signOut();
    server().clock.advance(2_000);

    let mark = calls.length;
    assert.deepEqual(await signIn({ username: 'alice', password: s.password }), { isSignedIn: true, nextStep: { signInStep: 'DONE' } });
    const seen = since(mark);
    assert.deepEqual(steps(seen), [
      'InitiateAuth:USER_SRP_AUTH 200',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 200',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH 200',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER 200',
    ]);
    const [initiate, verifier, srp, proof] = seen;
    assert.equal(initiate!.request.AuthParameters.DEVICE_KEY, undefined);
    assert.equal(verifier!.request.ChallengeResponses.DEVICE_KEY, s.deviceKey);
    assert.equal(verifier!.response.ChallengeName, 'DEVICE_SRP_AUTH');
    assert.deepEqual(Object.keys(srp!.request.ChallengeResponses).sort(), ['DEVICE_KEY', 'SRP_A', 'USERNAME']);
    assert.equal(srp!.request.Session, verifier!.response.Session);
    assert.equal(srp!.response.ChallengeName, 'DEVICE_PASSWORD_VERIFIER');
    assert.equal(proof!.request.ChallengeResponses.DEVICE_KEY, s.deviceKey);
    assert.equal(proof!.request.ChallengeResponses.USERNAME, 'alice');
    assert.equal(proof!.response.AuthenticationResult.NewDeviceMetadata, undefined);
    const { tokens } = await fetchAuthSession();
    assert.equal(tokens!.accessToken.toString(), proof!.response.AuthenticationResult.AccessToken);
    const after = await getDevice(server(), s.poolId, 'alice', s.deviceKey);
    assert.ok(after.DeviceLastAuthenticatedDate!.getTime() > before.DeviceLastAuthenticatedDate!.getTime());

    // Refresh (GetTokensFromRefreshToken) with the device key the refresh token was issued for.
    server().clock.advance(2_000);
    mark = calls.length;
    const refreshed = (await fetchAuthSession({ forceRefresh: true })).tokens!;
    assert.deepEqual(steps(since(mark)), ['GetTokensFromRefreshToken 200']);
    assert.deepEqual(since(mark)[0]!.request, {
      ClientId: s.client.clientId,
      RefreshToken: proof!.response.AuthenticationResult.RefreshToken,
      DeviceKey: s.deviceKey,
    });
    assert.notEqual(refreshed.accessToken.toString(), tokens!.accessToken.toString());
    assert.equal(refreshed.idToken!.payload['cognito:username'], 'alice');
    assert.equal((await server().sdk.send(new GetUserCommand({ AccessToken: refreshed.accessToken.toString() }))).Username, 'alice');
  });

  test('forgetDevice forgets it on both sides; the next signIn confirms a new device', async () => {
    const s = await firstSignIn();
    await rememberDevice();
    let mark = calls.length;
    await forgetDevice();
    assert.deepEqual(steps(since(mark)), ['ForgetDevice 200']);
    assert.equal(since(mark)[0]!.request.DeviceKey, s.deviceKey);
    assert.deepEqual(await listDevices(server(), s.poolId, 'alice'), []);
    assert.deepEqual(await fetchDevices(), []);
    // The refresh token was bound to the forgotten device: Amplify, now without a key, cannot refresh.
    mark = calls.length;
    assert.equal((await fetchAuthSession({ forceRefresh: true })).tokens, undefined);
    assert.deepEqual(
      since(mark).map((c) => [c.target, c.status, c.request.DeviceKey, c.response.__type]),
      [['GetTokensFromRefreshToken', 400, undefined, 'NotAuthorizedException']],
    );
    await signOut();

    mark = calls.length;
    assert.equal((await signIn({ username: 'alice', password: s.password })).isSignedIn, true);
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200', 'ConfirmDevice 200']);
    assert.equal(since(mark)[1]!.request.ChallengeResponses.DEVICE_KEY, undefined);
    const fresh = since(mark)[2]!.request.DeviceKey as string;
    assert.notEqual(fresh, s.deviceKey);
    assert.deepEqual(
      (await listDevices(server(), s.poolId, 'alice')).map((d) => d.DeviceKey),
      [fresh],
    );
    // The owner's ListDevices shows remembered devices only (as Cognito does): none until the user opts in.
    assert.deepEqual(await fetchDevices(), []);
    await rememberDevice();
    assert.deepEqual(
      (await fetchDevices()).map((d) => d.id),
      [fresh],
    );
  });

  test('a device forgotten by an administrator: "Device does not exist.", Amplify drops it and repeats the verifier step', async () => {
    const s = await firstSignIn();
    await rememberDevice();
    await signOut();
    await server().sdk.send(new AdminForgetDeviceCommand({ UserPoolId: s.poolId, Username: 'alice', DeviceKey: s.deviceKey }));

    const mark = calls.length;
    assert.equal((await signIn({ username: 'alice', password: s.password })).isSignedIn, true);
    const seen = since(mark);
    assert.deepEqual(steps(seen), [
      'InitiateAuth:USER_SRP_AUTH 200',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 400',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 200',
      'ConfirmDevice 200',
    ]);
    const [initiate, refused, retried, confirm] = seen;
    assert.equal(refused!.request.ChallengeResponses.DEVICE_KEY, s.deviceKey);
    assert.deepEqual(refused!.response, { __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
    // The same SECRET_BLOCK answered again, now without a device.
    assert.equal(retried!.request.ChallengeResponses.DEVICE_KEY, undefined);
    assert.equal(retried!.request.ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK, initiate!.response.ChallengeParameters.SECRET_BLOCK);
    assert.equal(confirm!.request.DeviceKey, retried!.response.AuthenticationResult.NewDeviceMetadata.DeviceKey);
    assert.deepEqual(
      (await listDevices(server(), s.poolId, 'alice')).map((d) => d.DeviceKey),
      [confirm!.request.DeviceKey],
    );
  });
});
