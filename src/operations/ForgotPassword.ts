import { fail, messages } from '../errors.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import type { User } from '../domain/types.ts';
import { codeDeliveryDetails } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { hasTrigger } from '../triggers/invoker.ts';
import { migrateUser } from '../triggers/migrate.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
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
  auth: 'public',
  input,
  async handler(req, { services }) {
    const found = await publicRequest(services, req);
    const { client, pool } = found;
    let user = found.user;
    // UserMigration_ForgotPassword (pool-model.md §4.4): an unknown user may be imported, if the
    // function gives them a verified address to send the code to.
    if (!user && hasTrigger(pool, 'UserMigration')) {
      user = await migrateUser(services, pool, {
        source: 'UserMigration_ForgotPassword',
        userName: req.Username,
        clientId: client.clientId,
        clientMetadata: req.ClientMetadata,
        check: (attributes) => void recoveryDestination(pool, { attributes } as User),
      });
    }
    if (!user) {
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
    await deliverCode(services, {
      pool,
      user,
      to,
      cause: 'ForgotPassword',
      code,
      purpose: 'forgot',
      clientId: client.clientId,
      clientMetadata: req.ClientMetadata,
    });
    return { CodeDeliveryDetails: codeDeliveryDetails(to) };
  },
});
