import { fail } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, destinationOf } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
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

/** Why an attribute code is sent, and for whom: the CustomMessage / custom sender source and its inputs. */
export interface AttributeCodeCause {
  cause: 'UpdateUserAttribute' | 'VerifyUserAttribute';
  /** The app client of a token-authorised call; none for the admin operations. */
  clientId?: string;
  clientMetadata: Record<string, string> | undefined;
}

/**
 * Sends a fresh attribute verification code (purpose `verify:<kind>`, 24 hours) to the user's
 * `kind` address waiting for verification, or else to the current one, and returns its
 * CodeDeliveryDetails; undefined when the user has no such address. A new code replaces any
 * earlier one, so a code sent to an old address cannot verify a new one.
 */
export async function sendAttributeCode(services: Services, pool: UserPool, user: User, kind: VerifiableAttribute, why: AttributeCodeCause) {
  const address = user.pendingAttributes?.[kind] ?? user.attributes[kind];
  const to = address ? destinationOf(kind, address) : undefined;
  if (!to) return undefined;
  const purpose = `verify:${kind}`;
  const code = await issueCode(services, pool.id, user.username, purpose, codeLifetime.verify);
  await deliverCode(services, { pool, user, to, code, purpose, ...why });
  return codeDeliveryDetails(to);
}
