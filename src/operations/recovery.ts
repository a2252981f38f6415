import { checkSecretHash } from '../crypto/secret-hash.ts';
import { fail, messages } from '../errors.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import { type Channel, type Destination, emailOf, phoneOf } from '../messages/outbox.ts';
import { z } from 'zod';
import { str } from './shapes.ts';
import type { Services } from '../services.ts';
import { findUser } from '../users/find-user.ts';
import { loadClient, loadPool } from '../pools/load.ts';

/**
 * What the public sign-up and recovery operations (SignUp, ConfirmSignUp, ResendConfirmationCode,
 * ForgotPassword, ConfirmForgotPassword) share: resolving the caller, the answers
 * PreventUserExistenceErrors asks for, the recovery channel, and simulated deliveries for users
 * that do not exist (auth-protocol.md §6, §8.2; pool-model.md §2.7).
 */

/** UserContextData and AnalyticsMetadata: accepted by the public operations, not used yet. */
export const contextMembers = {
  UserContextData: z.object({ IpAddress: str().optional(), EncodedData: str().optional() }).optional(),
  AnalyticsMetadata: z.object({ AnalyticsEndpointId: str().optional() }).optional(),
};

/** The client, its pool and the user a public request names (undefined when there is none). */
export interface PublicRequest {
  client: AppClient;
  pool: UserPool;
  user: User | undefined;
}

/**
 * Loads the client (ResourceNotFoundException when unknown) and its pool, finds the user named
 * by `username` (as typed: username, alias or sub), and checks the top-level SecretHash over the
 * name as given and the internal username.
 */
export async function publicRequest(
  services: Services,
  input: { ClientId: string; SecretHash?: string | undefined; Username: string },
): Promise<PublicRequest> {
  const client = await loadClient(services, input.ClientId);
  const pool = await loadPool(services, client.poolId);
  const user = await findUser(services, pool, input.Username);
  checkSecretHash(client, input.SecretHash, user ? [input.Username, user.username] : [input.Username]);
  return { client, pool, user };
}

/** Whether the client hides unknown users (PreventUserExistenceErrors=ENABLED; the API default is LEGACY). */
export function hidesUserExistence(client: AppClient): boolean {
  return client.config.PreventUserExistenceErrors === 'ENABLED';
}

/** The LEGACY answer for an unknown user in the public sign-up and recovery operations. */
export const unknownUserForClient = () => fail('UserNotFoundException', messages.usernameNotFoundForClient);

export type RecoveryMechanism = 'verified_email' | 'verified_phone_number' | 'admin_only';

/** The pool's recovery mechanisms by priority; unset means phone first, then email (the legacy default). */
export function recoveryMechanisms(pool: UserPool): RecoveryMechanism[] {
  const configured = pool.config.AccountRecoverySetting?.RecoveryMechanisms;
  if (!configured?.length) return ['verified_phone_number', 'verified_email'];
  return [...configured].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name as RecoveryMechanism);
}

const channelOf = (m: RecoveryMechanism): Channel | undefined => (m === 'verified_email' ? 'EMAIL' : m === 'verified_phone_number' ? 'SMS' : undefined);

export const adminOnlyRecovery = () => fail('NotAuthorizedException', 'Contact administrator to reset password.');

const noRecoveryChannel = () =>
  fail('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');

/**
 * Where a password-reset code goes: the first mechanism, by priority, for which the user has a
 * verified attribute. `admin_only` first → NotAuthorizedException; nothing verified →
 * InvalidParameterException.
 */
export function recoveryDestination(pool: UserPool, user: User): Destination {
  for (const mechanism of recoveryMechanisms(pool)) {
    if (mechanism === 'admin_only') throw adminOnlyRecovery();
    // An unverified address could belong to anyone: reset codes only go to verified ones.
    if (mechanism === 'verified_email' && user.attributes.email_verified === 'true' && emailOf(user)) return emailOf(user)!;
    if (mechanism === 'verified_phone_number' && user.attributes.phone_number_verified === 'true' && phoneOf(user)) {
      return phoneOf(user)!;
    }
  }
  throw noRecoveryChannel();
}

/** The channels a real user could get a reset code on, in order (what an unknown user's answer imitates). */
export function recoveryChannels(pool: UserPool): Channel[] {
  const out: Channel[] = [];
  for (const mechanism of recoveryMechanisms(pool)) {
    if (mechanism === 'admin_only') throw adminOnlyRecovery();
    out.push(channelOf(mechanism)!);
  }
  return out;
}

/** The channels sign-up codes may go to (phone first, as verificationDestination chooses). */
export function verificationChannels(pool: UserPool): Channel[] {
  const auto = pool.config.AutoVerifiedAttributes ?? [];
  const out: Channel[] = [];
  if (auto.includes('phone_number')) out.push('SMS');
  if (auto.includes('email')) out.push('EMAIL');
  return out;
}

const looksLikeEmail = (s: string) => /^[^@\s]+@[^@\s]+$/.test(s);
const looksLikePhone = (s: string) => /^\+[0-9]+$/.test(s);
const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A delivery to nobody, for an unknown user when existence errors are hidden: the channel a real
 * user typing this name would most likely get (an email-shaped name → EMAIL), and an address
 * derived from a keyed hash of (pool, name) so that repeated probes see the same masked value.
 * Nothing is stored or sent.
 */
export function simulatedDestination(services: Services, pool: UserPool, name: string, channels: Channel[]): Destination {
  const channel = channels.find((c) => (c === 'EMAIL' ? looksLikeEmail(name) : looksLikePhone(name))) ?? channels[0] ?? 'EMAIL';
  if (channel === 'EMAIL') {
    if (looksLikeEmail(name)) return { channel, attributeName: 'email', address: name };
    const h = services.sealer.digest(`simulated-destination:${pool.id}:${name}`);
    const letter = (i: number) => LETTERS[parseInt(h.slice(i, i + 2), 16) % LETTERS.length];
    return { channel, attributeName: 'email', address: `${letter(0)}@${letter(2)}.com` };
  }
  if (looksLikePhone(name)) return { channel, attributeName: 'phone_number', address: name };
  const h = services.sealer.digest(`simulated-destination:${pool.id}:${name}`);
  const digits = [...h.slice(0, 10)].map((c) => String(parseInt(c, 16) % 10)).join('');
  return { channel, attributeName: 'phone_number', address: `+1${digits}` };
}
