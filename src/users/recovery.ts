// https://docs.aws.amazon.com/cognito/latest/developerguide/how-to-recover-a-user-account.html
import { fail, messages } from '../errors.ts';
import { hidesUserExistence } from '../domain/client.ts';
import { checkPasswordHistory, checkPasswordPolicy } from '../domain/password.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { Destination } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { runPostConfirmation } from '../triggers/confirmation.ts';
import { hasTrigger } from '../triggers/invoker.ts';
import { migrateUser } from './migrate-user.ts';
import type { Services } from '../services.ts';
import { codeLifetime, issueCode, redeemCode } from './codes.ts';
import { countCodeSend } from './code-send-limit.ts';
import { usernameKey } from '../domain/pool.ts';
import { setPassword } from './passwords.ts';
import { adminResetDestination, noRecoveryChannel, recoveryChannels, recoveryDestination } from './recovery-channels.ts';
import { phantomDestination, unknownUserForClient } from './unknown-users.ts';
import { saveUser } from './write-user.ts';

/**
 * Resetting a forgotten password: the user asks for a code (ForgotPassword) and sets a new
 * password with it (ConfirmForgotPassword); an administrator can start the same reset
 * (AdminResetUserPassword).
 */

export interface ForgotPasswordRequest {
  client: AppClient;
  pool: UserPool;
  /** The user the caller named; undefined when there is none. */
  user: User | undefined;
  /** The name as the caller typed it (for UserMigration, and an unknown user's answer). */
  name: string;
  clientMetadata: Record<string, string> | undefined;
}

/**
 * Sends a reset code to the user's recovery destination and resolves where it went; for an
 * unknown user hidden by the client, where it would have gone. The user's status and password
 * stay as they are until the code is used.
 */
export async function forgotPassword(services: Services, req: ForgotPasswordRequest): Promise<Destination> {
  const { client, pool } = req;
  let user = req.user;
  // UserMigration_ForgotPassword (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-migrate-user.html):
  // an unknown user may be imported, if the function gives them a verified address to send the code to.
  if (!user && hasTrigger(pool, 'UserMigration')) {
    user = await migrateUser(services, pool, {
      source: 'UserMigration_ForgotPassword',
      userName: req.name,
      clientId: client.clientId,
      clientMetadata: req.clientMetadata,
      check: (attributes) => void recoveryDestination(pool, { attributes } as User),
    });
  }
  if (!user) {
    if (!hidesUserExistence(client)) throw unknownUserForClient();
    // recoveryChannels refuses admin_only pools exactly as it would for a real user.
    const channels = recoveryChannels(pool);
    await countCodeSend(services, pool.id, usernameKey(pool, req.name), 'forgot-password');
    return phantomDestination(services, pool, req.name, channels);
  }
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    throw fail('NotAuthorizedException', 'User password cannot be reset in the current state.');
  }
  const to = recoveryDestination(pool, user);
  await countCodeSend(services, pool.id, user.username, 'forgot-password');
  const code = await issueCode(services, pool.id, user.username, 'forgot', codeLifetime.forgot);
  await deliverCode(services, {
    pool,
    user,
    to,
    cause: 'ForgotPassword',
    code,
    purpose: 'forgot',
    clientId: client.clientId,
    clientMetadata: req.clientMetadata,
  });
  return to;
}

export interface ConfirmForgotPasswordRequest {
  client: AppClient;
  pool: UserPool;
  user: User | undefined;
  code: string;
  password: string;
  clientMetadata: Record<string, string> | undefined;
}

/** Sets the new password with the reset code; the user is CONFIRMED afterwards. */
export async function confirmForgotPassword(services: Services, req: ConfirmForgotPasswordRequest): Promise<void> {
  const { client, pool, user, password } = req;
  if (!user && !hidesUserExistence(client)) throw unknownUserForClient();
  // Checked before the code is consumed, so a weak password does not cost the user their code.
  checkPasswordPolicy(pool, password, 'other');
  // A hidden unknown user fails where a real one with a wrong code would.
  if (!user) throw fail('CodeMismatchException', messages.codeMismatch);
  // Only someone holding the right code learns that a password is an earlier one, and the
  // refusal leaves the code usable for another password.
  await redeemCode(services, pool.id, user.username, 'forgot', req.code, () => checkPasswordHistory(services.modexp, pool, user, password));
  setPassword(services, pool, user, password);
  user.status = 'CONFIRMED';
  await saveUser(services, pool, user);
  // PostConfirmation_ConfirmForgotPassword (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html):
  // its error reaches the caller, but the new password stays set.
  await runPostConfirmation(services, pool, user, 'PostConfirmation_ConfirmForgotPassword', client.clientId, req.clientMetadata);
}

/**
 * An administrator resets the user's password: it is removed, the user is RESET_REQUIRED, and
 * the code ConfirmForgotPassword redeems goes to their first verified recovery channel.
 */
export async function adminResetUserPassword(
  services: Services,
  pool: UserPool,
  user: User,
  clientMetadata: Record<string, string> | undefined,
): Promise<void> {
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  const to = adminResetDestination(pool, user);
  if (!to) throw noRecoveryChannel();
  user.status = 'RESET_REQUIRED';
  user.password = undefined;
  user.passwordSetAt = undefined;
  await saveUser(services, pool, user);
  const code = await issueCode(services, pool.id, user.username, 'forgot', codeLifetime.forgot);
  await deliverCode(services, { pool, user, to, cause: 'ForgotPassword', code, purpose: 'forgot', clientMetadata });
}
