import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { listReplicas } from '../pools/replicas.ts';
import { operation } from './operation.ts';
import { pageCursor, pageToken } from './page-token.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolReplicas.html

export default operation({
  name: 'ListUserPoolReplicas',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate serves one Region: replicas are recorded, not run.',
  input: z.object({ UserPoolId: shapes.userPoolId(), NextToken: shapes.paginationToken().optional() }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const scope = `replicas:${pool.id}`;
    const page = await listReplicas(services, pool, pageCursor(services, scope, req.NextToken, requestId));
    return { UserPoolReplicas: page.replicas, NextToken: pageToken(services, scope, page.next) };
  },
});
