import { deletePasskey } from '../webauthn/credentials.ts';
import { z } from 'zod';
import { FREE_TEXT_MAX, shapes, str } from './shapes.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteWebAuthnCredential.html

export default operation({
  name: 'DeleteWebAuthnCredential',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token(), CredentialId: str({ min: 1, max: FREE_TEXT_MAX }) }),
  async handler(req, { services, caller }) {
    const { pool, user } = caller;
    await deletePasskey(services, pool, user, req.CredentialId);
    return {};
  },
});
