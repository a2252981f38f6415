import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { deleteResourceServer } from '../pools/resource-servers.ts';
import { operation } from './operation.ts';
import { resourceServerIdentifier } from './resource-server-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteResourceServer.html

export default operation({
  name: 'DeleteResourceServer',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Identifier: resourceServerIdentifier() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await deleteResourceServer(services, pool, req.Identifier);
    return {};
  },
});
