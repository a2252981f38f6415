import { z } from 'zod';
import { verifyAttribute } from '../users/attribute-verification.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifyUserAttribute.html

export default operation({
  name: 'VerifyUserAttribute',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    AttributeName: shapes.attributeName(),
    Code: shapes.confirmationCode(),
  }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    await verifyAttribute(services, pool, user, req.AttributeName, req.Code);
    return {};
  },
});
