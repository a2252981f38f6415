import { applyAttributeUpdate, checkAttributes } from '../domain/user.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { emailOf, phoneOf } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { shapes, z } from '../protocol/shapes.ts';
import { loadPool, loadUser } from './lookup.ts';
import { operation } from './operation.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminUpdateUserAttributes.html

export default operation({
  name: 'AdminUpdateUserAttributes',
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
    const unverified = applyAttributeUpdate(pool, user, updates);
    await saveUser(services, pool, user);
    // A changed, auto-verified email or phone number gets a verification code, as Cognito sends one.
    const auto = pool.config.AutoVerifiedAttributes ?? [];
    for (const kind of unverified.filter((k) => auto.includes(k))) {
      const to = kind === 'email' ? emailOf(user) : phoneOf(user);
      if (!to) continue;
      const purpose = `verify:${kind}`;
      const code = await issueCode(services, pool.id, user.username, purpose, codeLifetime.verify);
      await deliverCode(services, { pool, user, to, cause: 'UpdateUserAttribute', code, purpose, clientMetadata: req.ClientMetadata });
    }
    return {};
  },
});
