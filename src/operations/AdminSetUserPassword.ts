import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { adminSetPassword } from '../users/passwords.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminSetUserPassword.html

export default operation({
  name: 'AdminSetUserPassword',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    Password: shapes.password(),
    Permanent: z.boolean().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await adminSetPassword(services, pool, user, req.Password, req.Permanent === true);
    return {};
  },
});
