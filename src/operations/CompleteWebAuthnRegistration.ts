import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { completeRegistration, registrationCredential } from '../webauthn/registration.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html

export default operation({
  name: 'CompleteWebAuthnRegistration',
  input: z.object({ AccessToken: shapes.token(), Credential: registrationCredential }),
  async handler(req, { services }) {
    const { pool, client, user } = await authenticate(services, req.AccessToken);
    await completeRegistration(services, pool, client, user, req.Credential);
    return {};
  },
});
