import { fail } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, emailOf, phoneOf } from '../messages/outbox.ts';
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
  clientId: string;
  clientMetadata: Record<string, string> | undefined;
}

/**
 * Sends a fresh attribute verification code to the user's current `kind` address (purpose
 * `verify:<kind>`, 24 hours) and returns its CodeDeliveryDetails; undefined when the user has
 * no such address.
 */
export async function sendAttributeCode(services: Services, pool: UserPool, user: User, kind: VerifiableAttribute, why: AttributeCodeCause) {
  const to = kind === 'email' ? emailOf(user) : phoneOf(user);
  if (!to) return undefined;
  const purpose = `verify:${kind}`;
  const code = await issueCode(services, pool.id, user.username, purpose, codeLifetime.verify);
  await deliverCode(services, { pool, user, to, code, purpose, ...why });
  return codeDeliveryDetails(to);
}
