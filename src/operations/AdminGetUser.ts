import { attributeList, mfaMembers } from '../domain/user.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminGetUser.html

export default operation({
  name: 'AdminGetUser',
  auth: 'signed',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    return {
      Username: user.username,
      UserAttributes: attributeList(user.attributes),
      UserCreateDate: user.createdAt / 1000,
      UserLastModifiedDate: user.updatedAt / 1000,
      Enabled: user.enabled,
      UserStatus: user.status,
      ...mfaMembers(user),
    };
  },
});
