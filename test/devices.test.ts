import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  AdminCreateUserCommand,
  AdminDeleteUserCommand,
  AdminForgetDeviceCommand,
  AdminGetDeviceCommand,
  AdminListDevicesCommand,
  AdminSetUserPasswordCommand,
  AdminUpdateDeviceStatusCommand,
  ConfirmDeviceCommand,
  type DeviceType,
  ForgetDeviceCommand,
  GetDeviceCommand,
  ListDevicesCommand,
  UpdateDeviceStatusCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { claimSignature, g, hexToBigInt, modPowN, N, k, serverKey } from '../src/crypto/srp.ts';
import { deviceType, deviceVerifier, findDevice, markAuthenticated, newDeviceMetadata } from '../src/devices/devices.ts';
import type { User, UserPool } from '../src/domain/types.ts';
import { passwordAuth, signInSetup, type SignInSetup } from './support/auth.ts';
import { deviceClaimSignature, deviceSecret } from './support/device-srp.ts';
import { rawCall, rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

const NOT_FOUND = 'Device does not exist.';
const USER_AGENT = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36';

test('the device verifier helper reproduces a fixed device vector', () => {
  const secret = deviceSecret('-abcdEFGH1', 'us-east-1_0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0', {
    randomPassword: Buffer.alloc(40, 'r').toString('base64'),
    salt: Buffer.from('9a8b7c6d5e4f30211203f4e5d6c7b8a9', 'hex'),
  });
  assert.equal(secret.randomPassword, 'cnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycnJycg==');
  assert.equal(secret.config.Salt, 'AJqLfG1eTzAhEgP05dbHuKk=');
  assert.equal(
    secret.config.PasswordVerifier,
    'NZ6i7YtFMTyBUdrK7O7pKe1HXE8WZ+aEHGjHs0QDNis0z5x2H5ntsushxonK2kXeU1ZkCgthi2GJ' +
      '4Fkvo3VZ7LBzkParACA4gROohLStnAd3HuhEljuu1FhrZcdoH5ptLbUXojZixvnlNSB6uxT8sKSY' +
      'Ah1mmZNnHkyMv0qRdHGsytJwbtHZ+h6ze7MiyrWOxTjTEY5CbB9xzIPkdkhoNephxJWUObtz8xKY' +
      'ENSFs7hus2luoBJ+h7AEBUOVRcw89KeUjSqA1vFVv7I3J4dusGxBBlp0KxtaAwjGb+eHRHX5rzLS' +
      'FdrD/xl734upOsMkMD0o1yZzXatxvIns9hkfM7rbb6fSDlXGb00DmQu7yqF/IzTWlknCeaPTezv5' +
      'jVTJeMDZBihPjgPUVQFvDNVKhA9so6in7d2uMCS/Bh5HdCeiSuFvRcoFQWAsyGubNgDoulYS/kUL' +
      'nVf3vTCleyuSQZ9Ofd2aJlIYnCPbHIo4gQupHl9gNfp0Yi7zi2vZ8Tdw',
  );
  // The rest of the vector: the proof a client sends with that device.
  const b = hexToBigInt('d4'.repeat(128));
  const B = (k * hexToBigInt(secret.verifierHex) + modPowN(g, b)) % N;
  const signature = deviceClaimSignature(
    secret,
    hexToBigInt('c3'.repeat(128)),
    { SALT: '009a8b7c6d5e4f30211203f4e5d6c7b8a9', SRP_B: B.toString(16), SECRET_BLOCK: 'ZGV2aWNlLXNlY3JldC1ibG9jaw==' },
    'Wed Dec 31 23:59:59 UTC 2025',
  );
  assert.equal(signature, 'vA+i0V2CSn4yfbxh+I3bnJVb2CsEIKXYW+kXINCLV0I=');
});

interface DeviceSetup extends SignInSetup {
  pool: UserPool;
  user: User;
  accessToken: string;
}

type DeviceConfiguration = { ChallengeRequiredOnNewDevice?: boolean; DeviceOnlyRememberedOnUserPrompt?: boolean };

async function tokenFor(s: TestServer, setup: SignInSetup, username: string): Promise<string> {
  const result = await passwordAuth(s, setup, username, setup.password);
  return result.AuthenticationResult!.AccessToken!;
}

/** A pool with device tracking as given, and a signed-in user. */
async function deviceSetup(
  s: TestServer,
  config: DeviceConfiguration = { ChallengeRequiredOnNewDevice: false, DeviceOnlyRememberedOnUserPrompt: false },
): Promise<DeviceSetup> {
  const setup = await signInSetup(s, { pool: { DeviceConfiguration: config } });
  const pool = (await s.services.stores.pools.get(setup.poolId))!;
  const user = (await s.services.stores.users.get(setup.poolId, setup.username))!;
  return { ...setup, pool, user, accessToken: await tokenFor(s, setup, setup.username) };
}

/** A second user of the same pool, signed in. */
async function otherUser(s: TestServer, setup: DeviceSetup, username = 'bob'): Promise<DeviceSetup> {
  await s.sdk.send(new AdminCreateUserCommand({ UserPoolId: setup.poolId, Username: username, MessageAction: 'SUPPRESS' }));
  await s.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: setup.poolId, Username: username, Password: setup.password, Permanent: true }));
  const user = (await s.services.stores.users.get(setup.poolId, username))!;
  return { ...setup, username, user, accessToken: await tokenFor(s, setup, username) };
}

/** What a sign-in hands out as NewDeviceMetadata, confirmed over the SDK the way the clients do. */
async function confirmedDevice(s: TestServer, setup: DeviceSetup, name: string | null = USER_AGENT) {
  const meta = await newDeviceMetadata(s.services, setup.pool, setup.user);
  const secret = deviceSecret(meta.DeviceGroupKey, meta.DeviceKey);
  const answer = await s.sdk.send(
    new ConfirmDeviceCommand({
      AccessToken: setup.accessToken,
      DeviceKey: meta.DeviceKey,
      DeviceSecretVerifierConfig: secret.config,
      DeviceName: name ?? undefined,
    }),
  );
  return { key: meta.DeviceKey, groupKey: meta.DeviceGroupKey, secret, answer };
}

const attributesOf = (d: DeviceType) => Object.fromEntries(d.DeviceAttributes!.map((a) => [a.Name!, a.Value!]));

async function listKeys(send: (token: string | undefined) => Promise<{ Devices?: DeviceType[]; PaginationToken?: string }>) {
  const keys: string[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    const page = await send(token);
    keys.push(...page.Devices!.map((d) => d.DeviceKey!));
    token = page.PaginationToken;
    pages++;
  } while (token !== undefined);
  return { keys, pages };
}

describeEachBackend('devices', ({ server }) => {
  test('newDeviceMetadata: <region>_<uuid> keys, one stable group key per user, invisible until confirmed', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const b = await otherUser(s, a);
    const first = await newDeviceMetadata(s.services, a.pool, a.user);
    const second = await newDeviceMetadata(s.services, a.pool, a.user);
    const region = a.poolId.split('_')[0]!;
    for (const meta of [first, second]) {
      assert.match(meta.DeviceKey, new RegExp(`^${region}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`));
      assert.ok(meta.DeviceKey.length <= 55);
      assert.match(meta.DeviceGroupKey, /^-[A-Za-z0-9]{9}$/);
    }
    assert.notEqual(first.DeviceKey, second.DeviceKey);
    assert.equal(first.DeviceGroupKey, second.DeviceGroupKey);
    const other = await newDeviceMetadata(s.services, b.pool, b.user);
    assert.notEqual(other.DeviceGroupKey, first.DeviceGroupKey);

    // Not confirmed: no operation and no sign-in may use it.
    assert.equal(await findDevice(s.services, a.pool, a.username, first.DeviceKey), undefined);
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: first.DeviceKey })), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(
      s.sdk.send(new AdminGetDeviceCommand({ UserPoolId: a.poolId, Username: a.username, DeviceKey: first.DeviceKey })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    await rejectsWith(
      s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: a.accessToken, DeviceKey: first.DeviceKey, DeviceRememberedStatus: 'remembered' })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    const { Devices } = await s.sdk.send(new AdminListDevicesCommand({ UserPoolId: a.poolId, Username: a.username }));
    assert.deepEqual(Devices, []);
  });

  test("the NewDeviceMetadata of a sign-in is confirmed with that sign-in's access token", async () => {
    const s = server();
    const a = await deviceSetup(s);
    const { AuthenticationResult } = await passwordAuth(s, a, a.username, a.password);
    const meta = AuthenticationResult!.NewDeviceMetadata!;
    const secret = deviceSecret(meta.DeviceGroupKey!, meta.DeviceKey!);
    const answer = await s.sdk.send(
      new ConfirmDeviceCommand({
        AccessToken: AuthenticationResult!.AccessToken,
        DeviceKey: meta.DeviceKey,
        DeviceSecretVerifierConfig: secret.config,
        DeviceName: 'nodejs',
      }),
    );
    assert.equal(answer.UserConfirmationNecessary, false);
    const { Device } = await s.sdk.send(new GetDeviceCommand({ AccessToken: AuthenticationResult!.AccessToken, DeviceKey: meta.DeviceKey }));
    assert.equal(attributesOf(Device!).device_name, 'nodejs');
    // A device handed out by a sign-in over HTTP: the owner's GetDevice and ListDevices answer every
    // attribute AdminGetDevice does, last_ip_used included, as the AWS CLI reference's get-device example.
    assert.deepEqual(
      Device!.DeviceAttributes!.map((d) => d.Name),
      ['device_status', 'device_name', 'dev:device_arn', 'dev:device_owner', 'last_ip_used', 'dev:device_remembered_status', 'dev:device_sdk'],
    );
    assert.match(attributesOf(Device!).last_ip_used!, /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    const admin = (await s.sdk.send(new AdminGetDeviceCommand({ UserPoolId: a.poolId, Username: a.username, DeviceKey: meta.DeviceKey }))).Device!;
    assert.deepEqual(Device!.DeviceAttributes, admin.DeviceAttributes);
    const listed = (await s.sdk.send(new ListDevicesCommand({ AccessToken: AuthenticationResult!.AccessToken }))).Devices!;
    assert.deepEqual(listed.find((d) => d.DeviceKey === meta.DeviceKey)!.DeviceAttributes, admin.DeviceAttributes);
  });

  test('ConfirmDevice on an "always remember" pool: remembered at once, readable by owner and admin', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const before = s.clock.now();
    const { key, secret, answer } = await confirmedDevice(s, a);
    assert.equal(answer.UserConfirmationNecessary, false);

    const { Device } = await s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }));
    assert.equal(Device!.DeviceKey, key);
    // The owner sees the `dev:` attributes too, in the order of the AWS CLI reference's get-device example.
    assert.deepEqual(
      Device!.DeviceAttributes!.map((a) => a.Name),
      ['device_status', 'device_name', 'dev:device_arn', 'dev:device_owner', 'last_ip_used', 'dev:device_remembered_status', 'dev:device_sdk'].filter(
        (name) => name !== 'last_ip_used' || attributesOf(Device!).last_ip_used !== undefined,
      ),
    );
    assert.equal(attributesOf(Device!)['dev:device_sdk'], 'aws-sdk');
    assert.ok(Device!.DeviceCreateDate instanceof Date);
    assert.ok(Math.abs(Device!.DeviceCreateDate.getTime() - before) < 60_000);
    assert.ok(Device!.DeviceLastModifiedDate!.getTime() >= Device!.DeviceCreateDate.getTime());
    assert.equal(Device!.DeviceLastAuthenticatedDate!.getTime() % 1000, 0);

    const admin = (await s.sdk.send(new AdminGetDeviceCommand({ UserPoolId: a.poolId, Username: a.username, DeviceKey: key }))).Device!;
    const attrs = attributesOf(admin);
    assert.equal(attrs['dev:device_remembered_status'], 'remembered');
    assert.equal(attrs.device_status, 'valid');
    assert.equal(attrs.device_name, USER_AGENT);
    assert.equal(attrs['dev:device_owner'], `${a.username}.${a.poolId}`);
    assert.match(attrs['dev:device_arn']!, new RegExp(`^arn:aws:cognito-idp:[a-z0-9-]+:\\d{12}:owner/${a.username}\\.${a.poolId}/device/${key}$`));
    // The token-authorised GetDevice and ListDevices answer what AdminGetDevice answers.
    assert.deepEqual(Device!.DeviceAttributes, admin.DeviceAttributes);
    const listed = (await s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken }))).Devices!;
    assert.deepEqual(listed.find((d) => d.DeviceKey === key)!.DeviceAttributes, admin.DeviceAttributes);

    // What the engine reads back is what the client built: SALT keeps the leading-zero byte form.
    const device = (await findDevice(s.services, a.pool, a.username, key))!;
    const stored = deviceVerifier(device)!;
    assert.equal(stored.salt, Buffer.from(secret.config.Salt, 'base64').toString('hex'));
    assert.equal(hexToBigInt(stored.salt), hexToBigInt(secret.saltHex));
    assert.equal(stored.verifier, hexToBigInt(secret.verifierHex));
    assert.equal(await findDevice(s.services, a.pool, 'bob', key), undefined);
  });

  test('a confirmed device completes device SRP with the stored salt and verifier', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const { key, secret } = await confirmedDevice(s, a);
    const device = (await findDevice(s.services, a.pool, a.username, key))!;
    const { salt, verifier } = deviceVerifier(device)!;
    const aPriv = hexToBigInt('c3'.repeat(128));
    const A = modPowN(g, aPriv);
    const bPriv = hexToBigInt('5e'.repeat(32));
    const B = (k * verifier + modPowN(g, bPriv)) % N;
    const secretBlock = Buffer.from('secret-block').toString('base64');
    const timestamp = 'Wed Dec 31 23:59:59 UTC 2025';
    const client = deviceClaimSignature(secret, aPriv, { SALT: salt, SRP_B: B.toString(16), SECRET_BLOCK: secretBlock }, timestamp);
    const serverSide = claimSignature(serverKey(A, B, bPriv, verifier)!, device.groupKey, key, Buffer.from(secretBlock, 'base64'), timestamp);
    assert.equal(client, serverSide);
  });

  test('ConfirmDevice on a "user opt-in" pool: not remembered until UpdateDeviceStatus', async () => {
    const s = server();
    const a = await deviceSetup(s, { ChallengeRequiredOnNewDevice: true, DeviceOnlyRememberedOnUserPrompt: true });
    const { key, answer } = await confirmedDevice(s, a);
    assert.equal(answer.UserConfirmationNecessary, true);

    // The owner's GetDevice and ListDevices show remembered devices only; the admin sees it.
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);
    assert.deepEqual((await s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken }))).Devices, []);
    const admin = (await s.sdk.send(new AdminGetDeviceCommand({ UserPoolId: a.poolId, Username: a.username, DeviceKey: key }))).Device!;
    assert.equal(attributesOf(admin)['dev:device_remembered_status'], 'not_remembered');
    assert.deepEqual(
      (await s.sdk.send(new AdminListDevicesCommand({ UserPoolId: a.poolId, Username: a.username }))).Devices!.map((d) => d.DeviceKey),
      [key],
    );
    // Device SRP still knows the device; whether it stands in for MFA is the engine's call.
    assert.equal((await findDevice(s.services, a.pool, a.username, key))?.status, 'not_remembered');

    s.clock.advance(5_000);
    assert.deepEqual(
      await s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: a.accessToken, DeviceKey: key, DeviceRememberedStatus: 'remembered' })).then((r) => {
        const { $metadata, ...rest } = r;
        return rest;
      }),
      {},
    );
    const { Device } = await s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }));
    assert.ok(Device!.DeviceLastModifiedDate!.getTime() >= admin.DeviceLastModifiedDate!.getTime() + 5_000);
    assert.deepEqual(
      (await s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken }))).Devices!.map((d) => d.DeviceKey),
      [key],
    );

    await s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: a.accessToken, DeviceKey: key, DeviceRememberedStatus: 'not_remembered' }));
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);

    // Without a status there is nothing to change.
    await s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: a.accessToken, DeviceKey: key }));
    assert.equal((await findDevice(s.services, a.pool, a.username, key))?.status, 'not_remembered');
  });

  test('ConfirmDevice errors: unknown or foreign key, twice, bad verifier, bad name, bad token', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const b = await otherUser(s, a);
    const meta = await newDeviceMetadata(s.services, a.pool, a.user);
    const config = deviceSecret(meta.DeviceGroupKey, meta.DeviceKey).config;
    const confirm = (input: Record<string, unknown>) =>
      s.sdk.send(new ConfirmDeviceCommand({ AccessToken: a.accessToken, DeviceKey: meta.DeviceKey, DeviceSecretVerifierConfig: config, ...input }));

    const unknownKey = `${a.poolId.split('_')[0]}_00000000-0000-4000-8000-000000000000`;
    await rejectsWith(confirm({ DeviceKey: unknownKey }), 'ResourceNotFoundException', NOT_FOUND);
    // Bob's token cannot confirm Alice's device.
    await rejectsWith(confirm({ AccessToken: b.accessToken }), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(confirm({ AccessToken: 'not.a.token' }), 'NotAuthorizedException', 'Invalid Access Token');

    await rejectsWith(confirm({ DeviceSecretVerifierConfig: undefined }), 'InvalidParameterException', /PasswordVerifier/);
    await rejectsWith(confirm({ DeviceSecretVerifierConfig: { Salt: config.Salt } }), 'InvalidParameterException', /PasswordVerifier/);
    await rejectsWith(confirm({ DeviceSecretVerifierConfig: { PasswordVerifier: config.PasswordVerifier } }), 'InvalidParameterException', /Salt/);
    await rejectsWith(confirm({ DeviceSecretVerifierConfig: { ...config, PasswordVerifier: 'not base64!' } }), 'InvalidParameterException', /PasswordVerifier/);
    await rejectsWith(confirm({ DeviceSecretVerifierConfig: { ...config, PasswordVerifier: 'AA==' } }), 'InvalidParameterException', /PasswordVerifier/);
    const tooBig = Buffer.from((N + 1n).toString(16), 'hex').toString('base64');
    await rejectsWith(confirm({ DeviceSecretVerifierConfig: { ...config, PasswordVerifier: tooBig } }), 'InvalidParameterException', /PasswordVerifier/);
    await rejectsWith(
      confirm({ DeviceName: 'x'.repeat(1025) }),
      'InvalidParameterException',
      "1 validation error detected: Value at 'deviceName' failed to satisfy constraint: Member must have length less than or equal to 1024",
    );
    await rejectsWith(
      confirm({ DeviceKey: 'no-underscore' }),
      'InvalidParameterException',
      /^1 validation error detected: Value at 'deviceKey' failed to satisfy constraint: Member must satisfy regular expression pattern/,
    );
    // None of the failures confirmed it.
    assert.equal(await findDevice(s.services, a.pool, a.username, meta.DeviceKey), undefined);

    const done = await confirm({ DeviceName: 'x'.repeat(1024) });
    assert.equal(done.UserConfirmationNecessary, false);
    await rejectsWith(confirm({}), 'DeviceKeyExistsException', 'Device key already exists.');
    // The first verifier stays.
    const again = deviceSecret(meta.DeviceGroupKey, meta.DeviceKey).config;
    await rejectsWith(confirm({ DeviceSecretVerifierConfig: again }), 'DeviceKeyExistsException', 'Device key already exists.');
    const stored = deviceVerifier((await findDevice(s.services, a.pool, a.username, meta.DeviceKey))!)!;
    assert.equal(Buffer.from(stored.salt, 'hex').toString('base64'), config.Salt);
  });

  test('a device without a name has no device_name attribute', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const { key } = await confirmedDevice(s, a, null);
    const { Device } = await s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }));
    assert.equal(attributesOf(Device!).device_name, undefined);
    assert.equal(attributesOf(Device!).device_status, 'valid');
  });

  test('ListDevices and AdminListDevices page through every device', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const b = await otherUser(s, a);
    const keys: string[] = [];
    for (let i = 0; i < 5; i++) keys.push((await confirmedDevice(s, a, `device ${i}`)).key);
    await confirmedDevice(s, b);
    // An unconfirmed device is never listed.
    await newDeviceMetadata(s.services, a.pool, a.user);
    keys.sort();

    const own = await listKeys((token) => s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken, Limit: 2, PaginationToken: token })));
    assert.deepEqual([...own.keys].sort(), keys);
    assert.equal(new Set(own.keys).size, 5);
    assert.equal(own.pages, 3);

    const admin = await listKeys((token) =>
      s.sdk.send(new AdminListDevicesCommand({ UserPoolId: a.poolId, Username: a.username, Limit: 3, PaginationToken: token })),
    );
    assert.deepEqual([...admin.keys].sort(), keys);
    assert.equal(admin.pages, 2);

    // Limit 0 or none: up to 60, one page.
    for (const Limit of [0, undefined]) {
      const all = await s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken, Limit }));
      assert.equal(all.Devices!.length, 5);
      assert.equal(all.PaginationToken, undefined);
    }

    // Tokens belong to their listing: not another user's, not the admin listing's, not made up.
    const page = await s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken, Limit: 1 }));
    const marker = /^Paging marker is invalid for request [0-9a-f-]{36}\.$/;
    await rejectsWith(
      s.sdk.send(new ListDevicesCommand({ AccessToken: b.accessToken, PaginationToken: page.PaginationToken })),
      'InvalidParameterException',
      marker,
    );
    await rejectsWith(
      s.sdk.send(new AdminListDevicesCommand({ UserPoolId: a.poolId, Username: a.username, PaginationToken: page.PaginationToken })),
      'InvalidParameterException',
      marker,
    );
    await rejectsWith(s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken, PaginationToken: 'bogus' })), 'InvalidParameterException', marker);
    await rejectsWith(
      s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken, Limit: 61 })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'limit' failed to satisfy constraint: Member must have value less than or equal to 60",
    );
  });

  test('ForgetDevice deletes the device: every later use says "Device does not exist."', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const b = await otherUser(s, a);
    const { key } = await confirmedDevice(s, a);
    const kept = await confirmedDevice(s, a);

    // Bob cannot forget Alice's device.
    await rejectsWith(s.sdk.send(new ForgetDeviceCommand({ AccessToken: b.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);

    await s.sdk.send(new ForgetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }));
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(s.sdk.send(new ForgetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(
      s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: a.accessToken, DeviceKey: key, DeviceRememberedStatus: 'remembered' })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    await rejectsWith(
      s.sdk.send(new AdminGetDeviceCommand({ UserPoolId: a.poolId, Username: a.username, DeviceKey: key })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    assert.equal(await findDevice(s.services, a.pool, a.username, key), undefined);
    assert.deepEqual(
      (await s.sdk.send(new ListDevicesCommand({ AccessToken: a.accessToken }))).Devices!.map((d) => d.DeviceKey),
      [kept.key],
    );
  });

  test('GetDevice, UpdateDeviceStatus and ListDevices refuse what is not theirs or not valid', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const b = await otherUser(s, a);
    const { key } = await confirmedDevice(s, a);

    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: b.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(
      s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: b.accessToken, DeviceKey: key, DeviceRememberedStatus: 'not_remembered' })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    assert.equal((await findDevice(s.services, a.pool, a.username, key))?.status, 'remembered');
    await rejectsWith(
      s.sdk.send(new UpdateDeviceStatusCommand({ AccessToken: a.accessToken, DeviceKey: key, DeviceRememberedStatus: 'forgotten' as never })),
      'InvalidParameterException',
      "1 validation error detected: Value at 'deviceRememberedStatus' failed to satisfy constraint: Member must satisfy enum value set: [remembered, not_remembered]",
    );
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: 'x.y.z', DeviceKey: key })), 'NotAuthorizedException', 'Invalid Access Token');
    await rejectsWith(s.sdk.send(new ListDevicesCommand({ AccessToken: 'x.y.z' })), 'NotAuthorizedException', 'Invalid Access Token');

    // Optional in the model, but a device operation without a token cannot say whose device it is.
    const noToken = await rawCall(s.url, 'GetDevice', JSON.stringify({ DeviceKey: key }));
    assert.equal(noToken.status, 400);
    assert.equal(noToken.json.__type, 'InvalidParameterException');
    assert.equal(noToken.json.message, "1 validation error detected: Value at 'accessToken' failed to satisfy constraint: Member must not be null");

    // A token that expired no longer reaches the device.
    s.clock.advance(2 * 60 * 60 * 1000);
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'NotAuthorizedException', 'Access Token has expired');
  });

  test('Admin device operations: get, update, forget; unknown pool, user and device', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const b = await otherUser(s, a);
    const { key } = await confirmedDevice(s, a);
    const admin = { UserPoolId: a.poolId, Username: a.username, DeviceKey: key };

    await s.sdk.send(new AdminUpdateDeviceStatusCommand({ ...admin, DeviceRememberedStatus: 'not_remembered' }));
    let device = (await s.sdk.send(new AdminGetDeviceCommand(admin))).Device!;
    assert.equal(attributesOf(device)['dev:device_remembered_status'], 'not_remembered');
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);
    await s.sdk.send(new AdminUpdateDeviceStatusCommand({ ...admin, DeviceRememberedStatus: 'remembered' }));
    device = (await s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }))).Device!;
    assert.equal(device.DeviceKey, key);

    // The user may be named by the sub too, as in the other Admin* user operations.
    const bySub = (await s.sdk.send(new AdminGetDeviceCommand({ ...admin, Username: a.user.sub }))).Device!;
    assert.equal(bySub.DeviceKey, key);

    await rejectsWith(s.sdk.send(new AdminGetDeviceCommand({ ...admin, Username: b.username })), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(
      s.sdk.send(new AdminUpdateDeviceStatusCommand({ ...admin, Username: b.username, DeviceRememberedStatus: 'not_remembered' })),
      'ResourceNotFoundException',
      NOT_FOUND,
    );
    await rejectsWith(s.sdk.send(new AdminForgetDeviceCommand({ ...admin, Username: b.username })), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(s.sdk.send(new AdminGetDeviceCommand({ ...admin, Username: 'nobody' })), 'UserNotFoundException', 'User does not exist.');
    await rejectsWith(s.sdk.send(new AdminListDevicesCommand({ UserPoolId: a.poolId, Username: 'nobody' })), 'UserNotFoundException', 'User does not exist.');
    const region = a.poolId.split('_')[0];
    await rejectsWith(
      s.sdk.send(new AdminGetDeviceCommand({ ...admin, UserPoolId: `${region}_Missing1` })),
      'ResourceNotFoundException',
      `User pool ${region}_Missing1 does not exist.`,
    );

    await s.sdk.send(new AdminForgetDeviceCommand(admin));
    await rejectsWith(s.sdk.send(new AdminGetDeviceCommand(admin)), 'ResourceNotFoundException', NOT_FOUND);
    await rejectsWith(s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key })), 'ResourceNotFoundException', NOT_FOUND);
    assert.deepEqual((await s.sdk.send(new AdminListDevicesCommand({ UserPoolId: a.poolId, Username: a.username }))).Devices, []);
  });

  test('markAuthenticated records the sign-in time in whole seconds and the last IP', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const { key } = await confirmedDevice(s, a);
    const before = (await s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }))).Device!;
    s.clock.advance(90_000);
    const device = (await findDevice(s.services, a.pool, a.username, key))!;
    const updated = await markAuthenticated(s.services, device, { ip: '192.0.2.7' });
    assert.equal(updated.lastAuthenticatedAt! % 1000, 0);

    const after = (await s.sdk.send(new GetDeviceCommand({ AccessToken: a.accessToken, DeviceKey: key }))).Device!;
    assert.ok(after.DeviceLastAuthenticatedDate!.getTime() >= before.DeviceLastAuthenticatedDate!.getTime() + 89_000);
    assert.ok(after.DeviceLastModifiedDate!.getTime() >= before.DeviceLastModifiedDate!.getTime() + 90_000);
    assert.equal(after.DeviceCreateDate!.getTime(), before.DeviceCreateDate!.getTime());
    assert.equal(attributesOf(after).last_ip_used, '192.0.2.7');
    assert.deepEqual(deviceType(updated).DeviceAttributes, after.DeviceAttributes);
  });

  test('devices never confirmed are cleared after a day; deleting the user deletes its devices', async () => {
    const s = server();
    const a = await deviceSetup(s);
    const stale = await newDeviceMetadata(s.services, a.pool, a.user);
    const { key } = await confirmedDevice(s, a);
    s.clock.advance(25 * 60 * 60 * 1000);
    const fresh = await newDeviceMetadata(s.services, a.pool, a.user);
    assert.equal(await s.services.stores.devices.get(a.poolId, stale.DeviceKey), undefined);
    assert.ok(await s.services.stores.devices.get(a.poolId, fresh.DeviceKey));
    // Confirmed devices stay however old they are.
    assert.ok(await findDevice(s.services, a.pool, a.username, key));

    await s.sdk.send(new AdminDeleteUserCommand({ UserPoolId: a.poolId, Username: a.username }));
    assert.equal(await s.services.stores.devices.get(a.poolId, key), undefined);
    assert.equal(await s.services.stores.devices.get(a.poolId, fresh.DeviceKey), undefined);
  });
});
