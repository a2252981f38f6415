import { fail } from '../errors.ts';
import type { Group } from '../domain/types.ts';
import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { groupType } from './groups.ts';
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
    const now = services.clock.now();
    const group: Group = {
      poolId: pool.id,
      name: req.GroupName,
      description: req.Description,
      roleArn: req.RoleArn,
      precedence: req.Precedence,
      createdAt: now,
      updatedAt: now,
    };
    if (!(await services.stores.groups.create(group))) {
      throw fail('GroupExistsException', 'A group with the name already exists.');
    }
    return { Group: groupType(group) };
  },
});
