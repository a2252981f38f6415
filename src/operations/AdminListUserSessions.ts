import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { listSessions } from '../tokens/sessions.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminListUserSessions.html

export default operation({
  name: 'AdminListUserSessions',
  auth: 'signed',
  note: 'Token sessions only (SSO sessions come with the hosted pages); DeviceType, LastIPAddress and LastLocation are not recorded.',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username(), NextToken: shapes.paginationToken().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    return { Sessions: await listSessions(services, pool, user) };
  },
});
