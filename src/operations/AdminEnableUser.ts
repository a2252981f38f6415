import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { enableUser } from '../users/enable-user.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminEnableUser.html

export default operation({
  name: 'AdminEnableUser',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await enableUser(services, pool, await loadUser(services, pool, req.Username));
    return {};
  },
});
