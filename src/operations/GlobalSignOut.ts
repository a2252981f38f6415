import { z } from 'zod';
import { shapes } from './shapes.ts';
import { signOutEverywhere } from '../users/global-sign-out.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GlobalSignOut.html

export default operation({
  name: 'GlobalSignOut',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(_req, { services, caller }) {
    const { pool, user } = caller;
    await signOutEverywhere(services, pool, user);
    return {};
  },
});
