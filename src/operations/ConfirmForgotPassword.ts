import { fail, messages } from '../errors.ts';
import { checkPasswordHistory, checkPasswordPolicy } from '../domain/password.ts';
import { redeemCode } from '../messages/codes.ts';
import { z } from 'zod';
import { shapes } from './shapes.ts';
import { runPostConfirmation } from '../triggers/confirmation.ts';
import { operation } from './operation.ts';
import { contextMembers, hidesUserExistence, publicRequest, unknownUserForClient } from './recovery.ts';
import { saveUser, setPassword } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmForgotPassword.html

export const input = z.object({
  ClientId: shapes.clientId(),
  SecretHash: shapes.secretHash().optional(),
  Username: shapes.username(),
  ConfirmationCode: shapes.confirmationCode(),
  Password: shapes.password(),
  ClientMetadata: shapes.clientMetadata().optional(),
  ...contextMembers,
});

export default operation({
  name: 'ConfirmForgotPassword',
  auth: 'public',
  input,
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    if (!user && !hidesUserExistence(client)) throw unknownUserForClient();
    // Checked before the code is consumed, so a weak password does not cost the user their code.
    checkPasswordPolicy(pool, req.Password, 'other');
    // A hidden unknown user fails where a real one with a wrong code would.
    if (!user) throw fail('CodeMismatchException', messages.codeMismatch);
    // Only someone holding the right code learns that a password is an earlier one, and the
    // refusal leaves the code usable for another password.
    await redeemCode(services, pool.id, user.username, 'forgot', req.ConfirmationCode, () => checkPasswordHistory(services.modexp, pool, user, req.Password));
    setPassword(services, pool, user, req.Password);
    user.status = 'CONFIRMED';
    await saveUser(services, pool, user);
    // PostConfirmation_ConfirmForgotPassword (pool-model.md §4.4): its error reaches the
    // caller, but the new password stays set.
    await runPostConfirmation(services, pool, user, 'PostConfirmation_ConfirmForgotPassword', client.clientId, req.ClientMetadata);
    return {};
  },
});
