import { z } from 'zod';
import { confirmSignUp } from '../users/confirmation.ts';
import { operation } from './operation.ts';
import { publicRequest } from './public-request.ts';
import { bool, contextMembers, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html

export default operation({
  name: 'ConfirmSignUp',
  auth: 'public',
  input: z.object({
    ClientId: shapes.clientId(),
    SecretHash: shapes.secretHash().optional(),
    Username: shapes.username(),
    ConfirmationCode: shapes.confirmationCode(),
    ForceAliasCreation: bool().optional(),
    ClientMetadata: shapes.clientMetadata().optional(),
    Session: shapes.session().optional(),
    ...contextMembers,
  }),
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    const session = await confirmSignUp(services, {
      client,
      pool,
      user,
      code: req.ConfirmationCode,
      forceAliasCreation: req.ForceAliasCreation ?? false,
      session: req.Session,
      clientMetadata: req.ClientMetadata,
    });
    return session !== undefined ? { Session: session } : {};
  },
});
