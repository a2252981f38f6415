import { fail } from '../errors.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { isVerifiable, sendAttributeCode } from './self-service.ts';

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
    if (!isVerifiable(req.AttributeName)) {
      throw fail('InvalidParameterException', `Invalid attribute name: ${req.AttributeName} cannot be verified.`);
    }
    const details = await sendAttributeCode(services, pool, user, req.AttributeName, {
      cause: 'VerifyUserAttribute',
      clientId: client.clientId,
      clientMetadata: req.ClientMetadata,
    });
    if (!details) throw fail('InvalidParameterException', `User has no value for attribute ${req.AttributeName}.`);
    return { CodeDeliveryDetails: details };
  },
});
