// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html
import { fail } from '../errors.ts';
import type { Page, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { UserListQuery } from '../storage/ports.ts';

/** Searching a pool's users with ListUsers' filter: called by ListUsers and the console. */

/** The attributes Cognito can search on; custom attributes are not searchable. */
const searchable = new Set([
  'username',
  'email',
  'phone_number',
  'name',
  'given_name',
  'family_name',
  'preferred_username',
  'cognito:user_status',
  'status',
  'sub',
]);

const FILTER = /^\s*([^\s=^"]+)\s*(=|\^=)\s*"((?:[^"\\]|\\.)*)"\s*$/;

export type UserFilter = UserListQuery['filter'];

/**
 * Parses `attribute = "value"` or `attribute ^= "value"` (a `\"` inside the value is a quote).
 * An empty filter means none.
 */
export function parseUserFilter(filter: string | undefined): UserFilter {
  if (filter === undefined || filter.trim() === '') return undefined;
  const m = FILTER.exec(filter);
  if (!m) throw fail('InvalidParameterException', 'Error while parsing filter.');
  const attribute = m[1]!;
  if (!searchable.has(attribute)) throw fail('InvalidParameterException', `Invalid search attribute: ${attribute}`);
  let value = m[3]!.replace(/\\(.)/g, '$1');
  // cognito:user_status compares case-insensitively; statuses are stored upper-case.
  if (attribute === 'cognito:user_status') value = value.toUpperCase();
  return { attribute, op: m[2] as '=' | '^=', value };
}

/** One page of the pool's users matching `filter` (parsed by {@link parseUserFilter}). */
export function listUsers(services: Services, pool: UserPool, filter: UserFilter, limit: number, after: string | undefined): Promise<Page<User>> {
  return services.stores.users.list(pool.id, { limit, after, ...(filter ? { filter } : {}) });
}
