// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-attribute-permissions-and-scopes
import { fail } from '../errors.ts';
import { schemaOf } from '../domain/pool.ts';
import type { AppClient, UserPool } from '../domain/types.ts';

const VERIFIED_FLAGS = new Set(['email_verified', 'phone_number_verified']);

/**
 * Whether the app client may write `name` on behalf of a user. The verified flags never are
 * (a user must not vouch for their own address); otherwise the client's WriteAttributes decide,
 * unset meaning every attribute of the schema except developer-only ones. Required attributes are
 * always writable.
 */
function clientMayWrite(pool: UserPool, client: AppClient, name: string): boolean {
  if (VERIFIED_FLAGS.has(name) || name === 'sub') return false;
  const schema = schemaOf(pool.config).find((a) => a.Name === name);
  if (schema?.Required) return true;
  const allowed = client.config.WriteAttributes;
  if (allowed) return allowed.includes(name);
  return schema !== undefined && !schema.DeveloperOnlyAttribute && !name.startsWith('dev:');
}

/**
 * NotAuthorizedException when the client may not write one of `names` (checked before anything
 * else about the attributes, as Cognito does).
 */
export function assertClientMayWrite(pool: UserPool, client: AppClient, names: readonly string[]): void {
  if (names.some((name) => !clientMayWrite(pool, client, name))) {
    throw fail('NotAuthorizedException', 'A client attempted to write unauthorized attribute');
  }
}
