import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDisableUser.html

export default operation({
  name: 'AdminDisableUser',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    user.enabled = false;
    // Disabling revokes every token issued so far (pool-model.md §1.8).
    user.tokensValidAfter = services.clock.now();
    await saveUser(services, pool, user);
    return {};
  },
});
