import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { groupType } from './groups.ts';
import { loadGroup } from '../pools/groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetGroup.html

export default operation({
  name: 'GetGroup',
  auth: 'signed',
  input: z.object({ UserPoolId: groupMembers.UserPoolId, GroupName: groupMembers.GroupName }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    return { Group: groupType(await loadGroup(services, pool, req.GroupName)) };
  },
});
