/**
 * An OAuth 2.0 error of a JSON endpoint (/oauth2/token, /oauth2/revoke): its `error` code, an
 * optional description, and the HTTP status (400 unless said).
 */
export class OAuthError extends Error {
  readonly error: string;
  readonly description: string | undefined;
  readonly status: number;

  constructor(error: string, description?: string, status = 400) {
    super(description ?? error);
    this.error = error;
    this.description = description;
    this.status = status;
  }
}

export const oauthError = (error: string, description?: string, status?: number) => new OAuthError(error, description, status);

/** What the pages say about a pool without a domain (Cognito has no endpoints for such a pool at all). */
export const NO_DOMAIN =
  'This user pool has no domain. The hosted sign-in pages and the OAuth 2.0 endpoints of a pool need one: create it with CreateUserPoolDomain.';
