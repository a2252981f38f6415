import { z } from 'zod';
import { confirmForgotPassword } from '../users/recovery.ts';
import { operation } from './operation.ts';
import { publicRequest } from './public-request.ts';
import { contextMembers, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html

export default operation({
  name: 'ConfirmForgotPassword',
  auth: 'public',
  input: z.object({
    ClientId: shapes.clientId(),
    SecretHash: shapes.secretHash().optional(),
    Username: shapes.username(),
    ConfirmationCode: shapes.confirmationCode(),
    Password: shapes.password(),
    ClientMetadata: shapes.clientMetadata().optional(),
    ...contextMembers,
  }),
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    await confirmForgotPassword(services, {
      client,
      pool,
      user,
      code: req.ConfirmationCode,
      password: req.Password,
      clientMetadata: req.ClientMetadata,
    });
    return {};
  },
});
