import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { groupType } from './groups.ts';
import { loadGroup } from '../pools/groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateGroup.html

export default operation({
  name: 'UpdateGroup',
  auth: 'signed',
  input: z.object({
    UserPoolId: groupMembers.UserPoolId,
    GroupName: groupMembers.GroupName,
    Description: groupMembers.Description,
    RoleArn: groupMembers.RoleArn,
    Precedence: groupMembers.Precedence,
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const group = await loadGroup(services, pool, req.GroupName);
    // "Updates any of the properties": members left out keep their values.
    if (req.Description !== undefined) group.description = req.Description;
    if (req.RoleArn !== undefined) group.roleArn = req.RoleArn;
    if (req.Precedence !== undefined) group.precedence = req.Precedence;
    group.updatedAt = services.clock.now();
    await services.stores.groups.update(group);
    return { Group: groupType(group) };
  },
});
