// https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
import { fail } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Channel } from '../messages/channel.ts';
import { type Destination, emailOf, phoneOf } from '../messages/outbox.ts';

/** Where password-reset codes go: the pool's AccountRecoverySetting and the user's verified addresses. */

type RecoveryMechanism = 'verified_email' | 'verified_phone_number' | 'admin_only';

/** The pool's recovery mechanisms by priority; unset means phone first, then email (the legacy default). */
function recoveryMechanisms(pool: UserPool): RecoveryMechanism[] {
  const configured = pool.config.AccountRecoverySetting?.RecoveryMechanisms;
  if (!configured?.length) return ['verified_phone_number', 'verified_email'];
  return [...configured].sort((a, b) => a.Priority - b.Priority).map((m) => m.Name as RecoveryMechanism);
}

/** Whether users may reset their own password (the hosted pages offer "Forgot your password?" only then). */
export function selfRecoveryAllowed(pool: UserPool): boolean {
  return recoveryMechanisms(pool)[0] !== 'admin_only';
}

const channelOf = (m: RecoveryMechanism): Channel | undefined => (m === 'verified_email' ? 'EMAIL' : m === 'verified_phone_number' ? 'SMS' : undefined);

const adminOnlyRecovery = () => fail('NotAuthorizedException', 'Contact administrator to reset password.');

export const noRecoveryChannel = () =>
  fail('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');

/**
 * Where a self-service reset code goes: the first mechanism, by priority, for which the user has
 * a verified attribute. `admin_only` first → NotAuthorizedException; nothing verified →
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

/**
 * Where an administrator's reset code goes: the first verified channel by recovery priority.
 * `admin_only` is skipped rather than refused: it forbids self-service recovery, and this caller
 * is the administrator.
 */
export function adminResetDestination(pool: UserPool, user: User): Destination | undefined {
  for (const mechanism of recoveryMechanisms(pool)) {
    if (mechanism === 'verified_phone_number' && user.attributes.phone_number_verified === 'true' && phoneOf(user)) return phoneOf(user);
    if (mechanism === 'verified_email' && user.attributes.email_verified === 'true' && emailOf(user)) return emailOf(user);
  }
  return undefined;
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
