import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { poolSessionConfiguration } from '../pools/session-configuration.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserPoolSessionConfiguration.html

export default operation({
  name: 'GetUserPoolSessionConfiguration',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { UserPoolId: pool.id, ...(await poolSessionConfiguration(services, pool)) };
  },
});
