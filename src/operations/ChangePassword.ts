import { z } from 'zod';
import { changePassword } from '../users/passwords.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ChangePassword.html

export default operation({
  name: 'ChangePassword',
  auth: 'token',
  input: z.object({
    PreviousPassword: shapes.password().optional(),
    ProposedPassword: shapes.password(),
    AccessToken: shapes.token(),
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    await changePassword(services, pool, user, req.PreviousPassword, req.ProposedPassword);
    return {};
  },
});
