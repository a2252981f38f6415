import { usernameKey } from '../domain/pool.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUser.html

export default operation({
  name: 'DeleteUser',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(_req, { services, caller }) {
    const { pool, user } = caller;
    await services.stores.users.delete(pool.id, usernameKey(pool, user.username), user.username);
    // The user's sessions end with it (a later user with the same name must not inherit them).
    await services.stores.refreshTokens.revokeUser(pool.id, user.username, services.clock.now());
    return {};
  },
});
