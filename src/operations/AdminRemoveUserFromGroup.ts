import { z } from 'zod';
import { shapes } from './shapes.ts';
import { groupMembers } from './group-shapes.ts';
import { loadGroup, removeFromGroup } from '../pools/groups.ts';
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
    await removeFromGroup(services, group, user);
    return {};
  },
});
