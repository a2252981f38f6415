import { z } from 'zod';
import { deleteUser } from '../users/delete-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html

export default operation({
  name: 'DeleteUser',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(_req, { services, caller }) {
    const { pool, user } = caller;
    await deleteUser(services, pool, user, { revokeSessions: true });
    return {};
  },
});
