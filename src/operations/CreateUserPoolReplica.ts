import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { createReplica } from '../pools/replicas.ts';
import { operation } from './operation.ts';
import { tagMap } from './pool-shapes.ts';
import { shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolReplica.html

export default operation({
  name: 'CreateUserPoolReplica',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate serves one Region: a replica is recorded, not run (ACTIVE at once; the answer says CREATING).',
  input: z.object({ UserPoolId: shapes.userPoolId(), RegionName: str({ min: 5, max: 32 }), UserPoolTags: tagMap().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { UserPoolReplica: await createReplica(services, pool, req.RegionName, req.UserPoolTags ?? {}) };
  },
});
