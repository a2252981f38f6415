// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import { inCognitoOrder, oauthFlowAllowed } from '../domain/oauth.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { activeScopes } from '../tokens/scopes.ts';
import { choices } from './choices.ts';
import { NO_DOMAIN } from './errors.ts';
import { locateClient } from './where.ts';

/**
 * The authorization request (/oauth2/authorize, /login): its parameters checked by an ordered
 * list of small checks, as certified authorization servers do. The order decides where an error
 * goes: until the client and its redirect_uri are known, an error can only be shown on a page
 * of the domain; after that it is redirected to the app (Cognito makes one exception, observed:
 * a scope the client does not allow lands on the `/error` page; see choices.ts).
 */

/** A checked authorization request. */
export interface AuthorizationRequest {
  pool: UserPool;
  client: AppClient;
  responseType: 'code' | 'token';
  redirectUri: string;
  /** The granted scopes, in Cognito's order (inactive custom scopes left out). */
  scopes: string[];
  state: string | undefined;
  nonce: string | undefined;
  /** PKCE S256 code_challenge. */
  codeChallenge: string | undefined;
  loginHint: string | undefined;
  /** OIDC `prompt` values: `login` forces the sign-in page, `none` forbids it. */
  prompt: string[];
}

/**
 * Where an authorization error goes:
 * - `page`: shown at once (no client, or its redirect_uri, to send it to);
 * - `error-page`: redirected to the domain's `/error?error=…&client_id=…` page;
 * - `redirect`: redirected to the app's redirect_uri with `error` (and `state`).
 */
export class AuthorizationError extends Error {
  readonly channel: 'page' | 'error-page' | 'redirect';
  readonly error: string;
  readonly description: string | undefined;
  /** Where a redirected error goes, once known: the client, its redirect_uri, the request's state and response_type. */
  target: { clientId: string; redirectUri: string | undefined; state: string | null; responseType: string | null } | undefined;

  constructor(channel: 'page' | 'error-page' | 'redirect', error: string, description?: string) {
    super(description ?? error);
    this.channel = channel;
    this.error = error;
    this.description = description;
  }
}

/** What the checks work on: the parameters, and what earlier checks established. */
interface Draft {
  services: Services;
  params: URLSearchParams;
  host: string | undefined;
  pool?: UserPool;
  client?: AppClient;
  redirectUri?: string;
  responseType?: 'code' | 'token';
  scopes?: string[];
  codeChallenge?: string;
  prompt?: string[];
}

type Check = (d: Draft) => void | Promise<void>;

const page = (error: string, description: string) => new AuthorizationError('page', error, description);
export const redirected = (error: string, description?: string) => new AuthorizationError('redirect', error, description);

/** The one value of a parameter; a repeated parameter is an error (RFC 6749 §3.1). */
function single(d: Draft, name: string): string | undefined {
  const values = d.params.getAll(name);
  if (values.length > 1) {
    const error = `The parameter ${name} is repeated.`;
    throw d.redirectUri === undefined ? page('invalid_request', error) : redirected('invalid_request', error);
  }
  const value = values[0];
  return value === '' ? undefined : value;
}

const checkClient: Check = async (d) => {
  const located = await locateClient(d.services, d.host, single(d, 'client_id'));
  if (located.kind === 'unknown-client') throw page('invalid_request', 'The client_id is missing, or names no app client of this user pool.');
  if (located.kind === 'no-domain') throw page('invalid_request', NO_DOMAIN);
  d.pool = located.pool;
  d.client = located.client;
};

const checkRedirectUri: Check = (d) => {
  const callbacks = d.client!.config.CallbackURLs ?? [];
  const given = single(d, 'redirect_uri');
  // Without redirect_uri, the client's DefaultRedirectURI, or its only callback URL.
  const uri = given ?? d.client!.config.DefaultRedirectURI ?? (callbacks.length === 1 ? callbacks[0] : undefined);
  // Registered URLs match exactly, character for character (a trailing slash matters).
  if (uri === undefined || !callbacks.includes(uri)) throw new AuthorizationError('error-page', 'redirect_mismatch');
  d.redirectUri = uri;
};

const checkOAuthAllowed: Check = (d) => {
  if (d.client!.config.AllowedOAuthFlowsUserPoolClient !== true) {
    throw redirected('unauthorized_client', 'The app client is not allowed to use OAuth 2.0 flows (AllowedOAuthFlowsUserPoolClient).');
  }
};

const checkResponseType: Check = (d) => {
  const type = single(d, 'response_type');
  if (type === undefined) throw redirected('invalid_request', 'The response_type parameter is missing.');
  if (type !== 'code' && type !== 'token') throw redirected('unsupported_response_type');
  if (!oauthFlowAllowed(d.client!, type === 'code' ? 'code' : 'implicit')) throw redirected('unauthorized_client');
  d.responseType = type;
};

const checkScope: Check = async (d) => {
  const allowed = d.client!.config.AllowedOAuthScopes ?? [];
  const asked = single(d, 'scope')?.split(' ').filter(Boolean);
  const refused = asked?.find((s) => !allowed.includes(s));
  if (refused !== undefined) {
    if (choices.disallowedScope === 'error-page') throw new AuthorizationError('error-page', 'invalid_scope');
    throw redirected('invalid_scope', `The scope ${refused} is not allowed for this client.`);
  }
  // No scope asked: every scope the client allows.
  d.scopes = inCognitoOrder(await activeScopes(d.services, d.pool!.id, asked ?? allowed));
};

const checkPkce: Check = (d) => {
  const method = single(d, 'code_challenge_method');
  const challenge = single(d, 'code_challenge');
  if (method === undefined && challenge === undefined) return;
  if (method === undefined || challenge === undefined) throw redirected('invalid_request', 'code_challenge and code_challenge_method go together.');
  if (method !== 'S256') throw redirected('invalid_request', 'The only code_challenge_method supported is S256.');
  if (!/^[A-Za-z0-9_-]{43}$/.test(challenge)) throw redirected('invalid_request', 'The code_challenge is not a base64url SHA-256 digest.');
  d.codeChallenge = challenge;
};

const checkIdentityProvider: Check = (d) => {
  const provider = single(d, 'identity_provider');
  const identifier = single(d, 'idp_identifier');
  // The pool's own users are the only identity provider here.
  if (identifier !== undefined || (provider !== undefined && provider !== 'COGNITO')) {
    throw redirected('invalid_request', `The identity provider ${provider ?? identifier} is not enabled for this client.`);
  }
  if (!(d.client!.config.SupportedIdentityProviders ?? []).includes('COGNITO')) {
    throw redirected('invalid_request', 'The app client does not allow sign-in with the user pool (SupportedIdentityProviders has no COGNITO).');
  }
};

const checkPrompt: Check = (d) => {
  // What `none` and `login` do depends on the browser's sign-in session (authorize.ts decides).
  d.prompt = single(d, 'prompt')?.split(' ').filter(Boolean) ?? [];
};

/** The checks, in the order Cognito applies them. */
const checks: readonly Check[] = [
  checkClient,
  checkRedirectUri,
  checkOAuthAllowed,
  checkResponseType,
  checkScope,
  checkPkce,
  checkIdentityProvider,
  checkPrompt,
];

/** Checks an authorization request; throws an {@link AuthorizationError} saying where its error goes. */
export async function checkAuthorizationRequest(services: Services, params: URLSearchParams, host: string | undefined): Promise<AuthorizationRequest> {
  const d: Draft = { services, params, host };
  try {
    for (const check of checks) await check(d);
  } catch (error) {
    if (error instanceof AuthorizationError && d.client) {
      error.target = { clientId: d.client.clientId, redirectUri: d.redirectUri, state: params.get('state'), responseType: params.get('response_type') };
    }
    throw error;
  }
  return {
    pool: d.pool!,
    client: d.client!,
    responseType: d.responseType!,
    redirectUri: d.redirectUri!,
    scopes: d.scopes!,
    state: single(d, 'state'),
    nonce: single(d, 'nonce'),
    codeChallenge: d.codeChallenge,
    loginHint: single(d, 'login_hint'),
    prompt: d.prompt ?? [],
  };
}
