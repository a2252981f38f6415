import { fail } from '../errors.ts';
import { N } from '../crypto/srp.ts';
import { type Device, type DeviceRememberedStatus, isConfirmed } from '../domain/device.ts';
import { newDeviceKey } from '../domain/ids.ts';
import type { Page, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html

/**
 * Remembered devices: handing out NewDeviceMetadata, finding a user's device for device SRP, and
 * the DeviceType the device operations answer with.
 */

/** The one message clients match on (acij: contains "device"; Amplify: includes it verbatim). */
const deviceDoesNotExist = 'Device does not exist.';
export const deviceNotFound = () => fail('ResourceNotFoundException', deviceDoesNotExist);

/**
 * Devices never confirmed are deleted after this long. Clients confirm right after the sign-in
 * (acij, Amplify); SDK scripts that ignore NewDeviceMetadata would otherwise leave a row behind
 * with every sign-in.
 */
const UNCONFIRMED_DEVICE_TTL_MS = 24 * 60 * 60 * 1000;

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** The region of a pool id (`us-east-1_AbCd` → `us-east-1`): device keys and ARNs carry it. */
const regionOf = (poolId: string) => poolId.split('_')[0]!;

/** Device SRP reports whole seconds for the last authentication (and real Cognito does so too). */
const wholeSeconds = (ms: number) => Math.floor(ms / 1000) * 1000;

/**
 * The user's DeviceGroupKey, like Cognito's (`-` and nine alphanumerics): one per user and stable,
 * derived from the master secret and the user's sub, so no row has to hold it and every device
 * the user confirms shares it.
 */
export function deviceGroupKey(services: Services, pool: UserPool, user: User): string {
  const bytes = services.sealer.derive(`device-group:${pool.id}:${user.sub}`, 9);
  let key = '-';
  for (const b of bytes) key += ALNUM[b % ALNUM.length];
  return key;
}

/**
 * Creates the device a sign-in hands out as NewDeviceMetadata: not usable until ConfirmDevice
 * stores its verifier. Also clears the user's devices left unconfirmed for a day.
 */
export async function newDeviceMetadata(
  services: Services,
  pool: UserPool,
  user: User,
  options: { ip?: string } = {},
): Promise<{ DeviceKey: string; DeviceGroupKey: string }> {
  const now = services.clock.now();
  const { devices } = services.stores;
  await devices.deleteUnconfirmed(pool.id, user.username, now - UNCONFIRMED_DEVICE_TTL_MS);
  const device: Device = {
    poolId: pool.id,
    deviceKey: newDeviceKey(regionOf(pool.id)),
    username: user.username,
    groupKey: deviceGroupKey(services, pool, user),
    salt: undefined,
    verifier: undefined,
    name: undefined,
    status: 'not_remembered',
    attributes: options.ip !== undefined ? { last_ip_used: options.ip } : {},
    createdAt: now,
    updatedAt: now,
    // The sign-in that produced the device authenticated the user on it.
    lastAuthenticatedAt: wholeSeconds(now),
  };
  await devices.create(device);
  return { DeviceKey: device.deviceKey, DeviceGroupKey: device.groupKey };
}

/** The user's confirmed device with this key (remembered or not), or undefined. */
export async function findDevice(services: Services, pool: UserPool, username: string, deviceKey: string): Promise<Device | undefined> {
  const device = await services.stores.devices.get(pool.id, deviceKey);
  return device && isConfirmed(device) && device.username === username ? device : undefined;
}

/** What device SRP needs: SALT as sent to the client (hex of the stored bytes) and v. */
export function deviceVerifier(device: Device): { salt: string; verifier: bigint } | undefined {
  if (device.salt === undefined || device.verifier === undefined) return undefined;
  return { salt: device.salt, verifier: BigInt(`0x${device.verifier}`) };
}

/** Records a successful device authentication: last-authenticated and modified times, last IP. */
export async function markAuthenticated(services: Services, device: Device, options: { ip?: string } = {}): Promise<Device> {
  const now = services.clock.now();
  const updated: Device = {
    ...device,
    attributes: options.ip !== undefined ? { ...device.attributes, last_ip_used: options.ip } : device.attributes,
    updatedAt: now,
    lastAuthenticatedAt: wholeSeconds(now),
  };
  await services.stores.devices.update(updated);
  return updated;
}

/** Sets remembered / not_remembered (UpdateDeviceStatus, AdminUpdateDeviceStatus). */
export async function setDeviceStatus(services: Services, device: Device, status: DeviceRememberedStatus): Promise<void> {
  await services.stores.devices.update({ ...device, status, updatedAt: services.clock.now() });
}

const BASE64 = /^[A-Za-z0-9+/]+={0,2}$/;

function base64Bytes(value: string | undefined, member: string, maxBytes: number): Buffer {
  const bytes = value !== undefined && BASE64.test(value) ? Buffer.from(value, 'base64') : Buffer.alloc(0);
  if (bytes.length === 0 || bytes.length > maxBytes) {
    throw fail(
      'InvalidParameterException',
      `DeviceSecretVerifierConfig.${member} must be the base64 of the device's SRP ${member === 'Salt' ? 'salt' : 'verifier'}.`,
    );
  }
  return bytes;
}

/**
 * Reads ConfirmDevice's DeviceSecretVerifierConfig (base64 of padHex bytes, as the clients send it) into the hex
 * the device row keeps. The salt's bytes are kept as sent, a leading 00 included, because SALT is
 * handed back as exactly that hex; the verifier must be an integer in [1, N).
 */
export function readVerifierConfig(config: { PasswordVerifier?: string; Salt?: string } | undefined): { salt: string; verifier: string } {
  // padHex of a value below N is at most 385 bytes (a 00 and 384); clients send 16 or 17 salt bytes.
  const verifier = base64Bytes(config?.PasswordVerifier, 'PasswordVerifier', 385);
  const salt = base64Bytes(config?.Salt, 'Salt', 128);
  const v = BigInt(`0x${verifier.toString('hex')}`);
  if (v === 0n || v >= N)
    throw fail('InvalidParameterException', "DeviceSecretVerifierConfig.PasswordVerifier must be the base64 of the device's SRP verifier.");
  return { salt: salt.toString('hex'), verifier: verifier.toString('hex') };
}

/** Who asks about devices: their owner (token operations) or an administrator (Admin* operations). */
export type DeviceView = 'user' | 'admin';

/**
 * DeviceType on the wire, the same for the owner and an administrator: attributes as Cognito
 * names and orders them in the get-device and admin-get-device examples of the AWS CLI
 * reference (`dev:` ones included). Dates are epoch seconds.
 */
export function deviceType(device: Device): Record<string, unknown> {
  const owner = `${device.username}.${device.poolId}`;
  const attributes: { Name: string; Value: string }[] = [{ Name: 'device_status', Value: 'valid' }];
  if (device.name !== undefined) attributes.push({ Name: 'device_name', Value: device.name });
  attributes.push(
    { Name: 'dev:device_arn', Value: `arn:aws:cognito-idp:${regionOf(device.poolId)}:000000000000:owner/${owner}/device/${device.deviceKey}` },
    { Name: 'dev:device_owner', Value: owner },
  );
  for (const [Name, Value] of Object.entries(device.attributes)) attributes.push({ Name, Value });
  attributes.push({ Name: 'dev:device_remembered_status', Value: device.status }, { Name: 'dev:device_sdk', Value: 'aws-sdk' });
  return {
    DeviceKey: device.deviceKey,
    DeviceAttributes: attributes,
    DeviceCreateDate: device.createdAt / 1000,
    DeviceLastModifiedDate: device.updatedAt / 1000,
    ...(device.lastAuthenticatedAt !== undefined ? { DeviceLastAuthenticatedDate: device.lastAuthenticatedAt / 1000 } : {}),
  };
}

/**
 * The user's device, or ResourceNotFoundException `Device does not exist.` Devices never
 * confirmed do not exist for any operation. The owner's GetDevice sees remembered devices only
 * (Cognito answers not found for a not_remembered one); updating and forgetting see them all.
 */
export async function loadUserDevice(
  services: Services,
  pool: UserPool,
  user: User,
  deviceKey: string,
  options: { rememberedOnly?: boolean } = {},
): Promise<Device> {
  const device = await services.stores.devices.get(pool.id, deviceKey);
  if (!device || device.verifier === undefined || device.username !== user.username) throw deviceNotFound();
  if (options.rememberedOnly && device.status !== 'remembered') throw deviceNotFound();
  return device;
}

/** Forgets the device: the user must sign in with MFA again where it stood in. */
export async function forgetDevice(services: Services, device: Device): Promise<void> {
  await services.stores.devices.delete(device.poolId, device.deviceKey);
}

/**
 * One page of a user's devices: the owner (ListDevices) sees the remembered ones, as in Cognito;
 * an administrator (AdminListDevices) every confirmed one.
 */
export function listUserDevices(
  services: Services,
  pool: UserPool,
  user: User,
  view: DeviceView,
  limit: number,
  after: string | undefined,
): Promise<Page<Device>> {
  return services.stores.devices.listForUser(pool.id, user.username, limit, after, view === 'user' ? 'remembered' : undefined);
}
