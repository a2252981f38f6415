import { randomInt, randomUUID } from 'node:crypto';

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const LOWER_ALNUM = 'abcdefghijklmnopqrstuvwxyz0123456789';

function randomFrom(alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[randomInt(alphabet.length)];
  return out;
}

/** `<region>_<9 alphanumerics>`: exactly one `_`, as both JS clients derive region and SRP pool name from it. */
export const newPoolId = (region: string) => `${region}_${randomFrom(ALNUM, 9)}`;

/** 26 lowercase alphanumerics, like real app client ids. */
export const newClientId = () => randomFrom(LOWER_ALNUM, 26);

/** 51 characters of [a-z0-9], within the model's `[\w+]+`, 1..64. */
export const newClientSecret = () => randomFrom(LOWER_ALNUM, 51);

export const newSub = () => randomUUID();

/** `digits` random decimal digits: one-time codes. */
export function randomDigits(digits: number): string {
  let out = '';
  for (let i = 0; i < digits; i++) out += String(randomInt(10));
  return out;
}

/** `<region>_<uuid>`, the device key format clients expect. */
export const newDeviceKey = (region: string) => `${region}_${randomUUID()}`;

export const poolArn = (region: string, poolId: string) => `arn:aws:cognito-idp:${region}:000000000000:userpool/${poolId}`;
