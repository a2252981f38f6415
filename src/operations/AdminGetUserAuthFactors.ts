import { z } from 'zod';
import { shapes } from './shapes.ts';
import { authFactorsResponse } from './auth-factors.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUserAuthFactors.html

export default operation({
  name: 'AdminGetUserAuthFactors',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    return authFactorsResponse(services, pool, user);
  },
});
