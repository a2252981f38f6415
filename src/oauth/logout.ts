// https://docs.aws.amazon.com/cognito/latest/developerguide/logout-endpoint.html
import type { Services } from '../services.ts';
import { type OAuthRequest, type OAuthResponse, page } from './exchange.ts';
import { NO_DOMAIN } from './errors.ts';
import { endSso } from './sso.ts';
import { locateClient } from './where.ts';

/**
 * GET /logout: ends the browser's sign-in session at the pool (the `cognito` cookie) and either sends the
 * browser to a registered sign-out URL (`logout_uri`, exact match; it wins when both are given)
 * or back to sign-in (`redirect_uri` with `response_type`, and `scope`, `state`, `nonce`: "sign
 * out, then sign in as someone else"). An unregistered URL lands on the `/error` page.
 */
export async function logout(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  const q = req.query;
  const clientId = q.get('client_id');
  const located = await locateClient(services, req.host, clientId);
  if (located.kind === 'unknown-client')
    return page(400, { page: 'error', error: 'invalid_request', message: 'The client_id is missing, or names no app client of this user pool.' });
  if (located.kind === 'no-domain') return page(400, { page: 'error', error: 'invalid_request', message: NO_DOMAIN });
  const { client } = located;
  // Signed out whatever happens next: a sign-out URL refused still ends the session.
  const cookies = await endSso(services, req);
  const mismatch: OAuthResponse = {
    kind: 'redirect',
    location: `${req.origin}/error?${new URLSearchParams({ error: 'redirect_mismatch', client_id: client.clientId })}`,
    cookies,
  };
  const logoutUri = q.get('logout_uri');
  if (logoutUri) {
    if (!(client.config.LogoutURLs ?? []).includes(logoutUri)) return mismatch;
    return { kind: 'redirect', location: logoutUri, cookies };
  }
  const redirectUri = q.get('redirect_uri');
  if (!redirectUri)
    return page(
      400,
      {
        page: 'error',
        error: 'invalid_request',
        message: 'Sign-out needs a logout_uri, or a redirect_uri and response_type to sign in again.',
      },
      cookies,
    );
  if (!(client.config.CallbackURLs ?? []).includes(redirectUri)) return mismatch;
  const responseType = q.get('response_type');
  if (!responseType) return page(400, { page: 'error', error: 'invalid_request', message: 'Signing in again after sign-out needs a response_type.' }, cookies);
  const login = new URLSearchParams({ client_id: client.clientId, redirect_uri: redirectUri, response_type: responseType });
  for (const name of ['scope', 'state', 'nonce']) {
    const value = q.get(name);
    if (value !== null) login.set(name, value);
  }
  return { kind: 'redirect', location: `${req.origin}/login?${login}`, cookies };
}
