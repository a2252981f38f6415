import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { adminConfirmSignUp } from '../users/confirmation.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminConfirmSignUp.html

export default operation({
  name: 'AdminConfirmSignUp',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await adminConfirmSignUp(services, pool, user, req.ClientMetadata);
    return {};
  },
});
