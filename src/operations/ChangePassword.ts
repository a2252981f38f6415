import { fail, messages } from '../errors.ts';
import { checkPasswordHistory, checkPasswordPolicy } from '../domain/password.ts';
import { poolName } from '../domain/pool.ts';
import { verifyPasswordAsync } from '../crypto/srp.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { saveUser, setPassword } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html

export default operation({
  name: 'ChangePassword',
  auth: 'token',
  input: z.object({
    PreviousPassword: shapes.password().optional(),
    ProposedPassword: shapes.password(),
    AccessToken: shapes.token(),
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    // PreviousPassword may be left out only by a user who has no password (passwordless sign-in).
    if (user.password !== undefined) {
      const previous = req.PreviousPassword;
      if (previous === undefined || !(await verifyPasswordAsync(services.modexp, poolName(pool), user.username, previous, user.password))) {
        throw fail('NotAuthorizedException', messages.incorrectCredentials);
      }
    }
    checkPasswordPolicy(pool, req.ProposedPassword, 'other');
    await checkPasswordHistory(services.modexp, pool, user, req.ProposedPassword);
    setPassword(services, pool, user, req.ProposedPassword);
    await saveUser(services, pool, user);
    return {};
  },
});
