import { z } from 'zod';
import { shapes } from './shapes.ts';
import { signOutEverywhere } from '../users/global-sign-out.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUserGlobalSignOut.html

export default operation({
  name: 'AdminUserGlobalSignOut',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await signOutEverywhere(services, pool, user);
    return {};
  },
});
