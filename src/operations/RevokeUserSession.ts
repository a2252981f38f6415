import { z } from 'zod';
import { revokeSession } from '../tokens/sessions.ts';
import { operation } from './operation.ts';
import { sessionMembers } from './session-shapes.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_RevokeUserSession.html

export default operation({
  name: 'RevokeUserSession',
  auth: 'token',
  note: 'LINKED revokes nothing more: there are no SSO sessions yet.',
  // LINKED would also end the SSO session a token session came through; cognate's sessions have none.
  input: z.object({ AccessToken: shapes.token(), ...sessionMembers }),
  async handler(req, { services, caller }) {
    const { pool, user, claims } = caller;
    await revokeSession(services, pool, user, req.SessionId, claims.origin_jti);
    return {};
  },
});
