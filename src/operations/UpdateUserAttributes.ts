import { applyAttributeUpdate, checkAttributes, holdUnverifiedUpdates } from '../domain/user.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { sendAttributeCode, unauthorizedAttribute } from './self-service.ts';
import { clientMayWrite } from './SignUp.ts';
import { saveUser } from './user-write.ts';

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
    // The client's WriteAttributes are checked before the schema, as SignUp does.
    if (req.UserAttributes.some((a) => !clientMayWrite(pool, client, a.Name))) throw unauthorizedAttribute();
    const updates = checkAttributes(pool, req.UserAttributes, 'update');
    const held = holdUnverifiedUpdates(pool, user, updates);
    const unverified = applyAttributeUpdate(pool, user, updates);
    await saveUser(services, pool, user);
    // A changed email / phone number is unverified now; an auto-verified one gets a code, and so
    // does a held one (at its new value), which only a code can make active.
    const auto = pool.config.AutoVerifiedAttributes ?? [];
    const sent = [];
    for (const kind of [...held, ...unverified.filter((k) => auto.includes(k))]) {
      const details = await sendAttributeCode(services, pool, user, kind, {
        cause: 'UpdateUserAttribute',
        clientId: client.clientId,
        clientMetadata: req.ClientMetadata,
      });
      if (details) sent.push(details);
    }
    return sent.length > 0 ? { CodeDeliveryDetailsList: sent } : {};
  },
});
