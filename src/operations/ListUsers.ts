import { fail } from '../errors.ts';
import { userType } from '../domain/user.ts';
import { z } from 'zod';
import { shapes, str } from './shapes.ts';
import type { UserListQuery } from '../storage/ports.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html

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

/**
 * Parses `attribute = "value"` or `attribute ^= "value"` (a `\"` inside the value is a quote).
 * An empty filter means none.
 */
function parseFilter(filter: string | undefined): UserListQuery['filter'] {
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

export default operation({
  name: 'ListUsers',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    AttributesToGet: shapes.attributeNames().optional(),
    Limit: shapes.limit().optional(),
    PaginationToken: shapes.paginationToken().optional(),
    Filter: str({ max: 256 }).optional(),
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const filter = parseFilter(req.Filter);
    // A token only continues the listing it came from: same pool, same filter.
    const scope = `ListUsers:${pool.id}:${JSON.stringify(filter ?? null)}`;
    const after = pageCursor(services, scope, req.PaginationToken, requestId);
    const page = await services.stores.users.list(pool.id, { limit: pageSize(req.Limit), after, ...(filter ? { filter } : {}) });
    const next = pageToken(services, scope, page.next);
    return {
      Users: page.items.map((u) => userType(u, req.AttributesToGet)),
      ...(next !== undefined ? { PaginationToken: next } : {}),
    };
  },
});
