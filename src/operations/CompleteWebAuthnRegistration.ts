import { z } from 'zod';
import { shapes } from './shapes.ts';
import { completeRegistration, registrationCredential } from '../webauthn/registration.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html

export default operation({
  name: 'CompleteWebAuthnRegistration',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token(), Credential: registrationCredential }),
  async handler(req, { services, caller }) {
    const { pool, client, user } = caller;
    await completeRegistration(services, pool, client, user, req.Credential);
    return {};
  },
});
