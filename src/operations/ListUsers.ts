import { userType } from '../domain/user.ts';
import { z } from 'zod';
import { shapes, str } from './shapes.ts';
import { listUsers, parseUserFilter } from '../users/list-users.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsers.html

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
    const filter = parseUserFilter(req.Filter);
    // A token only continues the listing it came from: same pool, same filter.
    const scope = `ListUsers:${pool.id}:${JSON.stringify(filter ?? null)}`;
    const after = pageCursor(services, scope, req.PaginationToken, requestId);
    const page = await listUsers(services, pool, filter, pageSize(req.Limit), after);
    const next = pageToken(services, scope, page.next);
    return {
      Users: page.items.map((u) => userType(u, req.AttributesToGet)),
      ...(next !== undefined ? { PaginationToken: next } : {}),
    };
  },
});
