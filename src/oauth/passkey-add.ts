// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-authentication-flow-methods-passkey
import { z } from 'zod';
import { fail } from '../errors.ts';
import type { Services } from '../services.ts';
import { completeRegistration, type RegistrationCredential, startRegistration } from '../webauthn/registration.ts';
import { refusal } from './account-page.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { csrfMatches, csrfRefused, csrfToken } from './csrf.ts';
import { type OAuthRequest, type OAuthResponse, page } from './exchange.ts';
import { checked } from './login.ts';
import { pageFrame } from './page-frame.ts';
import { signedIn } from './signed-in.ts';
import { ssoUser } from './sso.ts';

/**
 * `/passkeys/add`: a user signed in at the pool (the `cognito` cookie) registers a passkey —
 * StartWebAuthnRegistration's options, navigator.credentials.create in the browser,
 * CompleteWebAuthnRegistration's checks — then goes back to the app with a code. Without a
 * sign-in session the browser is sent to sign in first.
 */

const credential = z.object({
  id: z.string().min(1).max(1024),
  rawId: z.string().min(1).max(1024),
  type: z.literal('public-key'),
  response: z.object({
    clientDataJSON: z.string().min(1).max(65536),
    attestationObject: z.string().min(1).max(65536),
    transports: z.array(z.string().max(32)).max(16).optional(),
  }),
  clientExtensionResults: z.record(z.string().max(256), z.unknown()).optional(),
  authenticatorAttachment: z.enum(['platform', 'cross-platform']).optional(),
});

async function addPage(services: Services, req: OAuthRequest, request: AuthorizationRequest, user: Parameters<typeof startRegistration>[3], error?: string) {
  const options = await startRegistration(services, request.pool, request.client, user);
  const { token, cookies } = csrfToken(req);
  const frame = await pageFrame(services, request.client, req.host);
  return page(200, { page: 'passkey-add', ...frame, action: `/passkeys/add?${req.query}`, csrf: token, options: JSON.stringify(options), error }, cookies);
}

export async function passkeyAdd(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  if (req.method === 'POST' && !csrfMatches(req)) return page(403, csrfRefused);
  const request = await checked(services, req);
  if ('kind' in request) return request;
  const session = await ssoUser(services, req, request.pool);
  if (!session) return { kind: 'redirect', location: `${req.origin}/login?${req.query}` };
  try {
    if (req.method !== 'POST') return await addPage(services, req, request, session.user);
    let given: RegistrationCredential;
    try {
      given = credential.parse(JSON.parse(req.form.get('credential') ?? '')) as RegistrationCredential;
    } catch {
      throw fail('InvalidParameterException', 'The passkey credential is not valid.');
    }
    await completeRegistration(services, request.pool, request.client, session.user, given);
  } catch (error) {
    const message = refusal(error);
    try {
      return await addPage(services, req, request, session.user, message);
    } catch (again) {
      return page(400, { page: 'error', error: 'invalid_request', message: refusal(again) });
    }
  }
  return signedIn(services, request, session.user, session.authTime, false);
}
