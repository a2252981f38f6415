import { z } from 'zod';
import { loadPool } from '../pools/load.ts';
import { revokeSession } from '../tokens/sessions.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { sessionMembers } from './session-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminRevokeUserSession.html

export default operation({
  name: 'AdminRevokeUserSession',
  auth: 'signed',
  note: 'LINKED revokes nothing more: there are no SSO sessions yet.',
  input: z.object({ UserPoolId: shapes.userPoolId(), Username: shapes.username(), ...sessionMembers }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    await revokeSession(services, pool, user, req.SessionId);
    return {};
  },
});
