import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { deleteGroup } from '../pools/groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteGroup.html

export default operation({
  name: 'DeleteGroup',
  auth: 'signed',
  input: z.object({ UserPoolId: groupMembers.UserPoolId, GroupName: groupMembers.GroupName }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    await deleteGroup(services, pool, req.GroupName);
    return {};
  },
});
