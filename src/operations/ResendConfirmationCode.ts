import { fail } from '../errors.ts';
import { codeLifetime, issueCode } from '../messages/codes.ts';
import { codeDeliveryDetails, verificationDestination } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { operation } from './operation.ts';
import { contextMembers, hidesUserExistence, publicRequest, simulatedDestination, unknownUserForClient, verificationChannels } from './recovery.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ResendConfirmationCode.html

export const input = z.object({
  ClientId: shapes.clientId(),
  SecretHash: shapes.secretHash().optional(),
  Username: shapes.username(),
  ClientMetadata: shapes.clientMetadata().optional(),
  ...contextMembers,
});

const autoVerificationOff = () => fail('InvalidParameterException', 'Auto verification not turned on.');

export default operation({
  name: 'ResendConfirmationCode',
  auth: 'public',
  input,
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    if (!user) {
      if (!hidesUserExistence(client)) throw unknownUserForClient();
      const channels = verificationChannels(pool);
      if (channels.length === 0) throw autoVerificationOff();
      return { CodeDeliveryDetails: codeDeliveryDetails(simulatedDestination(services, pool, req.Username, channels)) };
    }
    if (user.status !== 'UNCONFIRMED') throw fail('InvalidParameterException', 'User is already confirmed.');
    const to = verificationDestination(pool, user);
    if (!to) throw autoVerificationOff();
    // Issuing replaces the stored code: the previous one stops working.
    const code = await issueCode(services, pool.id, user.username, 'signup', codeLifetime.signup);
    await deliverCode(services, {
      pool,
      user,
      to,
      cause: 'ResendCode',
      code,
      purpose: 'resend',
      clientId: client.clientId,
      clientMetadata: req.ClientMetadata,
    });
    return { CodeDeliveryDetails: codeDeliveryDetails(to) };
  },
});
