import { type OAuthRequest, type OAuthResponse, page } from './exchange.ts';

/** What the `/error` page says for each error the authorization server sends there. */
const explanations: Record<string, string> = {
  redirect_mismatch: 'The redirect URI is not one of the app client’s callback (or sign-out) URLs. They must match exactly.',
  invalid_scope: 'The app client does not allow a scope of this request.',
  invalid_request: 'The request is not valid.',
};

/** GET /error?error=…&client_id=…: the domain's error page ("An error was encountered with the requested page"). */
export function errorPage(req: OAuthRequest): OAuthResponse {
  const error = req.query.get('error') ?? undefined;
  const message = (error !== undefined ? explanations[error] : undefined) ?? 'Something went wrong.';
  return page(400, { page: 'error', error: error !== undefined && /^[a-z_]{1,64}$/.test(error) ? error : undefined, message });
}
