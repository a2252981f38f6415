import { z } from 'zod';
import { shapes } from './shapes.ts';
import { startRegistration } from '../webauthn/registration.ts';
import { operation } from './operation.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_StartWebAuthnRegistration.html

export default operation({
  name: 'StartWebAuthnRegistration',
  auth: 'token',
  input: z.object({ AccessToken: shapes.token() }),
  async handler(_req, { services, caller }) {
    const { pool, client, user } = caller;
    return { CredentialCreationOptions: await startRegistration(services, pool, client, user) };
  },
});
