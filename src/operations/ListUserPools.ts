import { z } from 'zod';
import { int, shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { pageCursor, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPools.html

const seconds = (ms: number) => Math.floor(ms / 1000);

export default operation({
  name: 'ListUserPools',
  auth: 'signed',
  input: z.object({
    MaxResults: int({ min: 1, max: 60 }),
    NextToken: shapes.paginationToken().optional(),
  }),
  async handler(req, { services, requestId }) {
    const after = pageCursor(services, 'pools', req.NextToken, requestId);
    const page = await services.stores.pools.list(req.MaxResults, after);
    return {
      UserPools: page.items.map((pool) => ({
        Id: pool.id,
        Name: pool.name,
        LambdaConfig: pool.config.LambdaConfig ?? {},
        LastModifiedDate: seconds(pool.updatedAt),
        CreationDate: seconds(pool.createdAt),
      })),
      NextToken: pageToken(services, 'pools', page.next),
    };
  },
});
