import { createHmac } from 'node:crypto';
import { fail, messages } from '../errors.ts';
import { traceChallenge } from '../events/trace.ts';
import { hidesUserExistence } from '../domain/client.ts';
import { passwordPolicyOf, poolName, usernameKey } from '../domain/pool.ts';
import type { AppClient, StoredPassword, User, UserPool } from '../domain/types.ts';
import { verifyPasswordAsync } from '../crypto/srp.ts';
import { findUser } from '../users/find-user.ts';
import type { Services } from '../services.ts';
import { assertNotLocked, clearFailures, reserveAttempt } from './lockout.ts';

/**
 * Who is signing in, and the checks around the secret (password or SRP proof) that every
 * password-based first factor shares: lockout, status, enabled, and PreventUserExistenceErrors.
 * An unknown user under ENABLED is a phantom: it goes through the same stages, does the same
 * work and fails where a real user with a wrong secret would.
 */
export interface Subject {
  pool: UserPool;
  client: AppClient;
  /** Undefined for a phantom. */
  user: User | undefined;
  /** The internal username, or the typed name of a phantom. */
  name: string;
  /** The key failures are counted under (phantoms count too, so lockout does not reveal existence). */
  lockKey: string;
}

export async function resolveSubject(services: Services, pool: UserPool, client: AppClient, typed: string): Promise<Subject> {
  const user = await findUser(services, pool, typed);
  if (user) return { pool, client, user, name: user.username, lockKey: usernameKey(pool, user.username) };
  if (!hidesUserExistence(client)) throw fail('UserNotFoundException', messages.userDoesNotExist);
  return { pool, client, user: undefined, name: typed, lockKey: `?${usernameKey(pool, typed)}` };
}

/** A stable salt and verifier for a name that has no user, so probing it costs and looks the same. */
export function phantomVerifier(services: Services, pool: UserPool, name: string): StoredPassword {
  const key = services.sealer.derive(`phantom:${pool.id}:${name}`, 400);
  return { salt: key.subarray(0, 16).toString('hex'), verifier: key.subarray(16, 400).toString('hex') };
}

/**
 * The checks that come before the secret is judged (a locked account is refused here, counting
 * nothing). Resolves the verifier to judge against.
 */
export async function beforeSecret(services: Services, subject: Subject): Promise<StoredPassword> {
  const { pool, client, user } = subject;
  await assertNotLocked(services, pool.id, subject.lockKey);
  if (!user) return phantomVerifier(services, pool, subject.name);
  const hide = hidesUserExistence(client);
  if (user.status === 'UNCONFIRMED' && !hide) throw fail('UserNotConfirmedException', messages.userNotConfirmed);
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  if (user.status === 'RESET_REQUIRED') {
    if (!hide) throw fail('PasswordResetRequiredException', messages.passwordResetRequired);
    return phantomVerifier(services, pool, subject.name);
  }
  return user.password ?? phantomVerifier(services, pool, subject.name);
}

/**
 * The account checks of a sign-in with no password to judge (CUSTOM_AUTH without SRP): an
 * unconfirmed, disabled or reset-required user is refused as the password flows refuse them.
 */
export function assertAccountUsable(subject: Subject): void {
  const { user, client } = subject;
  if (!user) return;
  const hide = hidesUserExistence(client);
  if (user.status === 'UNCONFIRMED' && !hide) throw fail('UserNotConfirmedException', messages.userNotConfirmed);
  if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
  if (user.status === 'RESET_REQUIRED' && !hide) throw fail('PasswordResetRequiredException', messages.passwordResetRequired);
  if (user.status === 'UNCONFIRMED' || user.status === 'RESET_REQUIRED') throw fail('NotAuthorizedException', messages.incorrectCredentials);
}

/**
 * Reserves the attempt right before the secret is judged: it counts as a failure until
 * {@link afterSecret} finds it right, so concurrent guesses are judged no faster than one at a
 * time (`Password attempts exceeded` once the account locks).
 */
export async function reserveSecretAttempt(services: Services, subject: Subject): Promise<void> {
  await reserveAttempt(services, subject.pool.id, subject.lockKey);
}

/** The checks after the secret was judged: a right one clears the failures, then what a right secret may still hit. */
export async function afterSecret(services: Services, subject: Subject, correct: boolean): Promise<void> {
  const { pool, user } = subject;
  const genuine = correct && user !== undefined && user.password !== undefined && user.status !== 'RESET_REQUIRED';
  traceChallenge('Password', genuine);
  // A wrong secret was counted when its attempt was reserved.
  if (!genuine) throw fail('NotAuthorizedException', messages.incorrectCredentials);
  await clearFailures(services, pool.id, subject.lockKey);
  if (user.status === 'UNCONFIRMED') throw fail('UserNotConfirmedException', messages.userNotConfirmed);
  if (user.status === 'FORCE_CHANGE_PASSWORD') {
    const days = passwordPolicyOf(pool).TemporaryPasswordValidityDays;
    if ((user.passwordSetAt ?? 0) + days * 86_400_000 < services.clock.now()) {
      throw fail('NotAuthorizedException', 'Temporary password has expired and must be reset by an administrator.');
    }
  }
}

/** A plain password as the first factor (USER_PASSWORD_AUTH, ADMIN_USER_PASSWORD_AUTH, USER_AUTH PASSWORD). */
export async function checkPasswordFactor(services: Services, subject: Subject, password: string): Promise<void> {
  const verifier = await beforeSecret(services, subject);
  await reserveSecretAttempt(services, subject);
  const correct = await verifyPasswordAsync(services.modexp, poolName(subject.pool), subject.name, password, verifier);
  await afterSecret(services, subject, correct);
}

/** The subject of a sign-in already under way (a phantom keeps the name it was typed as). */
export function subjectOf(ctx: { pool: UserPool; client: AppClient; user: User | undefined; state: { username: string; typed?: string } }): Subject {
  const { pool, client, user, state } = ctx;
  if (!user) {
    const typed = state.typed ?? state.username;
    return { pool, client, user, name: typed, lockKey: `?${usernameKey(pool, typed)}` };
  }
  return { pool, client, user, name: user.username, lockKey: usernameKey(pool, user.username) };
}

/**
 * A phantom's USER_ID_FOR_SRP, shaped like a real user's: where usernames are generated (email
 * or phone as username) a UUID stable per (pool, typed name); elsewhere the name as typed.
 */
export function phantomId(services: Services, pool: UserPool, typed: string): string {
  if ((pool.config.UsernameAttributes?.length ?? 0) === 0) return typed;
  const h = createHmac('sha256', services.sealer.derive('phantom-id')).update(`${pool.id}:${typed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
