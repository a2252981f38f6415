import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { disableUser } from '../users/enable-user.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html

export default operation({
  name: 'AdminDisableUser',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await disableUser(services, pool, await loadUser(services, pool, req.Username));
    return {};
  },
});
