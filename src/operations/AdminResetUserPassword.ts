import { fail, messages } from '../errors.ts';
import type { User, UserPool } from '../domain/types.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { type Destination, emailOf, phoneOf } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { loadPool } from '../pools/load.ts';
import { loadUser } from '../users/find-user.ts';
import { operation } from './operation.ts';
import { recoveryMechanisms } from './recovery.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AdminResetUserPassword.html

/**
 * The first verified channel by recovery priority. `admin_only` is skipped rather than refused:
 * it forbids self-service recovery, and this caller is the administrator.
 */
function resetDestination(pool: UserPool, user: User): Destination | undefined {
  for (const mechanism of recoveryMechanisms(pool)) {
    if (mechanism === 'verified_phone_number' && user.attributes.phone_number_verified === 'true' && phoneOf(user)) return phoneOf(user);
    if (mechanism === 'verified_email' && user.attributes.email_verified === 'true' && emailOf(user)) return emailOf(user);
  }
  return undefined;
}

export default operation({
  name: 'AdminResetUserPassword',
  auth: 'signed',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    Username: shapes.username(),
    ClientMetadata: shapes.clientMetadata().optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    const user = await loadUser(services, pool, req.Username);
    if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
    const to = resetDestination(pool, user);
    if (!to) {
      throw fail('InvalidParameterException', 'Cannot reset password for the user as there is no registered/verified email or phone_number');
    }
    user.status = 'RESET_REQUIRED';
    user.password = undefined;
    user.passwordSetAt = undefined;
    await saveUser(services, pool, user);
    // The same code ConfirmForgotPassword redeems.
    const code = await issueCode(services, pool.id, user.username, 'forgot', codeLifetime.forgot);
    await deliverCode(services, { pool, user, to, cause: 'ForgotPassword', code, purpose: 'forgot', clientMetadata: req.ClientMetadata });
    return {};
  },
});
