import { verifyInSignIn } from '../auth/totp-setup.ts';
import { fail } from '../errors.ts';
import { z } from 'zod';
import { str, text } from './shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { exactlyOne, noPendingSoftwareToken, requireSoftwareTokenMfa, tokenOrSession, useTotpCode } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from '../users/write-user.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_VerifySoftwareToken.html

const mismatch = () => fail('EnableSoftwareTokenMFAException', 'Code mismatch and fail enable Software Token MFA');

export default operation({
  name: 'VerifySoftwareToken',
  auth: 'public',
  input: z.object({
    ...tokenOrSession,
    UserCode: str({ min: 6, max: 6, pattern: /[0-9]+/ }),
    FriendlyDeviceName: text().optional(),
  }),
  async handler(req, { services }) {
    exactlyOne(req);
    if (req.AccessToken !== undefined) {
      const { pool, user } = await authenticate(services, req.AccessToken);
      requireSoftwareTokenMfa(pool);
      const secret = user.mfa.pendingTotpSecret;
      if (secret === undefined) throw noPendingSoftwareToken();
      if (!(await useTotpCode(services, user, secret, req.UserCode))) throw mismatch();
      // Verified only: turning TOTP on is SetUserMFAPreference's job (Amplify calls it next).
      const { pendingTotpSecret: _, ...mfa } = user.mfa;
      user.mfa = { ...mfa, totpSecret: secret, totpFriendlyName: req.FriendlyDeviceName };
      await saveUser(services, pool, user);
      return { Status: 'SUCCESS' };
    }
    // A wrong code throws inside the step, so the session is not used up and can be retried.
    const session = await verifyInSignIn(services, req.Session!, req.UserCode, req.FriendlyDeviceName, false);
    return { Status: 'SUCCESS', Session: session };
  },
});
