import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { signOutEverywhere } from './global-sign-out.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html

export default operation({
  name: 'GlobalSignOut',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(req, { services }) {
    const { pool, user } = await authenticate(services, req.AccessToken);
    await signOutEverywhere(services, pool, user);
    return {};
  },
});
