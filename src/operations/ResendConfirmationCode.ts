import { z } from 'zod';
import { codeDeliveryDetails } from '../messages/outbox.ts';
import { resendConfirmationCode } from '../users/confirmation.ts';
import { operation } from './operation.ts';
import { publicRequest } from './public-request.ts';
import { contextMembers, shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html

export default operation({
  name: 'ResendConfirmationCode',
  auth: 'public',
  input: z.object({
    ClientId: shapes.clientId(),
    SecretHash: shapes.secretHash().optional(),
    Username: shapes.username(),
    ClientMetadata: shapes.clientMetadata().optional(),
    ...contextMembers,
  }),
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    const to = await resendConfirmationCode(services, { client, pool, user, name: req.Username, clientMetadata: req.ClientMetadata });
    return { CodeDeliveryDetails: codeDeliveryDetails(to) };
  },
});
