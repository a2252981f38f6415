import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { runPostConfirmation } from '../triggers/confirmation.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { saveUser } from './user-write.ts';

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
    if (user.status !== 'UNCONFIRMED') {
      throw fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    }
    user.status = 'CONFIRMED';
    await saveUser(services, pool, user);
    // PostConfirmation_ConfirmSignUp (pool-model.md §4.4): its error reaches the caller, but
    // the user stays confirmed.
    await runPostConfirmation(services, pool, user, 'PostConfirmation_ConfirmSignUp', undefined, req.ClientMetadata);
    return {};
  },
});
