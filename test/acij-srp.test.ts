import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminGetDeviceCommand,
  AdminGetUserCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  type DeviceType,
  GetUserCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { AuthenticationDetails, CognitoUser, CognitoUserPool, type CognitoUserSession, type ICognitoStorage } from 'amazon-cognito-identity-js';
import { usernameKey } from '../src/domain/pool.ts';
import { allFlows, signInSetup } from './support/auth.ts';
import { createClient, createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';
import { type Call, recordCognitoCalls } from './support/wire.ts';

/**
 * amazon-cognito-identity-js (acij), unmodified, against the server: its default USER_SRP_AUTH
 * sign-in, NEW_PASSWORD_REQUIRED, and remembered devices (ConfirmDevice, device SRP, the
 * "Device does not exist." retry, refresh with DEVICE_KEY).
 */

const { calls } = recordCognitoCalls();

// acij names a confirmed device after `navigator.userAgent` where there is a `navigator`, and
// 'nodejs' where there is none: Node 20 has none; Node 22 and 24 have a global `navigator` whose
// userAgent is `Node.js/<major>` (https://nodejs.org/api/globals.html#navigatoruseragent).
const acijDeviceName = typeof navigator === 'undefined' ? 'nodejs' : navigator.userAgent;

const since = (mark: number) => calls.slice(mark);
/** Each call as `Target` or `RespondToAuthChallenge:<ChallengeName> → <status>`. */
const steps = (list: Call[]) =>
  list.map((c) => `${c.target}${c.request.ChallengeName ? `:${c.request.ChallengeName}` : c.request.AuthFlow ? `:${c.request.AuthFlow}` : ''} ${c.status}`);

/** The browser's localStorage, in memory: acij keeps tokens and device secrets here. */
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

function userPool(server: TestServer, poolId: string, clientId: string, storage: ICognitoStorage) {
  return new CognitoUserPool({ UserPoolId: poolId, ClientId: clientId, endpoint: server.url, Storage: storage });
}

type AuthOutcome =
  | { kind: 'success'; session: CognitoUserSession; userConfirmationNecessary: boolean | undefined }
  | { kind: 'newPasswordRequired'; userAttributes: any; requiredAttributes: any }
  | { kind: 'challenge'; name: string };

/** acij's callback object as a promise: onFailure rejects, every other callback resolves. */
function callbacks(resolve: (o: AuthOutcome) => void, reject: (e: Error) => void) {
  return {
    onSuccess: (session: CognitoUserSession, userConfirmationNecessary?: boolean) => resolve({ kind: 'success', session, userConfirmationNecessary }),
    onFailure: (error: Error) => reject(error),
    newPasswordRequired: (userAttributes: any, requiredAttributes: any) => resolve({ kind: 'newPasswordRequired', userAttributes, requiredAttributes }),
    mfaRequired: (name: any) => resolve({ kind: 'challenge', name }),
    totpRequired: (name: any) => resolve({ kind: 'challenge', name }),
    selectMFAType: (name: any) => resolve({ kind: 'challenge', name }),
    mfaSetup: (name: any) => resolve({ kind: 'challenge', name }),
    customChallenge: () => resolve({ kind: 'challenge', name: 'CUSTOM_CHALLENGE' }),
  };
}

function authenticate(user: CognitoUser, username: string, password: string): Promise<AuthOutcome> {
  return new Promise((resolve, reject) =>
    user.authenticateUser(new AuthenticationDetails({ Username: username, Password: password }), callbacks(resolve, reject)),
  );
}

async function signedIn(user: CognitoUser, username: string, password: string) {
  const outcome = await authenticate(user, username, password);
  assert.equal(outcome.kind, 'success', `expected onSuccess, got ${outcome.kind}`);
  return outcome as Extract<AuthOutcome, { kind: 'success' }>;
}

/** A node-style acij call (`refreshSession`, `getSession`) as a promise. */
function nodeCall<T>(run: (cb: (err: any, value: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => run((err, value) => (err ? reject(err) : resolve(value))));
}

/** An acij `{onSuccess, onFailure}` call as a promise. */
function successCall(run: (cb: { onSuccess: (v: any) => void; onFailure: (e: Error) => void }) => void): Promise<any> {
  return new Promise((resolve, reject) => run({ onSuccess: resolve, onFailure: reject }));
}

const attributesOf = (d: DeviceType) => Object.fromEntries(d.DeviceAttributes!.map((a) => [a.Name!, a.Value!]));

const listDevices = async (server: TestServer, poolId: string, username: string) =>
  (await server.sdk.send(new AdminListDevicesCommand({ UserPoolId: poolId, Username: username }))).Devices!;

const getDevice = async (server: TestServer, poolId: string, username: string, deviceKey: string) =>
  (await server.sdk.send(new AdminGetDeviceCommand({ UserPoolId: poolId, Username: username, DeviceKey: deviceKey }))).Device!;

const deviceStorageKeys = (clientId: string, username: string) => {
  const prefix = `CognitoIdentityServiceProvider.${clientId}.${username}`;
  return { deviceKey: `${prefix}.deviceKey`, randomPassword: `${prefix}.randomPasswordKey`, groupKey: `${prefix}.deviceGroupKey` };
};

describeEachBackend('amazon-cognito-identity-js: USER_SRP_AUTH', ({ server }) => {
  test('authenticateUser with the right password: onSuccess with a valid session for the user', async () => {
    const s = await signInSetup(server());
    const storage = memoryStorage();
    const user = new CognitoUser({ Username: 'alice', Pool: userPool(server(), s.poolId, s.client.clientId, storage), Storage: storage });
    const mark = calls.length;
    const { session } = await signedIn(user, 'alice', s.password);

    assert.deepEqual(steps(since(mark)), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200']);
    const [initiate, verifier] = since(mark);
    assert.deepEqual(Object.keys(initiate!.request.AuthParameters).sort(), ['SRP_A', 'USERNAME']);
    assert.equal(initiate!.response.ChallengeName, 'PASSWORD_VERIFIER');
    assert.equal(initiate!.response.Session, undefined);
    // acij echoes the Session it got (none) and answers as USER_ID_FOR_SRP.
    assert.equal(verifier!.request.Session, undefined);
    assert.equal(verifier!.request.ChallengeResponses.USERNAME, 'alice');
    assert.equal(verifier!.request.ChallengeResponses.PASSWORD_CLAIM_SECRET_BLOCK, initiate!.response.ChallengeParameters.SECRET_BLOCK);

    assert.equal(session.isValid(), true);
    assert.equal(session.getIdToken().payload['cognito:username'], 'alice');
    assert.equal(session.getIdToken().payload.email, 'alice@example.com');
    assert.equal(session.getAccessToken().payload.username, 'alice');
    assert.equal(session.getAccessToken().payload.client_id, s.client.clientId);
    assert.equal(session.getIdToken().getJwtToken(), verifier!.response.AuthenticationResult.IdToken);
    assert.equal(session.getRefreshToken().getToken(), verifier!.response.AuthenticationResult.RefreshToken);
    // The access token works, and acij cached the session under the user it signed in.
    const me = await server().sdk.send(new GetUserCommand({ AccessToken: session.getAccessToken().getJwtToken() }));
    assert.equal(me.Username, 'alice');
    assert.equal(storage.getItem(`CognitoIdentityServiceProvider.${s.client.clientId}.LastAuthUser`), 'alice');
    assert.equal(storage.getItem(`CognitoIdentityServiceProvider.${s.client.clientId}.alice.accessToken`), session.getAccessToken().getJwtToken());
  });

  test('a wrong password and an unknown user reach onFailure as Cognito errors', async () => {
    const s = await signInSetup(server());
    const storage = memoryStorage();
    const pool = userPool(server(), s.poolId, s.client.clientId, storage);
    const mark = calls.length;
    await rejectsWith(
      authenticate(new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage }), 'alice', 'Wrong-passw0rd!'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 400']);
    await rejectsWith(
      authenticate(new CognitoUser({ Username: 'nobody', Pool: pool, Storage: storage }), 'nobody', 'Wrong-passw0rd!'),
      'UserNotFoundException',
      'User does not exist.',
    );
    assert.equal(storage.items.size, 0);
    // Nothing was spoiled: the right password still signs in.
    await signedIn(new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage }), 'alice', s.password);
  });

  test('an alias signs in: acij takes USER_ID_FOR_SRP as the username (the sub in email-username pools)', async () => {
    const s = await signInSetup(server(), { pool: { AliasAttributes: ['email'] } });
    const storage = memoryStorage();
    const user = new CognitoUser({ Username: 'alice@example.com', Pool: userPool(server(), s.poolId, s.client.clientId, storage), Storage: storage });
    const { session } = await signedIn(user, 'alice@example.com', s.password);
    assert.equal(user.getUsername(), 'alice');
    assert.equal(session.getIdToken().payload['cognito:username'], 'alice');

    const e = await signInSetup(server(), { pool: { UsernameAttributes: ['email'] }, username: 'erin@example.com', attributes: { email_verified: 'true' } });
    const storage2 = memoryStorage();
    const erin = new CognitoUser({ Username: 'erin@example.com', Pool: userPool(server(), e.poolId, e.client.clientId, storage2), Storage: storage2 });
    const { session: session2 } = await signedIn(erin, 'erin@example.com', e.password);
    const sub = session2.getIdToken().payload.sub as string;
    assert.match(sub, /^[0-9a-f-]{36}$/);
    assert.equal(erin.getUsername(), sub);
    assert.equal(session2.getIdToken().payload['cognito:username'], sub);
    assert.equal(session2.getIdToken().payload.email, 'erin@example.com');
  });

  test('newPasswordRequired after a temporary password; completeNewPasswordChallenge signs in', async () => {
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
    const storage = memoryStorage();
    const pool = userPool(server(), poolId, client.clientId, storage);
    const user = new CognitoUser({ Username: 'carol', Pool: pool, Storage: storage });
    const first = await authenticate(user, 'carol', 'Temp-Passw0rd!');
    assert.equal(first.kind, 'newPasswordRequired');
    const { userAttributes, requiredAttributes } = first as Extract<AuthOutcome, { kind: 'newPasswordRequired' }>;
    assert.deepEqual(requiredAttributes, ['name']);
    assert.equal(userAttributes.email, 'carol@example.com');
    assert.equal(userAttributes.sub, undefined);

    const mark = calls.length;
    const done = await new Promise<AuthOutcome>((resolve, reject) =>
      user.completeNewPasswordChallenge('Brand-new-passw0rd!', { name: 'Carol' }, callbacks(resolve, reject)),
    );
    assert.equal(done.kind, 'success');
    const [answer] = since(mark);
    assert.equal(answer!.status, 200);
    assert.deepEqual(answer!.request.ChallengeResponses, { 'userAttributes.name': 'Carol', NEW_PASSWORD: 'Brand-new-passw0rd!', USERNAME: 'carol' });
    const session = (done as Extract<AuthOutcome, { kind: 'success' }>).session;
    assert.equal(session.getIdToken().payload['cognito:username'], 'carol');
    assert.equal(session.getIdToken().payload.name, 'Carol');
    assert.equal((await server().sdk.send(new AdminGetUserCommand({ UserPoolId: poolId, Username: 'carol' }))).UserStatus, 'CONFIRMED');

    // The new password is the one SRP now proves.
    await rejectsWith(
      authenticate(new CognitoUser({ Username: 'carol', Pool: pool, Storage: storage }), 'carol', 'Temp-Passw0rd!'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
    await signedIn(new CognitoUser({ Username: 'carol', Pool: pool, Storage: storage }), 'carol', 'Brand-new-passw0rd!');
  });

  test('a fixed SRP vector: pool us-east-1_ExAmPlE12, user alice, stored salt and verifier, password Passw0rd!', async () => {
    const s = server();
    const now = s.clock.now();
    const pool = { id: 'us-east-1_ExAmPlE12', name: 'vector', createdAt: now, updatedAt: now, config: {} };
    await s.services.stores.pools.create(pool);
    const client = await createClient(s, pool.id, { config: { ExplicitAuthFlows: allFlows } });
    await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: pool.id, Username: 'alice', MessageAction: 'SUPPRESS' }));
    await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: pool.id, Username: 'alice', Password: 'Passw0rd!', Permanent: true }));
    // Replace what the server derived with the vector's salt and v = g^x mod N.
    const stored = (await s.services.stores.users.get(pool.id, 'alice'))!;
    const v =
      '009152a69f0765fda519a54e02543f681d5aba903ac38eb16148815e297a1af0d97ae755e2d0914f779bb18ba0040012' +
      '0fe58f0c13168f48a1716cd6ce8b068cdf66b2934b499b5eb86b1331e3cbd6c87799972c7ee932ad6a384df280b45ea9' +
      'f4543b20e860fea1b8cfec6c4d2d4b00425ad5c4161581b2711479926e35c34e6cbdc9134557a62b98cfad3fe4e5fda4' +
      '2843b244e4825ff53b57e4707ceccbc21896eb826d0af8697c5e993e5097af1098c1bf0f25065676410a87efd9f5952f' +
      'b6f8b41856c0c4cf87280642d7c8fde0f63b7896e560c19dd39f6fcd6fd6ddbf912f0155548b5dcf2aa75a24355d5783' +
      '7a14693184bcd94f39302d9522b4978a3ff1d23a01ffc3af7a41874572255cc551959235591acf7887fa1d2dfd4d3b0e' +
      '8155b277b3f7fc2f04919ff4279cafb71cd497a412217fa24e20758e4da3a64770a7f2288b7e5ab1e3d19239106fca63' +
      '6bfbdfe051953c0dc113e8c39eda6a0b3e518042175eba2f2bca77f68335e32afbf023faa9299b588b45926630fb4c04' +
      '73';
    const salt = 'c0ffee00112233445566778899aabbcc';
    assert.notEqual(stored.password!.salt, salt);
    await s.services.stores.users.update({ ...stored, password: { salt, verifier: v } }, usernameKey(pool, 'alice'));

    const storage = memoryStorage();
    const user = new CognitoUser({ Username: 'alice', Pool: userPool(s, pool.id, client.clientId, storage), Storage: storage });
    const mark = calls.length;
    // acij derives x from poolName ExAmPlE12, USER_ID_FOR_SRP alice and the SALT it is sent: the
    // proof only checks out against the vector's v if that x is the vector's x.
    const { session } = await signedIn(user, 'alice', 'Passw0rd!');
    const [initiate] = since(mark);
    assert.equal(initiate!.response.ChallengeParameters.SALT, salt);
    assert.equal(initiate!.response.ChallengeParameters.USER_ID_FOR_SRP, 'alice');
    assert.equal(session.getIdToken().payload['cognito:username'], 'alice');
    assert.equal(session.getIdToken().payload.iss, `${s.url}/us-east-1_ExAmPlE12`);
    await rejectsWith(
      authenticate(new CognitoUser({ Username: 'alice', Pool: userPool(s, pool.id, client.clientId, storage), Storage: storage }), 'alice', 'Passw0rd?'),
      'NotAuthorizedException',
      'Incorrect username or password.',
    );
  });
});

describeEachBackend('amazon-cognito-identity-js: remembered devices', ({ server }) => {
  /**
   * A pool where devices are remembered on the user's say-so and a remembered device stands in
   * for MFA; acij signs in once (and confirms the device itself), then remembers the device.
   */
  async function rememberedDevice() {
    const s = await signInSetup(server(), {
      pool: { DeviceConfiguration: { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true } },
    });
    const storage = memoryStorage();
    const pool = userPool(server(), s.poolId, s.client.clientId, storage);
    const user = new CognitoUser({ Username: 'alice', Pool: pool, Storage: storage });
    const mark = calls.length;
    const first = await signedIn(user, 'alice', s.password);
    const keys = deviceStorageKeys(s.client.clientId, 'alice');
    const deviceKey = storage.getItem(keys.deviceKey)!;
    await successCall((cb) => user.setDeviceStatusRemembered(cb));
    const firstCalls = since(mark);
    return { ...s, storage, pool, user, first, firstCalls, keys, deviceKey };
  }

  test('the first sign-in gets NewDeviceMetadata, acij confirms the device; setDeviceStatusRemembered remembers it', async () => {
    const d = await rememberedDevice();
    assert.deepEqual(steps(d.firstCalls), [
      'InitiateAuth:USER_SRP_AUTH 200',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 200',
      'ConfirmDevice 200',
      'UpdateDeviceStatus 200',
    ]);
    const [, verifier, confirm, update] = d.firstCalls;
    const meta = verifier!.response.AuthenticationResult.NewDeviceMetadata;
    assert.match(meta.DeviceKey, new RegExp(`^${d.poolId.split('_')[0]}_[0-9a-f-]{36}$`));
    assert.equal(d.deviceKey, meta.DeviceKey);
    assert.equal(d.storage.getItem(d.keys.groupKey), meta.DeviceGroupKey);
    assert.match(d.storage.getItem(d.keys.randomPassword)!, /^[A-Za-z0-9+/]{54}==$/);

    // What acij sent to confirm the device, and that it was told the user must opt in.
    assert.equal(confirm!.request.DeviceKey, meta.DeviceKey);
    assert.equal(confirm!.request.DeviceName, acijDeviceName);
    assert.equal(confirm!.request.AccessToken, verifier!.response.AuthenticationResult.AccessToken);
    assert.deepEqual(Object.keys(confirm!.request.DeviceSecretVerifierConfig).sort(), ['PasswordVerifier', 'Salt']);
    assert.deepEqual(confirm!.response, { UserConfirmationNecessary: true });
    assert.equal(d.first.userConfirmationNecessary, true);
    assert.deepEqual(update!.request, { AccessToken: confirm!.request.AccessToken, DeviceKey: meta.DeviceKey, DeviceRememberedStatus: 'remembered' });

    const devices = await listDevices(server(), d.poolId, 'alice');
    assert.deepEqual(
      devices.map((x) => x.DeviceKey),
      [meta.DeviceKey],
    );
    assert.equal(attributesOf(devices[0]!).device_name, acijDeviceName);
    assert.equal(attributesOf(devices[0]!)['dev:device_remembered_status'], 'remembered');
  });

  test('a second sign-in with a fresh CognitoUser and the same storage goes through device SRP', async () => {
    const d = await rememberedDevice();
    const before = await getDevice(server(), d.poolId, 'alice', d.deviceKey);
    // Later, so the last-authenticated time (whole seconds) visibly moves.
    server().clock.advance(2_000);

    const user = new CognitoUser({ Username: 'alice', Pool: d.pool, Storage: d.storage });
    const mark = calls.length;
    const { session } = await signedIn(user, 'alice', d.password);
    const seen = since(mark);
    assert.deepEqual(steps(seen), [
      'InitiateAuth:USER_SRP_AUTH 200',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 200',
      'RespondToAuthChallenge:DEVICE_SRP_AUTH 200',
      'RespondToAuthChallenge:DEVICE_PASSWORD_VERIFIER 200',
    ]);
    const [initiate, verifier, srp, proof] = seen;
    // acij loads the cached key only once USER_ID_FOR_SRP is known, so InitiateAuth has none.
    assert.equal(initiate!.request.AuthParameters.DEVICE_KEY, undefined);
    assert.equal(verifier!.request.ChallengeResponses.DEVICE_KEY, d.deviceKey);
    assert.equal(verifier!.response.ChallengeName, 'DEVICE_SRP_AUTH');
    assert.equal(typeof verifier!.response.Session, 'string');
    assert.deepEqual(Object.keys(srp!.request.ChallengeResponses).sort(), ['DEVICE_KEY', 'SRP_A', 'USERNAME']);
    assert.equal(srp!.request.ChallengeResponses.DEVICE_KEY, d.deviceKey);
    assert.equal(srp!.request.Session, verifier!.response.Session);
    assert.equal(srp!.response.ChallengeName, 'DEVICE_PASSWORD_VERIFIER');
    assert.equal(srp!.response.ChallengeParameters.DEVICE_KEY, d.deviceKey);
    assert.equal(proof!.request.ChallengeResponses.DEVICE_KEY, d.deviceKey);
    assert.equal(proof!.request.Session, srp!.response.Session);
    // A known device: tokens without NewDeviceMetadata, so no ConfirmDevice.
    assert.equal(proof!.response.AuthenticationResult.NewDeviceMetadata, undefined);
    assert.equal(session.getIdToken().payload['cognito:username'], 'alice');
    assert.equal(session.getAccessToken().getJwtToken(), proof!.response.AuthenticationResult.AccessToken);

    const after = await getDevice(server(), d.poolId, 'alice', d.deviceKey);
    assert.ok(after.DeviceLastAuthenticatedDate!.getTime() > before.DeviceLastAuthenticatedDate!.getTime());
    assert.deepEqual(
      (await listDevices(server(), d.poolId, 'alice')).map((x) => x.DeviceKey),
      [d.deviceKey],
    );
  });

  test('refreshSession sends the DEVICE_KEY; getSession serves the cache, then refreshes when it has expired', async () => {
    const d = await rememberedDevice();
    const user = new CognitoUser({ Username: 'alice', Pool: d.pool, Storage: d.storage });
    const { session } = await signedIn(user, 'alice', d.password);
    server().clock.advance(2_000);

    let mark = calls.length;
    const refreshed = await nodeCall<CognitoUserSession>((cb) => user.refreshSession(session.getRefreshToken(), cb));
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:REFRESH_TOKEN_AUTH 200']);
    assert.deepEqual(since(mark)[0]!.request.AuthParameters, { REFRESH_TOKEN: session.getRefreshToken().getToken(), DEVICE_KEY: d.deviceKey });
    assert.notEqual(refreshed.getAccessToken().getJwtToken(), session.getAccessToken().getJwtToken());
    // No RefreshToken in the answer: acij keeps the one it had.
    assert.equal(refreshed.getRefreshToken().getToken(), session.getRefreshToken().getToken());
    assert.equal(refreshed.getIdToken().payload['cognito:username'], 'alice');
    assert.equal(refreshed.getAccessToken().payload.auth_time, session.getAccessToken().payload.auth_time);
    assert.equal((await server().sdk.send(new GetUserCommand({ AccessToken: refreshed.getAccessToken().getJwtToken() }))).Username, 'alice');

    // getSession on a fresh CognitoUser reads the stored session without a call…
    mark = calls.length;
    const cached = await nodeCall<CognitoUserSession>((cb) => new CognitoUser({ Username: 'alice', Pool: d.pool, Storage: d.storage }).getSession(cb));
    assert.deepEqual(since(mark), []);
    assert.equal(cached.getAccessToken().getJwtToken(), refreshed.getAccessToken().getJwtToken());
    assert.equal(d.pool.getCurrentUser()!.getUsername(), 'alice');

    // …and once the stored tokens look expired to acij (a clock drift of two hours), it refreshes.
    d.storage.setItem(`CognitoIdentityServiceProvider.${d.client.clientId}.alice.clockDrift`, String(-2 * 3600));
    mark = calls.length;
    const renewed = await nodeCall<CognitoUserSession>((cb) => new CognitoUser({ Username: 'alice', Pool: d.pool, Storage: d.storage }).getSession(cb));
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:REFRESH_TOKEN_AUTH 200']);
    assert.equal(since(mark)[0]!.request.AuthParameters.DEVICE_KEY, d.deviceKey);
    assert.equal(renewed.isValid(), true);
    assert.notEqual(renewed.getAccessToken().getJwtToken(), refreshed.getAccessToken().getJwtToken());
  });

  test('forgetDevice forgets it on both sides; the next sign-in gets and confirms a new device', async () => {
    const d = await rememberedDevice();
    let mark = calls.length;
    await successCall((cb) => d.user.forgetDevice(cb));
    assert.deepEqual(steps(since(mark)), ['ForgetDevice 200']);
    assert.equal(since(mark)[0]!.request.DeviceKey, d.deviceKey);
    assert.equal(d.storage.getItem(d.keys.deviceKey), null);
    assert.deepEqual(await listDevices(server(), d.poolId, 'alice'), []);
    await rejectsWith(getDevice(server(), d.poolId, 'alice', d.deviceKey), 'ResourceNotFoundException', 'Device does not exist.');

    mark = calls.length;
    const user = new CognitoUser({ Username: 'alice', Pool: d.pool, Storage: d.storage });
    const again = await signedIn(user, 'alice', d.password);
    assert.deepEqual(steps(since(mark)), ['InitiateAuth:USER_SRP_AUTH 200', 'RespondToAuthChallenge:PASSWORD_VERIFIER 200', 'ConfirmDevice 200']);
    assert.equal(since(mark)[1]!.request.ChallengeResponses.DEVICE_KEY, undefined);
    assert.equal(again.userConfirmationNecessary, true);
    const fresh = d.storage.getItem(d.keys.deviceKey)!;
    assert.notEqual(fresh, d.deviceKey);
    assert.deepEqual(
      (await listDevices(server(), d.poolId, 'alice')).map((x) => x.DeviceKey),
      [fresh],
    );
  });

  test('a device forgotten elsewhere: "Device does not exist.", acij drops its key, retries, and signs in', async () => {
    const d = await rememberedDevice();
    // The user forgets this browser's device from another one (forgetSpecificDevice with its key).
    const otherStorage = memoryStorage();
    const other = new CognitoUser({ Username: 'alice', Pool: userPool(server(), d.poolId, d.client.clientId, otherStorage), Storage: otherStorage });
    await signedIn(other, 'alice', d.password);
    await successCall((cb) => other.forgetSpecificDevice(d.deviceKey, cb));
    assert.ok(!(await listDevices(server(), d.poolId, 'alice')).some((x) => x.DeviceKey === d.deviceKey));

    const user = new CognitoUser({ Username: 'alice', Pool: d.pool, Storage: d.storage });
    const mark = calls.length;
    const { session } = await signedIn(user, 'alice', d.password);
    const seen = since(mark);
    assert.deepEqual(steps(seen), [
      'InitiateAuth:USER_SRP_AUTH 200',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 400',
      'RespondToAuthChallenge:PASSWORD_VERIFIER 200',
      'ConfirmDevice 200',
    ]);
    const [, refused, retried] = seen;
    assert.equal(refused!.request.ChallengeResponses.DEVICE_KEY, d.deviceKey);
    assert.deepEqual(refused!.response, { __type: 'ResourceNotFoundException', message: 'Device does not exist.' });
    // The very same proof again, with the key set to null (the server drops nulls).
    assert.equal(retried!.request.ChallengeResponses.DEVICE_KEY, null);
    for (const member of ['PASSWORD_CLAIM_SECRET_BLOCK', 'PASSWORD_CLAIM_SIGNATURE', 'TIMESTAMP']) {
      assert.equal(retried!.request.ChallengeResponses[member], refused!.request.ChallengeResponses[member]);
    }
    assert.ok(retried!.response.AuthenticationResult.NewDeviceMetadata);
    assert.equal(session.getIdToken().payload['cognito:username'], 'alice');
    const fresh = d.storage.getItem(d.keys.deviceKey)!;
    assert.equal(fresh, retried!.response.AuthenticationResult.NewDeviceMetadata.DeviceKey);
    assert.ok((await listDevices(server(), d.poolId, 'alice')).some((x) => x.DeviceKey === fresh));
  });
});
