import { AuthorizationError } from './authorization-request.ts';
import { type OAuthResponse, page } from './exchange.ts';

/** Appends parameters to a redirect URI: in its query, or (implicit grant) in the fragment. */
export function withParams(uri: string, params: Record<string, string | undefined>, inFragment: boolean): string {
  const pairs = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) if (value !== undefined) pairs.set(name, value);
  const text = pairs.toString();
  if (inFragment) return `${uri}#${text}`;
  return `${uri}${uri.includes('?') ? '&' : '?'}${text}`;
}

/** The answer to a failed authorization request, on the channel its check chose. */
export function authorizationErrorResponse(origin: string, error: AuthorizationError): OAuthResponse {
  const target = error.target;
  if (error.channel === 'redirect' && target?.redirectUri !== undefined) {
    // The implicit grant's answers travel in the fragment (RFC 6749 §4.2.2.1), its errors too.
    const location = withParams(
      target.redirectUri,
      { error: error.error, error_description: error.description, state: target.state ?? undefined },
      target.responseType === 'token',
    );
    return { kind: 'redirect', location };
  }
  if (error.channel === 'error-page' && target) {
    return { kind: 'redirect', location: `${origin}/error?${new URLSearchParams({ error: error.error, client_id: target.clientId })}` };
  }
  return page(400, { page: 'error', error: error.error, message: error.description ?? error.error });
}

export { AuthorizationError };
