import { userNotFound } from '../errors.ts';
import { caseSensitive, usernameKey } from '../domain/pool.ts';
import type { AliasKind, User, UserPool } from '../domain/types.ts';
import { looksLikePhone } from '../domain/user.ts';
import type { Services } from '../services.ts';

/** The key an alias value is stored under (emails compare case-insensitively in Cognito). */
export function aliasKey(pool: UserPool, kind: AliasKind, value: string): string {
  if (kind === 'email') return value.toLowerCase();
  if (kind === 'preferred_username') return caseSensitive(pool) ? value : value.toLowerCase();
  return value;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Resolves what a caller typed as a user name: the username itself, an email / phone number /
 * preferred_username alias (or username attribute), or the `sub`.
 */
export async function findUser(services: Services, pool: UserPool, name: string): Promise<User | undefined> {
  const { users } = services.stores;
  const direct = await users.get(pool.id, usernameKey(pool, name));
  if (direct) return direct;
  const kinds: AliasKind[] = [];
  if (name.includes('@')) kinds.push('email');
  else if (looksLikePhone(name)) kinds.push('phone_number');
  kinds.push('preferred_username');
  for (const kind of kinds) {
    const username = await users.findAlias(pool.id, kind, aliasKey(pool, kind, name));
    if (username !== undefined) return users.get(pool.id, usernameKey(pool, username));
  }
  if (UUID.test(name)) return users.getBySub(pool.id, name.toLowerCase());
  return undefined;
}

/** Like findUser, but UserNotFoundException `User does not exist.` when there is none. */
export async function loadUser(services: Services, pool: UserPool, name: string): Promise<User> {
  const user = await findUser(services, pool, name);
  if (!user) throw userNotFound();
  return user;
}
