import { userType } from '../domain/user.ts';
import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { loadGroup } from '../pools/groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUsersInGroup.html

export default operation({
  name: 'ListUsersInGroup',
  auth: 'signed',
  input: z.object({
    UserPoolId: groupMembers.UserPoolId,
    GroupName: groupMembers.GroupName,
    Limit: groupMembers.Limit,
    NextToken: groupMembers.NextToken,
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const group = await loadGroup(services, pool, req.GroupName);
    const scope = `ListUsersInGroup:${pool.id}:${group.name}:${group.createdAt}`;
    const after = pageCursor(services, scope, req.NextToken, requestId);
    const page = await services.stores.users.list(pool.id, { limit: pageSize(req.Limit), after, group: group.name });
    const next = pageToken(services, scope, page.next);
    return { Users: page.items.map((u) => userType(u)), ...(next !== undefined ? { NextToken: next } : {}) };
  },
});
