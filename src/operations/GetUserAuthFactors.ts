import { z } from 'zod';
import { shapes } from './shapes.ts';
import { authFactorsResponse } from './auth-factors.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html

export default operation({
  name: 'GetUserAuthFactors',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(_req, { services, caller }) {
    const { pool, user } = caller;
    return authFactorsResponse(services, pool, user);
  },
});
