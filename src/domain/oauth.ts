import type { AppClient } from './types.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html

/** A user pool domain: a prefix (`<prefix>.auth.<region>.amazoncognito.com`) or a custom FQDN. */
export interface UserPoolDomain {
  /** The prefix, or the custom domain's host name, as created (lowercase). */
  domain: string;
  poolId: string;
  kind: 'prefix' | 'custom';
  /** 1: the classic hosted UI; 2: managed login. */
  managedLoginVersion: 1 | 2;
  /** CustomDomainConfig as given (custom domains only). */
  customDomainConfig: { CertificateArn: string; SecurityPolicy?: string | undefined } | undefined;
  createdAt: number;
  updatedAt: number;
}

export interface ResourceServerScope {
  ScopeName: string;
  ScopeDescription: string;
}

/** A resource server: an identifier under which custom scopes `<identifier>/<name>` exist. */
export interface ResourceServer {
  poolId: string;
  identifier: string;
  name: string;
  scopes: ResourceServerScope[];
  createdAt: number;
  updatedAt: number;
}

/** The OAuth 2.0 scopes every pool has, in the order Cognito writes them in access tokens. */
export const reservedScopes = ['aws.cognito.signin.user.admin', 'phone', 'openid', 'profile', 'email'] as const;
export type ReservedScope = (typeof reservedScopes)[number];

export const isReservedScope = (scope: string): scope is ReservedScope => (reservedScopes as readonly string[]).includes(scope);

/** The OIDC scopes that only mean something with `openid`. */
export const openidOnlyScopes: ReadonlySet<string> = new Set(['phone', 'profile', 'email']);

/**
 * Scopes in Cognito's order: the reserved ones as {@link reservedScopes} lists them (observed in
 * every real access token, whatever the request's order), then custom scopes in the order given.
 */
export function inCognitoOrder(scopes: Iterable<string>): string[] {
  const set = new Set(scopes);
  return [...reservedScopes.filter((s) => set.has(s)), ...[...set].filter((s) => !isReservedScope(s))];
}

/** `<identifier>/<name>` for every scope a pool's resource servers define. */
export function customScopesOf(servers: readonly ResourceServer[]): Set<string> {
  return new Set(servers.flatMap((s) => s.scopes.map((scope) => `${s.identifier}/${scope.ScopeName}`)));
}

/** The prefix pattern of the Domain member, applied to prefix domains only (custom domains are host names). */
export const PREFIX_PATTERN = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

/** A host name of at least two labels (a custom domain). */
export const HOST_NAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,61}[a-z0-9]$/;

/** Words Cognito does not allow in a prefix domain. */
export const reservedDomainWords = ['aws', 'amazon', 'cognito'] as const;

/**
 * Whether a redirect URL (callback or sign-out) may use plain http: only on loopback hosts
 * (`localhost`, `127.0.0.1`, `[::1]`), any port. Other schemes than http are not judged here.
 */
export function isLoopbackHttp(url: URL): boolean {
  return url.protocol === 'http:' && (url.hostname === 'localhost' || url.hostname === '127.0.0.1' || url.hostname === '[::1]');
}

/** Which OAuth flows an app client allows (AllowedOAuthFlows), only when it may use the authorization server at all. */
export function oauthFlowAllowed(client: AppClient, flow: 'code' | 'implicit' | 'client_credentials'): boolean {
  return client.config.AllowedOAuthFlowsUserPoolClient === true && (client.config.AllowedOAuthFlows ?? []).includes(flow);
}
