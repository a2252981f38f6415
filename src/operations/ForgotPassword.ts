import { fail, messages } from '../errors.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, send, verificationText } from '../messages/outbox.ts';
import { shapes, z } from '../protocol/shapes.ts';
import { operation } from './operation.ts';
import {
  contextMembers,
  hidesUserExistence,
  publicRequest,
  recoveryChannels,
  recoveryDestination,
  simulatedDestination,
  unknownUserForClient,
} from './recovery.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ForgotPassword.html

export const input = z.object({
  ClientId: shapes.clientId(),
  SecretHash: shapes.secretHash().optional(),
  Username: shapes.username(),
  ClientMetadata: shapes.clientMetadata().optional(),
  ...contextMembers,
});

export default operation({
  name: 'ForgotPassword',
  input,
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    if (!user) {
      // UserMigration_ForgotPassword trigger point (pool-model.md §4.4): an unknown user may be
      // imported here before the answer below.
      if (!hidesUserExistence(client)) throw unknownUserForClient();
      // recoveryChannels refuses admin_only pools exactly as it would for a real user.
      return { CodeDeliveryDetails: codeDeliveryDetails(simulatedDestination(services, pool, req.Username, recoveryChannels(pool))) };
    }
    if (!user.enabled) throw fail('NotAuthorizedException', messages.userDisabled);
    if (user.status === 'FORCE_CHANGE_PASSWORD') {
      throw fail('NotAuthorizedException', 'User password cannot be reset in the current state.');
    }
    const to = recoveryDestination(pool, user);
    // The user's status and password stay as they are until ConfirmForgotPassword.
    const code = await issueCode(services, pool.id, user.username, 'forgot', codeLifetime.forgot);
    await send(services, { poolId: pool.id, username: user.username, to, text: verificationText(pool, to.channel, code), code, purpose: 'forgot' });
    return { CodeDeliveryDetails: codeDeliveryDetails(to) };
  },
});
