import { removeAttributes } from '../domain/user.ts';
import { z } from 'zod';
import { list, shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUserAttributes.html

export default operation({
  name: 'AdminDeleteUserAttributes',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    UserAttributeNames: list(shapes.attributeName()),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    removeAttributes(pool, user, req.UserAttributeNames);
    await saveUser(services, pool, user);
    return {};
  },
});
