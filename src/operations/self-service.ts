import { fail } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, emailOf, phoneOf, send, verificationText } from '../messages/outbox.ts';
import type { Services } from '../services.ts';

/**
 * What the token-authorised self-service operations (UpdateUserAttributes,
 * DeleteUserAttributes, GetUserAttributeVerificationCode, VerifyUserAttribute) share.
 */

export type VerifiableAttribute = 'email' | 'phone_number';

export const unauthorizedAttribute = () => fail('NotAuthorizedException', 'A client attempted to write unauthorized attribute');

export function isVerifiable(name: string): name is VerifiableAttribute {
  return name === 'email' || name === 'phone_number';
}

/**
 * Sends a fresh attribute verification code to the user's current `kind` address (purpose
 * `verify:<kind>`, 24 hours) and returns its CodeDeliveryDetails; undefined when the user has
 * no such address.
 */
export async function sendAttributeCode(services: Services, pool: UserPool, user: User, kind: VerifiableAttribute) {
  const to = kind === 'email' ? emailOf(user) : phoneOf(user);
  if (!to) return undefined;
  const purpose = `verify:${kind}`;
  const code = await issueCode(services, pool.id, user.username, purpose, codeLifetime.verify);
  await send(services, { poolId: pool.id, username: user.username, to, text: verificationText(pool, to.channel, code), code, purpose });
  return codeDeliveryDetails(to);
}
