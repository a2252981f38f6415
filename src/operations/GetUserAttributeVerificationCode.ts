import { z } from 'zod';
import { codeDeliveryDetails } from '../messages/outbox.ts';
import { requestAttributeCode } from '../users/attribute-verification.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUserAttributeVerificationCode.html

export default operation({
  name: 'GetUserAttributeVerificationCode',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    AttributeName: shapes.attributeName(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services, caller }) {
    const { pool, client, user } = caller;
    const to = await requestAttributeCode(services, pool, client, user, req.AttributeName, req.ClientMetadata);
    return { CodeDeliveryDetails: codeDeliveryDetails(to) };
  },
});
