import { checkPasswordHistory, checkPasswordPolicy } from '../domain/password.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { saveUser, setPassword } from './user-write.ts';

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
    checkPasswordPolicy(pool, req.Password, 'other');
    await checkPasswordHistory(pool, user, req.Password);
    setPassword(services, pool, user, req.Password);
    // A permanent password confirms the user whatever its state (EXTERNAL_PROVIDER included).
    user.status = req.Permanent ? 'CONFIRMED' : 'FORCE_CHANGE_PASSWORD';
    await saveUser(services, pool, user);
    return {};
  },
});
