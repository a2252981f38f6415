import { z } from 'zod';
import { groupMembers } from './group-shapes.ts';
import { groupType } from './groups.ts';
import { loadPool } from '../pools/load.ts';
import { operation } from './operation.ts';
import { pageCursor, pageSize, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListGroups.html

export default operation({
  name: 'ListGroups',
  auth: 'signed',
  input: z.object({ UserPoolId: groupMembers.UserPoolId, Limit: groupMembers.Limit, NextToken: groupMembers.NextToken }),
  async handler(req, { services, requestId }) {
    const pool = await loadPool(services, req.UserPoolId);
    const scope = `ListGroups:${pool.id}`;
    const after = pageCursor(services, scope, req.NextToken, requestId);
    const page = await services.stores.groups.list(pool.id, pageSize(req.Limit), after);
    const next = pageToken(services, scope, page.next);
    return { Groups: page.items.map(groupType), ...(next !== undefined ? { NextToken: next } : {}) };
  },
});
