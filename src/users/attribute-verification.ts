// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html#verifying-when-users-change-their-email-or-phone-number
import { fail } from '../errors.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import { type Destination, destinationOf } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import type { Services } from '../services.ts';
import { codeLifetime, issueCode, redeemCode } from './codes.ts';
import { saveUser } from './write-user.ts';
import { countCodeSend } from './code-send-limit.ts';

/** Verifying a user's email address or phone number with a code sent to it. */

export type VerifiableAttribute = 'email' | 'phone_number';

function isVerifiable(name: string): name is VerifiableAttribute {
  return name === 'email' || name === 'phone_number';
}

const notVerifiable = (name: string) => fail('InvalidParameterException', `Invalid attribute name: ${name} cannot be verified.`);
const noValue = (name: string) => fail('InvalidParameterException', `User has no value for attribute ${name}.`);

/** Why an attribute code is sent, and for whom: the CustomMessage / custom sender source and its inputs. */
export interface AttributeCodeCause {
  cause: 'UpdateUserAttribute' | 'VerifyUserAttribute';
  /** The app client of a token-authorised call; none for the admin operations. */
  clientId?: string;
  clientMetadata: Record<string, string> | undefined;
}

/**
 * Sends a fresh attribute verification code (purpose `verify:<kind>`, 24 hours) to the user's
 * `kind` address waiting for verification, or else to the current one, and resolves where it
 * went; undefined when the user has no such address. A new code replaces any earlier one, so a
 * code sent to an old address cannot verify a new one.
 */
export async function sendAttributeCode(
  services: Services,
  pool: UserPool,
  user: User,
  kind: VerifiableAttribute,
  why: AttributeCodeCause,
): Promise<Destination | undefined> {
  const address = user.pendingAttributes?.[kind] ?? user.attributes[kind];
  const to = address ? destinationOf(kind, address) : undefined;
  if (!to) return undefined;
  const purpose = `verify:${kind}`;
  const code = await issueCode(services, pool.id, user.username, purpose, codeLifetime.verify);
  await deliverCode(services, { pool, user, to, code, purpose, ...why });
  return to;
}

/** The signed-in user asks for a code to verify `name` (GetUserAttributeVerificationCode); resolves where it went. */
export async function requestAttributeCode(
  services: Services,
  pool: UserPool,
  client: AppClient,
  user: User,
  name: string,
  clientMetadata: Record<string, string> | undefined,
): Promise<Destination> {
  if (!isVerifiable(name)) throw notVerifiable(name);
  if (!(user.pendingAttributes?.[name] ?? user.attributes[name])) throw noValue(name);
  await countCodeSend(services, pool.id, user.username, 'attribute');
  const to = await sendAttributeCode(services, pool, user, name, { cause: 'VerifyUserAttribute', clientId: client.clientId, clientMetadata });
  if (!to) throw noValue(name);
  return to;
}

/**
 * The user verifies `name` with the code sent to it: a value held back for verification
 * (AttributesRequireVerificationBeforeUpdate) becomes the active one, and the attribute is
 * verified. In alias pools a verified email / phone number becomes a sign-in alias
 * (AliasExistsException when another user holds it).
 */
export async function verifyAttribute(services: Services, pool: UserPool, user: User, name: string, code: string): Promise<void> {
  if (!isVerifiable(name)) throw notVerifiable(name);
  const pending = user.pendingAttributes?.[name];
  if (!user.attributes[name] && pending === undefined) throw noValue(name);
  await redeemCode(services, pool.id, user.username, `verify:${name}`, code);
  if (pending !== undefined) {
    user.attributes[name] = pending;
    delete user.pendingAttributes![name];
  }
  user.attributes[`${name}_verified`] = 'true';
  await saveUser(services, pool, user);
}
