import { z } from 'zod';
import { shapes } from './shapes.ts';
import { groupMembers } from './group-shapes.ts';
import { loadGroup } from './groups.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRemoveUserFromGroup.html

export default operation({
  name: 'AdminRemoveUserFromGroup',
  auth: 'signed',
  input: z.object({ UserPoolId: groupMembers.UserPoolId, Username: shapes.username(), GroupName: groupMembers.GroupName }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const group = await loadGroup(services, pool, req.GroupName);
    const user = await loadUser(services, pool, req.Username);
    // Removing a user that is not a member is not an error.
    await services.stores.groups.removeUser(pool.id, group.name, user.username);
    return {};
  },
});
