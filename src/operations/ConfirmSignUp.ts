import { CognitoError, fail, messages } from '../errors.ts';
import { flowAllowed } from '../domain/client.ts';
import { redeemCode } from '../messages/codes.ts';
import { verificationDestination } from '../messages/outbox.ts';
import { z } from 'zod';
import { bool, shapes } from './shapes.ts';
import { runPostConfirmation } from '../triggers/confirmation.ts';
import { loadSession } from '../auth/session.ts';
import { openSignUpSession, redeemSignUpSession } from '../auth/sign-up-session.ts';
import { operation } from './operation.ts';
import { contextMembers, hidesUserExistence, publicRequest, unknownUserForClient } from './recovery.ts';
import { saveUser } from './user-write.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ConfirmSignUp.html

export const input = z.object({
  ClientId: shapes.clientId(),
  SecretHash: shapes.secretHash().optional(),
  Username: shapes.username(),
  ConfirmationCode: shapes.confirmationCode(),
  ForceAliasCreation: bool().optional(),
  ClientMetadata: shapes.clientMetadata().optional(),
  Session: shapes.session().optional(),
  ...contextMembers,
});

export default operation({
  name: 'ConfirmSignUp',
  auth: 'public',
  input,
  async handler(req, { services }) {
    const { client, pool, user } = await publicRequest(services, req);
    if (!user) {
      // A hidden unknown user fails as a real one with a wrong code would.
      if (hidesUserExistence(client)) throw fail('CodeMismatchException', messages.codeMismatch);
      throw unknownUserForClient();
    }
    if (user.status !== 'UNCONFIRMED') {
      throw fail('NotAuthorizedException', `User cannot be confirmed. Current status is ${user.status}`);
    }
    // A Session from SignUp must be this user's and live; it is traded for a confirmed one. It is
    // checked before the code (a bad Session spends no code) and spent only once the code is
    // right and the user saved: a mistyped code, or an alias conflict, is retried with the same
    // Session (Amplify's autoSignIn does).
    if (req.Session !== undefined) {
      const pending = await loadSession(services, client, req.Session);
      if (pending.state.signUp !== 'signed-up' || pending.state.username !== user.username) throw fail('NotAuthorizedException', messages.invalidSession);
    }
    const codes = services.stores.codes;
    const issued = await codes.get(pool.id, user.username, 'signup');
    await redeemCode(services, pool.id, user.username, 'signup', req.ConfirmationCode);

    user.status = 'CONFIRMED';
    // The code reached this address, so it is verified (which, in alias pools, activates the alias).
    const to = verificationDestination(pool, user);
    if (to) user.attributes[`${to.attributeName}_verified`] = 'true';
    try {
      await saveUser(services, pool, user, { forceAliasCreation: req.ForceAliasCreation ?? false });
    } catch (error) {
      // The client is expected to retry with ForceAliasCreation=true and the same code, so an
      // alias conflict must not use the code up.
      if (error instanceof CognitoError && error.type === 'AliasExistsException' && issued) {
        await codes.put(pool.id, user.username, 'signup', issued);
      }
      throw error;
    }
    if (req.Session !== undefined) await redeemSignUpSession(services, client, req.Session, user.username, 'signed-up');

    // PostConfirmation_ConfirmSignUp (pool-model.md §4.4): its error reaches the caller, but
    // the user stays confirmed.
    await runPostConfirmation(services, pool, user, 'PostConfirmation_ConfirmSignUp', client.clientId, req.ClientMetadata);
    // Also when no Session came in, for a client that can use it: Amplify's autoSignIn (USER_AUTH)
    // sends none to ConfirmSignUp and signs in with the one this returns.
    const chained = req.Session !== undefined || flowAllowed(client, 'user_auth');
    return chained ? { Session: await openSignUpSession(services, client, user.username, 'confirmed') } : {};
  },
});
