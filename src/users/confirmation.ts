// https://docs.aws.amazon.com/cognito/latest/developerguide/signing-up-users-in-your-app.html
import { CognitoError, fail, messages } from '../errors.ts';
import { loadSession } from '../sessions/session.ts';
import { openSignUpSession, redeemSignUpSession } from '../sessions/sign-up-session.ts';
import { flowAllowed, hidesUserExistence } from '../domain/client.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { Channel } from '../messages/channel.ts';
import { type Destination, verificationDestination } from '../messages/outbox.ts';
import { runPostConfirmation } from '../triggers/confirmation.ts';
import { deliverCode } from '../triggers/code-message.ts';
import type { Services } from '../services.ts';
import { codeLifetime, issueCode, redeemCode } from './codes.ts';
import { phantomDestination, unknownUserForClient } from './unknown-users.ts';
import { countCodeSend } from './code-send-limit.ts';
import { usernameKey } from '../domain/pool.ts';
import { saveUser } from './write-user.ts';

/**
 * Confirming a sign-up: the user with the code sent to them (ConfirmSignUp), an administrator
 * without one (AdminConfirmSignUp), and sending the code again (ResendConfirmationCode).
 */

export interface ConfirmSignUpRequest {
  client: AppClient;
  pool: UserPool;
  /** The user the caller named; undefined when there is none. */
  user: User | undefined;
  code: string;
  /** Take over an email / phone alias another user holds. */
  forceAliasCreation: boolean;
  /** The Session SignUp returned, if the client kept it. */
  session: string | undefined;
  clientMetadata: Record<string, string> | undefined;
}

const notUnconfirmed = (user: User) => fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);

/**
 * Confirms the user with their code; the address the code went to becomes verified. Resolves the
 * Session that signs them in with USER_AUTH, for a client that can use one.
 */
export async function confirmSignUp(services: Services, req: ConfirmSignUpRequest): Promise<string | undefined> {
  const { client, pool, user } = req;
  if (!user) {
    // A hidden unknown user fails as a real one with a wrong code would.
    if (hidesUserExistence(client)) throw fail('CodeMismatchException', messages.codeMismatch);
    throw unknownUserForClient();
  }
  if (user.status !== 'UNCONFIRMED') throw notUnconfirmed(user);
  // A Session from SignUp must be this user's and live; it is traded for a confirmed one. It is
  // checked before the code (a bad Session spends no code) and spent only once the code is
  // right and the user saved: a mistyped code, or an alias conflict, is retried with the same
  // Session (Amplify's autoSignIn does).
  if (req.session !== undefined) {
    const pending = await loadSession(services, client, req.session);
    if (pending.state.signUp !== 'signed-up' || pending.state.username !== user.username) throw fail('NotAuthorizedException', messages.invalidSession);
  }
  const codes = services.stores.codes;
  const issued = await codes.get(pool.id, user.username, 'signup');
  await redeemCode(services, pool.id, user.username, 'signup', req.code);

  user.status = 'CONFIRMED';
  // The code reached this address, so it is verified (which, in alias pools, activates the alias).
  const to = verificationDestination(pool, user);
  if (to) user.attributes[`${to.attributeName}_verified`] = 'true';
  try {
    await saveUser(services, pool, user, { forceAliasCreation: req.forceAliasCreation });
  } catch (error) {
    // The client is expected to retry with ForceAliasCreation=true and the same code, so an
    // alias conflict must not use the code up.
    if (error instanceof CognitoError && error.type === 'AliasExistsException' && issued) {
      await codes.put(pool.id, user.username, 'signup', issued);
    }
    throw error;
  }
  if (req.session !== undefined) await redeemSignUpSession(services, client, req.session, user.username, 'signed-up');

  // PostConfirmation_ConfirmSignUp (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html):
  // its error reaches the caller, but the user stays confirmed.
  await runPostConfirmation(services, pool, user, 'PostConfirmation_ConfirmSignUp', client.clientId, req.clientMetadata);
  // Also when no Session came in, for a client that can use it: Amplify's autoSignIn (USER_AUTH)
  // sends none to ConfirmSignUp and signs in with the one this returns.
  const chained = req.session !== undefined || flowAllowed(client, 'user_auth');
  return chained ? openSignUpSession(services, client, user.username, 'confirmed') : undefined;
}

/** An administrator confirms an UNCONFIRMED user, without a code; PostConfirmation runs as for ConfirmSignUp. */
export async function adminConfirmSignUp(services: Services, pool: UserPool, user: User, clientMetadata: Record<string, string> | undefined): Promise<void> {
  if (user.status !== 'UNCONFIRMED') throw notUnconfirmed(user);
  user.status = 'CONFIRMED';
  await saveUser(services, pool, user);
  // Its error reaches the caller, but the user stays confirmed.
  await runPostConfirmation(services, pool, user, 'PostConfirmation_ConfirmSignUp', undefined, clientMetadata);
}

export interface ResendRequest {
  client: AppClient;
  pool: UserPool;
  user: User | undefined;
  /** The name as the caller typed it (what an unknown user's answer is derived from). */
  name: string;
  clientMetadata: Record<string, string> | undefined;
}

const autoVerificationOff = () => fail('InvalidParameterException', 'Auto verification not turned on.');

/** The channels sign-up codes may go to (phone first, as verificationDestination chooses). */
function verificationChannels(pool: UserPool): Channel[] {
  const auto = pool.config.AutoVerifiedAttributes ?? [];
  const out: Channel[] = [];
  if (auto.includes('phone_number')) out.push('SMS');
  if (auto.includes('email')) out.push('EMAIL');
  return out;
}

/**
 * Sends an UNCONFIRMED user a new confirmation code (the previous one stops working) and
 * resolves where it went; for an unknown user hidden by the client, where it would have gone.
 */
export async function resendConfirmationCode(services: Services, req: ResendRequest): Promise<Destination> {
  const { client, pool, user } = req;
  if (!user) {
    if (!hidesUserExistence(client)) throw unknownUserForClient();
    const channels = verificationChannels(pool);
    if (channels.length === 0) throw autoVerificationOff();
    await countCodeSend(services, pool.id, usernameKey(pool, req.name), 'confirmation');
    return phantomDestination(services, pool, req.name, channels);
  }
  if (user.status !== 'UNCONFIRMED') throw fail('InvalidParameterException', 'User is already confirmed.');
  const to = verificationDestination(pool, user);
  if (!to) throw autoVerificationOff();
  await countCodeSend(services, pool.id, user.username, 'confirmation');
  // Issuing replaces the stored code: the previous one stops working.
  const code = await issueCode(services, pool.id, user.username, 'signup', codeLifetime.signup);
  await deliverCode(services, {
    pool,
    user,
    to,
    cause: 'ResendCode',
    code,
    purpose: 'resend',
    clientId: client.clientId,
    clientMetadata: req.clientMetadata,
  });
  return to;
}
