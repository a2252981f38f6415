import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { deleteAttributes } from '../users/attribute-updates.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminDeleteUserAttributes.html

export default operation({
  name: 'AdminDeleteUserAttributes',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    UserAttributeNames: shapes.attributeNames(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await deleteAttributes(services, pool, user, req.UserAttributeNames);
    return {};
  },
});
