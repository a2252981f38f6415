import { z } from 'zod';
import { codeDeliveryDetails } from '../messages/outbox.ts';
import { updateAttributes } from '../users/attribute-updates.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserAttributes.html

export default operation({
  name: 'UpdateUserAttributes',
  auth: 'token',
  input: z.object({
    UserAttributes: shapes.attributeList(),
    AccessToken: shapes.token(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services, caller }) {
    const { pool, client, user } = caller;
    const sent = await updateAttributes(services, { pool, user, client, attributes: req.UserAttributes, clientMetadata: req.ClientMetadata });
    return sent.length > 0 ? { CodeDeliveryDetailsList: sent.map(codeDeliveryDetails) } : {};
  },
});
