import { shapes, z } from '../protocol/shapes.ts';
import { authenticate } from '../tokens/access.ts';
import { startRegistration } from '../webauthn/registration.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html

export default operation({
  name: 'StartWebAuthnRegistration',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(req, { services }) {
    const { pool, client, user } = await authenticate(services, req.AccessToken);
    return { CredentialCreationOptions: await startRegistration(services, pool, client, user) };
  },
});
