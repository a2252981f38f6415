import { fail } from '../errors.ts';
import { newSub } from '../domain/ids.ts';
import { passwordVerifier } from '../domain/password.ts';
import { usernameKey } from '../domain/pool.ts';
import type { Alias, StoredPassword, User, UserPool, UserStatus } from '../domain/types.ts';
import { aliasesOf, looksLikeEmail, looksLikePhone, usesUsernameAttributes } from '../domain/user.ts';
import type { Services } from '../services.ts';
import { aliasKey } from './find-user.ts';

/**
 * Creating and saving users, whoever asks (the API, the sign-in engine, triggers, the seed): the
 * username rules of username-attribute and alias pools, alias ownership, and password verifiers.
 */

export interface NewUser {
  /** What the caller gave as Username (an email or phone in username-attribute pools). */
  username: string;
  attributes: Record<string, string>;
  status: UserStatus;
  password?: string;
  /** A password verifier to keep as is instead of `password` (`cognate import`). */
  storedPassword?: StoredPassword;
  /** The sub to keep instead of a fresh one (`cognate import`); in username-attribute pools it is the internal username too. */
  sub?: string;
  /** Move a verified alias held by another user to this one (AdminCreateUser ForceAliasCreation). */
  forceAliasCreation?: boolean;
  /**
   * The UsernameExistsException message when the username is taken: SignUp says
   * `User already exists` (the default), AdminCreateUser `User account already exists`.
   */
  usernameExistsMessage?: string;
}

function aliasTaken(kind: Alias['kind']): never {
  const name = kind === 'phone_number' ? 'phone_number' : kind === 'email' ? 'email' : 'preferred_username';
  throw fail('AliasExistsException', `An account with the given ${name} already exists.`);
}

/** Resolves the internal username and the attributes the username implies. */
export function resolveNewUsername(pool: UserPool, given: string, attributes: Record<string, string>) {
  const attrs = { ...attributes };
  if (usesUsernameAttributes(pool)) {
    const allowed = pool.config.UsernameAttributes ?? [];
    if (allowed.includes('email') && looksLikeEmail(given)) attrs.email = given;
    else if (allowed.includes('phone_number') && looksLikePhone(given)) attrs.phone_number = given;
    else if (allowed.includes('email') && allowed.includes('phone_number'))
      throw fail('InvalidParameterException', 'Username should be either an email or a phone number.');
    else if (allowed.includes('email')) throw fail('InvalidParameterException', 'Username should be an email.');
    else throw fail('InvalidParameterException', 'Username should be a phone number.');
    const sub = newSub();
    return { username: sub, sub, attributes: attrs };
  }
  const aliases = pool.config.AliasAttributes ?? [];
  if (aliases.includes('email') && looksLikeEmail(given)) {
    throw fail('InvalidParameterException', 'Username cannot be of email format, since user pool is configured for email alias.');
  }
  if (aliases.includes('phone_number') && looksLikePhone(given)) {
    throw fail('InvalidParameterException', 'Username cannot be of phone number format, since user pool is configured for phone number alias.');
  }
  return { username: given, sub: newSub(), attributes: attrs };
}

/**
 * The aliases `user` should hold, after checking none belongs to someone else (unless forced).
 * In username-attribute pools a taken email/phone is UsernameExistsException for a new user and
 * AliasExistsException for an update (same message).
 */
async function claimAliases(services: Services, pool: UserPool, user: User, force: boolean, write: 'create' | 'update'): Promise<Alias[]> {
  const wanted = aliasesOf(pool, user, (kind, value) => aliasKey(pool, kind, value));
  for (const alias of wanted) {
    const holder = await services.stores.users.findAlias(pool.id, alias.kind, alias.valueKey);
    if (holder === undefined || holder === user.username) continue;
    if (usesUsernameAttributes(pool)) {
      throw fail(write === 'create' ? 'UsernameExistsException' : 'AliasExistsException', `An account with the given ${alias.kind} already exists.`);
    }
    if (!force) aliasTaken(alias.kind);
    // The alias moves: the previous holder's attribute becomes unverified.
    const previous = await services.stores.users.get(pool.id, usernameKey(pool, holder));
    if (previous) {
      if (alias.kind !== 'preferred_username') previous.attributes[`${alias.kind}_verified`] = 'false';
      await saveUser(services, pool, previous);
    }
  }
  return wanted;
}

/** Creates a user; UsernameExistsException when the username (or, in username-attribute pools, its email/phone) is taken. */
export async function createUser(services: Services, pool: UserPool, input: NewUser): Promise<User> {
  const resolved = resolveNewUsername(pool, input.username, input.attributes);
  const { attributes } = resolved;
  const sub = input.sub ?? resolved.sub;
  const username = input.sub !== undefined && resolved.username === resolved.sub ? input.sub : resolved.username;
  const now = services.clock.now();
  const user: User = {
    poolId: pool.id,
    username,
    sub,
    status: input.status,
    enabled: true,
    attributes: { sub, ...attributes },
    password: input.password === undefined ? input.storedPassword : passwordVerifier(pool, username, input.password),
    passwordSetAt: input.password === undefined && input.storedPassword === undefined ? undefined : now,
    mfa: {},
    tokensValidAfter: 0,
    createdAt: now,
    updatedAt: now,
  };
  return services.stores.transaction(async (stores) => {
    const scoped = { ...services, stores };
    const aliases = await claimAliases(scoped, pool, user, input.forceAliasCreation ?? false, 'create');
    const created = await stores.users.create(user, usernameKey(pool, username), aliases);
    if (!created) throw fail('UsernameExistsException', input.usernameExistsMessage ?? 'User already exists');
    return user;
  });
}

/** Saves a changed user, re-deriving its aliases (AliasExistsException when one is held by another user). */
export async function saveUser(services: Services, pool: UserPool, user: User, options: { forceAliasCreation?: boolean } = {}): Promise<void> {
  user.updatedAt = services.clock.now();
  await services.stores.transaction(async (stores) => {
    const scoped = { ...services, stores };
    const aliases = await claimAliases(scoped, pool, user, options.forceAliasCreation ?? false, 'update');
    await stores.users.update(user, usernameKey(pool, user.username), aliases);
  });
}
