import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { updateReplica } from '../pools/replicas.ts';
import { operation } from './operation.ts';
import { enumOf, shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolReplica.html

export default operation({
  name: 'UpdateUserPoolReplica',
  auth: 'signed',
  storedOnly: true,
  note: 'cognate serves one Region: replicas are recorded, not run.',
  input: z.object({ UserPoolId: shapes.userPoolId(), RegionName: str({ min: 5, max: 32 }), Status: enumOf(['ACTIVE', 'INACTIVE']) }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { UserPoolReplica: await updateReplica(services, pool, req.RegionName, req.Status) };
  },
});
