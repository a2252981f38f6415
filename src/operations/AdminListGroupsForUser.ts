import { z } from 'zod';
import { shapes } from './shapes.ts';
import { groupMembers } from './group-shapes.ts';
import { groupType } from './groups.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListGroupsForUser.html

export default operation({
  name: 'AdminListGroupsForUser',
  auth: 'signed',
  input: z.object({
    Username: shapes.username(),
    UserPoolId: groupMembers.UserPoolId,
    Limit: groupMembers.Limit,
    NextToken: groupMembers.NextToken,
  }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    // The scope holds the sub, not the username: a token must not carry over to a new user of the same name.
    const scope = `AdminListGroupsForUser:${pool.id}:${user.sub}`;
    const after = pageCursor(services, scope, req.NextToken, requestId);
    // A user belongs to at most a few hundred groups (Cognito's quota is 100), so one
    // ordered read paged here is cheaper than a second query shape in the store.
    const all = await services.stores.groups.groupsOf(pool.id, user.username);
    const rest = after === undefined ? all : all.filter((g) => g.name > after);
    const size = pageSize(req.Limit);
    const items = rest.slice(0, size);
    const next = pageToken(services, scope, rest.length > size ? items[items.length - 1]!.name : undefined);
    return { Groups: items.map(groupType), ...(next !== undefined ? { NextToken: next } : {}) };
  },
});
