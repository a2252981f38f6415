import { z } from 'zod';
import { listSessions } from '../tokens/sessions.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserSessions.html

export default operation({
  name: 'ListUserSessions',
  auth: 'token',
  note: 'Token sessions only (SSO sessions come with the hosted pages); DeviceType, LastIPAddress and LastLocation are not recorded.',
  // Every session fits in one page (at most 125): NextToken is accepted and never returned.
  input: z.object({ AccessToken: shapes.token(), NextToken: shapes.paginationToken().optional() }),
  async handler(_req, { services, caller }) {
    const { pool, user, claims } = caller;
    return { Sessions: await listSessions(services, pool, user, claims.origin_jti) };
  },
});
