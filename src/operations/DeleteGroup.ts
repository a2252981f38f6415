import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { loadGroup } from './groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteGroup.html

export default operation({
  name: 'DeleteGroup',
  auth: 'signed',
  input: z.object({ UserPoolId: groupMembers.UserPoolId, GroupName: groupMembers.GroupName }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const group = await loadGroup(services, pool, req.GroupName);
    // The store removes the memberships with the group.
    await services.stores.groups.delete(pool.id, group.name);
    return {};
  },
});
