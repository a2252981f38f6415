import { RETRIES } from '../auth/attempts.ts';
import { mfaSetupState } from '../auth/challenges/MFA_SETUP.ts';
import { continueSession } from '../sessions/session.ts';
import { newTotpSecret } from '../crypto/totp.ts';
import { z } from 'zod';
import { authenticate } from '../tokens/access.ts';
import { exactlyOne, requireSoftwareTokenMfa, sessionUser, tokenOrSession } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from '../users/write-user.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html

export default operation({
  name: 'AssociateSoftwareToken',
  auth: 'public',
  input: z.object(tokenOrSession),
  async handler(req, { services }) {
    exactlyOne(req);
    const secret = newTotpSecret();
    if (req.AccessToken !== undefined) {
      const { pool, user } = await authenticate(services, req.AccessToken);
      requireSoftwareTokenMfa(pool);
      // Replaces any earlier pending secret; the verified one (if any) stays until the new one is verified.
      user.mfa = { ...user.mfa, pendingTotpSecret: secret };
      await saveUser(services, pool, user);
      return { SecretCode: secret };
    }
    // During MFA_SETUP the pending secret lives in the auth session, sealed: the session record
    // is not encrypted at rest and the user has no factor yet.
    const session = await continueSession(services, req.Session!, 'MFA_SETUP', mfaSetupState, RETRIES, async (setup, state, clientId) => {
      const { pool } = await sessionUser(services, state, clientId);
      requireSoftwareTokenMfa(pool);
      setup.totpSecret = services.sealer.seal(secret);
      setup.totpVerified = false;
      return undefined;
    });
    return { SecretCode: secret, Session: session };
  },
});
