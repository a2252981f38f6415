import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { groupType } from './groups.ts';
import { createGroup } from '../pools/groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateGroup.html

export default operation({
  name: 'CreateGroup',
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
    const group = await createGroup(services, pool, req.GroupName, { description: req.Description, roleArn: req.RoleArn, precedence: req.Precedence });
    return { Group: groupType(group) };
  },
});
