/**
 * Where Cognito's documentation is silent or contradicts itself, the authorization server
 * follows the choices below: what a Cognito user would expect, named and kept in one place so
 * that a capture from real AWS can change one without surgery elsewhere.
 */
export const choices = {
  /**
   * A scope the app client does not allow, at /oauth2/authorize: observed to land on the
   * `/error?error=invalid_scope` page of the domain and abort the flow (`error-page`); the
   * authorize page of the documentation says it is redirected to the app (`redirect`).
   */
  disallowedScope: 'error-page' as 'error-page' | 'redirect',
  /**
   * The scheme before the parameters of /oauth2/userInfo's WWW-Authenticate: AWS's documented
   * sample has none (`error="invalid_token", …`); RFC 6750 writes `Bearer error=…`.
   */
  userInfoChallengeScheme: '' as '' | 'Bearer ',
  /** HTTP status of /oauth2/token's `invalid_client`: 400 as its documentation shows (RFC 6749 says 401). */
  tokenInvalidClientStatus: 400,
  /** HTTP status of /oauth2/revoke's `invalid_client`: 401, as its documentation says. */
  revokeInvalidClientStatus: 401,
  /** How long an authorization code lives (Cognito: 5 minutes). */
  codeLifetimeMs: 5 * 60_000,
} as const;
