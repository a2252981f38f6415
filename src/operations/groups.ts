import type { Group } from '../domain/types.ts';

/** What the group operations share: the GroupType answer (the rules are in pools/groups.ts). */

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
