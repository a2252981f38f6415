import { fail } from '../errors.ts';
import type { Group, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** What the group operations share: the lookup and the GroupType answer. */

const groupNotFound = () => fail('ResourceNotFoundException', 'Group not found.');

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
