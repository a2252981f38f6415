import { z } from 'zod';
import { int, shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClients.html

export default operation({
  name: 'ListUserPoolClients',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    MaxResults: int({ min: 1, max: 60 }).optional(),
    NextToken: shapes.paginationToken().optional(),
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const scope = `clients:${pool.id}`;
    const after = pageCursor(services, scope, req.NextToken, requestId);
    const page = await services.stores.clients.list(pool.id, pageSize(req.MaxResults), after);
    return {
      UserPoolClients: page.items.map((c) => ({ ClientId: c.clientId, UserPoolId: c.poolId, ClientName: c.name })),
      NextToken: pageToken(services, scope, page.next),
    };
  },
});
