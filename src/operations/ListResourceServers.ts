import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { pageCursor, pageToken } from './page-token.ts';
import { describeResourceServer } from './resource-server-shapes.ts';
import { int, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListResourceServers.html

export default operation({
  name: 'ListResourceServers',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    MaxResults: int({ min: 1, max: 50 }).optional(),
    NextToken: shapes.paginationToken().optional(),
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const scope = `resource-servers:${pool.id}`;
    const after = pageCursor(services, scope, req.NextToken, requestId);
    const page = await services.stores.resourceServers.list(pool.id, req.MaxResults ?? 50, after);
    return { ResourceServers: page.items.map(describeResourceServer), NextToken: pageToken(services, scope, page.next) };
  },
});
