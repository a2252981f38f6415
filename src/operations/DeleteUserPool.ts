import { z } from 'zod';
import { deletePool } from '../pools/delete-pool.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPool.html

export default operation({
  name: 'DeleteUserPool',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    await deletePool(services, await loadPool(services, req.UserPoolId));
    return {};
  },
});
