import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { adminResetUserPassword } from '../users/recovery.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html

export default operation({
  name: 'AdminResetUserPassword',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await adminResetUserPassword(services, pool, user, req.ClientMetadata);
    return {};
  },
});
