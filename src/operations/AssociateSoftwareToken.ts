import { associateInSignIn } from '../auth/totp-setup.ts';
import { newTotpSecret } from '../crypto/totp.ts';
import { z } from 'zod';
import { authenticate } from '../tokens/access.ts';
import { exactlyOne, requireSoftwareTokenMfa, tokenOrSession } from './mfa.ts';
import { operation } from './operation.ts';
import { saveUser } from '../users/write-user.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AssociateSoftwareToken.html

export default operation({
  name: 'AssociateSoftwareToken',
  auth: 'public',
  input: z.object(tokenOrSession),
  async handler(req, { services }) {
    exactlyOne(req);
    if (req.AccessToken !== undefined) {
      const secret = newTotpSecret();
      const { pool, user } = await authenticate(services, req.AccessToken);
      requireSoftwareTokenMfa(pool);
      // Replaces any earlier pending secret; the verified one (if any) stays until the new one is verified.
      user.mfa = { ...user.mfa, pendingTotpSecret: secret };
      await saveUser(services, pool, user);
      return { SecretCode: secret };
    }
    const { secret: inSession, session } = await associateInSignIn(services, req.Session!, false);
    return { SecretCode: inSession, Session: session };
  },
});
