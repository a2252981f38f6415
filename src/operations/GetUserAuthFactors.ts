import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { authFactorsResponse } from './auth-factors.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAuthFactors.html

export default operation({
  name: 'GetUserAuthFactors',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(req, { services }) {
    const { pool, user } = await authenticate(services, req.AccessToken);
    return authFactorsResponse(services, pool, user);
  },
});
