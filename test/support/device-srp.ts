import { randomBytes } from 'node:crypto';
import { claimSignature, clientKey, computeX, g, hexToBigInt, modPowN, padHex } from '../../src/crypto/srp.ts';

/**
 * The client side of remembered devices, done the way acij (`generateHashDevice`) and Amplify
 * (`getNewDeviceMetadata`) do it, for driving the server in tests.
 */

export interface DeviceSecret {
  groupKey: string;
  deviceKey: string;
  /** Standard base64 of 40 random bytes: what the client keeps as `randomPasswordKey`. */
  randomPassword: string;
  /** padHex of the salt integer, as the client hashes it. */
  saltHex: string;
  /** padHex of v = g^x mod N. */
  verifierHex: string;
  /** ConfirmDevice's DeviceSecretVerifierConfig: base64 of the padHex bytes. */
  config: { Salt: string; PasswordVerifier: string };
}

/** Builds the device verifier for ConfirmDevice; fixed inputs reproduce a known vector. */
export function deviceSecret(groupKey: string, deviceKey: string, options: { randomPassword?: string; salt?: Buffer } = {}): DeviceSecret {
  const randomPassword = options.randomPassword ?? randomBytes(40).toString('base64');
  const saltHex = padHex(hexToBigInt((options.salt ?? randomBytes(16)).toString('hex')));
  const x = computeX(groupKey, deviceKey, randomPassword, hexToBigInt(saltHex));
  const verifierHex = padHex(modPowN(g, x));
  return {
    groupKey,
    deviceKey,
    randomPassword,
    saltHex,
    verifierHex,
    config: {
      Salt: Buffer.from(saltHex, 'hex').toString('base64'),
      PasswordVerifier: Buffer.from(verifierHex, 'hex').toString('base64'),
    },
  };
}

/**
 * PASSWORD_CLAIM_SIGNATURE of DEVICE_PASSWORD_VERIFIER: x and the signed message
 * use the group key as pool name and the device key as user id.
 */
export function deviceClaimSignature(
  secret: Pick<DeviceSecret, 'groupKey' | 'deviceKey' | 'randomPassword'>,
  a: bigint,
  challenge: { SALT: string; SRP_B: string; SECRET_BLOCK: string },
  timestamp: string,
): string {
  const A = modPowN(g, a);
  const x = computeX(secret.groupKey, secret.deviceKey, secret.randomPassword, hexToBigInt(challenge.SALT));
  const key = clientKey(a, A, hexToBigInt(challenge.SRP_B), x);
  return claimSignature(key, secret.groupKey, secret.deviceKey, Buffer.from(challenge.SECRET_BLOCK, 'base64'), timestamp);
}
