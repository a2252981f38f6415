import { z } from 'zod';
import { completeRegistration } from '../webauthn/registration.ts';
import { operation } from './operation.ts';
import { enumOf, int, list, shapes, str } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CompleteWebAuthnRegistration.html

const base64url = () => str({ min: 1, max: 65536, pattern: /^[A-Za-z0-9_-]+={0,2}$/ });

/** A RegistrationResponseJSON, as the browser's navigator.credentials.create() answer is serialised. */
const registrationCredential = z.object({
  id: base64url(),
  rawId: base64url(),
  type: enumOf(['public-key']),
  response: z.object({
    clientDataJSON: base64url(),
    attestationObject: base64url(),
    transports: list(str({ min: 1, max: 32 }), { max: 16 }).optional(),
    publicKeyAlgorithm: int().optional(),
    publicKey: base64url().optional(),
    authenticatorData: base64url().optional(),
  }),
  clientExtensionResults: z.record(z.string().max(256), z.unknown()).optional(),
  authenticatorAttachment: enumOf(['platform', 'cross-platform']).optional(),
});

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
