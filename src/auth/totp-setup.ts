// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
import { fail, messages } from '../errors.ts';
import { newTotpSecret } from '../crypto/totp.ts';
import type { Services } from '../services.ts';
import { continueSession } from '../sessions/session.ts';
import { saveUser } from '../users/write-user.ts';
import { noPendingSoftwareToken, requireSoftwareTokenMfa, sessionUser, useTotpCode } from '../users/software-token.ts';
import { RETRIES } from './attempts.ts';
import { mfaSetupState } from './challenges/MFA_SETUP.ts';

/**
 * Enrolling TOTP inside a sign-in (MFA_SETUP): AssociateSoftwareToken and VerifySoftwareToken
 * with a Session, or the hosted MFA set-up page, which calls the same two steps. Each consumes
 * the session and hands out the next; the pending secret lives sealed in the session, since the
 * session record is not encrypted at rest and the user has no factor yet. `hosted` says who
 * continues the sign-in: a hosted sign-in continues on the hosted pages only, an API one through
 * the API only.
 */

/** A new secret for the sign-in waiting in MFA_SETUP; resolves it in clear (shown to the user once) and the next Session. */
export async function associateInSignIn(services: Services, session: string, hosted: boolean): Promise<{ secret: string; session: string }> {
  const secret = newTotpSecret();
  const next = await continueSession(services, session, 'MFA_SETUP', mfaSetupState, RETRIES, async (setup, state, clientId) => {
    if ((state.hosted === true) !== hosted) throw fail('NotAuthorizedException', messages.invalidSession);
    const { pool } = await sessionUser(services, state, clientId);
    requireSoftwareTokenMfa(pool);
    setup.totpSecret = services.sealer.seal(secret);
    setup.totpVerified = false;
    return undefined;
  });
  return { secret, session: next };
}

/**
 * Checks a code of the associated secret: right, the factor is on at once (as the MFA_SETUP
 * answer that follows needs) and the next Session is resolved; wrong, EnableSoftwareTokenMFAException
 * and the same session may try again.
 */
export async function verifyInSignIn(services: Services, session: string, code: string, friendlyName: string | undefined, hosted: boolean): Promise<string> {
  return continueSession(services, session, 'MFA_SETUP', mfaSetupState, RETRIES, async (setup, state, clientId) => {
    if ((state.hosted === true) !== hosted) throw fail('NotAuthorizedException', messages.invalidSession);
    const { pool, user } = await sessionUser(services, state, clientId);
    requireSoftwareTokenMfa(pool);
    const sealed = setup.totpSecret;
    if (sealed === undefined) throw noPendingSoftwareToken();
    const secret = services.sealer.open(sealed);
    if (!(await useTotpCode(services, user, secret, code))) throw fail('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');
    user.mfa = { ...user.mfa, totpSecret: secret, totpFriendlyName: friendlyName, totpEnabled: true };
    setup.totpVerified = true;
    // Saved with the consumption of the session: of concurrent verifications, one enrols.
    return (stores) => saveUser({ ...services, stores }, pool, user);
  });
}
