import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { deleteSoftwareToken } from '../users/software-token.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteSoftwareToken.html

export default operation({
  name: 'AdminDeleteSoftwareToken',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await deleteSoftwareToken(services, pool, user);
    return {};
  },
});
