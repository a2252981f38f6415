import { fail } from '../errors.ts';
import type { Group, UserPool } from '../domain/types.ts';
import { int, shapes, str } from './shapes.ts';
import type { Services } from '../services.ts';

/** What the group operations share: member shapes, the lookup and the GroupType answer. */

export const groupMembers = {
  UserPoolId: shapes.userPoolId(),
  GroupName: shapes.groupName(),
  Description: str({ max: 2048 }).optional(),
  RoleArn: str({
    min: 20,
    max: 2048,
    pattern: /arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?/,
  }).optional(),
  // PrecedenceType is a 32-bit Integer in the model.
  Precedence: int({ min: 0, max: 2147483647 }).optional(),
  Limit: int({ min: 0, max: 60 }).optional(),
  NextToken: shapes.paginationToken().optional(),
};

export const groupNotFound = () => fail('ResourceNotFoundException', 'Group not found.');

export async function loadGroup(services: Services, pool: UserPool, name: string): Promise<Group> {
  const group = await services.stores.groups.get(pool.id, name);
  if (!group) throw groupNotFound();
  return group;
}

const seconds = (ms: number) => ms / 1000;

/** GroupType. */
export function groupType(group: Group): Record<string, unknown> {
  return {
    GroupName: group.name,
    UserPoolId: group.poolId,
    ...(group.description !== undefined ? { Description: group.description } : {}),
    ...(group.roleArn !== undefined ? { RoleArn: group.roleArn } : {}),
    ...(group.precedence !== undefined ? { Precedence: group.precedence } : {}),
    LastModifiedDate: seconds(group.updatedAt),
    CreationDate: seconds(group.createdAt),
  };
}
