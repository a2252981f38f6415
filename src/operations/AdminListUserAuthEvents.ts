import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { listAuthEvents, requireThreatProtection } from '../users/auth-events.ts';
import { loadUser } from '../users/find-user.ts';
import { authEventType } from './auth-event-type.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';
import { int, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListUserAuthEvents.html

export default operation({
  name: 'AdminListUserAuthEvents',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    MaxResults: int({ min: 0, max: 60 }).optional(),
    NextToken: shapes.paginationToken().optional(),
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    requireThreatProtection(pool);
    const user = await loadUser(services, pool, req.Username);
    const scope = `auth-events:${pool.id}:${user.username}`;
    const page = await listAuthEvents(services, pool, user, pageSize(req.MaxResults), pageCursor(services, scope, req.NextToken, requestId));
    const NextToken = pageToken(services, scope, page.next);
    return { AuthEvents: page.items.map(authEventType), ...(NextToken ? { NextToken } : {}) };
  },
});
