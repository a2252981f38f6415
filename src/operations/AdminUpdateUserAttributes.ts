import { applyAttributeUpdate, checkAttributes, holdUnverifiedUpdates } from '../domain/user.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { sendAttributeCode } from './self-service.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html

export default operation({
  name: 'AdminUpdateUserAttributes',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    UserAttributes: shapes.attributeList(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    const updates = checkAttributes(pool, req.UserAttributes, 'update');
    // A new value sent without its *_verified flag set to "true" is held back where the pool
    // asks for verification before update.
    const held = holdUnverifiedUpdates(pool, user, updates);
    const unverified = applyAttributeUpdate(pool, user, updates);
    await saveUser(services, pool, user);
    // A changed, auto-verified email or phone number gets a verification code, as Cognito sends
    // one; so does a held one, at its new value.
    const auto = pool.config.AutoVerifiedAttributes ?? [];
    for (const kind of [...held, ...unverified.filter((k) => auto.includes(k))]) {
      await sendAttributeCode(services, pool, user, kind, { cause: 'UpdateUserAttribute', clientMetadata: req.ClientMetadata });
    }
    return {};
  },
});
