import assert from 'node:assert/strict';
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CreateResourceServerCommand,
  CreateUserPoolClientCommand,
  CreateUserPoolDomainCommand,
  type CreateUserPoolClientCommandInput,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool } from './fixtures.ts';
import type { TestServer } from './server.ts';

/**
 * Drives the hosted sign-in pages over HTTP as form scrapers and test harnesses do: follow the
 * redirects of /oauth2/authorize by hand, read the `cognitoSignInForm` (its action and `_csrf`)
 * and the XSRF-TOKEN cookie, post `username` / `password`, and stop at the redirect to the app.
 */

export interface Hop {
  status: number;
  location: string | undefined;
  headers: Headers;
  body: string;
}

/** One request without following redirects; the cookie jar is a plain map. */
export async function hop(url: string, init: RequestInit & { jar?: Map<string, string> } = {}): Promise<Hop> {
  const headers = new Headers(init.headers);
  if (init.jar?.size) headers.set('cookie', [...init.jar].map(([k, v]) => `${k}=${v}`).join('; '));
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    const eq = pair!.indexOf('=');
    init.jar?.set(pair!.slice(0, eq), pair!.slice(eq + 1));
  }
  return { status: res.status, location: res.headers.get('location') ?? undefined, headers: res.headers, body: await res.text() };
}

const decode = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The sign-in form of a /login page: where it posts and its `_csrf`. */
export function readForm(html: string): { action: string; csrf: string } {
  const form = /<form name="cognitoSignInForm"[^>]*action="([^"]*)"/.exec(html);
  const csrf = /<input name="_csrf" type="hidden" value="([^"]*)"/.exec(html);
  assert.ok(form && csrf, 'the page has the cognitoSignInForm with _csrf');
  return { action: decode(form[1]!), csrf: decode(csrf[1]!) };
}

/** The step form of a sign-in step page: where it posts, its `_csrf`, its sealed `_step` and the challenge it asks. */
export function readStepForm(html: string): { action: string; csrf: string; step: string; challenge: string } {
  const form = /<form name="cognitoStepForm" id="stepForm" method="post" action="([^"]*)" data-step="([^"]*)"/.exec(html);
  const csrf = /<input name="_csrf" type="hidden" value="([^"]*)"/.exec(html);
  const step = /<input name="_step" type="hidden" value="([^"]*)"/.exec(html);
  assert.ok(form && csrf && step, 'the page has the step form with _csrf and _step');
  return { action: decode(form[1]!), challenge: form[2]!, csrf: decode(csrf[1]!), step: decode(step[1]!) };
}

/** Posts a form of the pages with the browser's cookies. */
export function postForm(url: string, jar: Map<string, string>, fields: Record<string, string>) {
  return hop(url, { jar, method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams(fields).toString() });
}

/** The error message shown on a /login page, if any. */
export const pageError = (html: string) => {
  const m = /<p id="loginErrorMessage" class="errorMessage"[^>]*>([^<]*)<\/p>/.exec(html);
  return m ? decode(m[1]!) : undefined;
};

/**
 * From an authorization URL to the redirect back to the app: resolves the final Location (the
 * app's redirect_uri with `code` or the tokens), or the page shown instead.
 */
export async function signInThroughForm(authorizeUrl: string, username: string, password: string, init: { headers?: Record<string, string> } = {}) {
  const jar = new Map<string, string>();
  const first = await hop(authorizeUrl, { jar, headers: init.headers });
  assert.equal(first.status, 302, first.body);
  const loginUrl = new URL(first.location!, authorizeUrl).toString();
  const login = await hop(loginUrl, { jar, headers: init.headers });
  assert.equal(login.status, 200, login.body);
  const { action, csrf } = readForm(login.body);
  const posted = await hop(new URL(action, loginUrl).toString(), {
    jar,
    method: 'POST',
    headers: { ...init.headers, 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ _csrf: csrf, username, password, cognitoAsfData: '', signInSubmitButton: 'Sign in' }).toString(),
  });
  return { ...posted, jar, loginUrl };
}

export const USER_PASSWORD = 'Corr3ct-Horse!';
export const CALLBACK = 'http://localhost:8080/callback';

export interface HostedSetup {
  poolId: string;
  domain: string;
  /** A public client (no secret) allowing the code and implicit flows. */
  clientId: string;
  /** A confidential client allowing the code flow. */
  confidential: { clientId: string; secret: string };
  /** A confidential client allowing client_credentials. */
  machine: { clientId: string; secret: string };
  username: string;
}

let counter = 0;

/** A pool with a prefix domain, a resource server `api` (read, write), three OAuth clients and a user. */
export async function hostedSetup(
  server: TestServer,
  options: { client?: Partial<CreateUserPoolClientCommandInput>; pool?: Parameters<typeof createPool>[1] } = {},
): Promise<HostedSetup> {
  const poolId = await createPool(server, options.pool);
  const domain = `hosted-${process.pid}-${++counter}-${Math.random().toString(36).slice(2, 8)}`;
  await server.sdk.send(new CreateUserPoolDomainCommand({ UserPoolId: poolId, Domain: domain }));
  await server.sdk.send(
    new CreateResourceServerCommand({
      UserPoolId: poolId,
      Identifier: 'api',
      Name: 'api',
      Scopes: [
        { ScopeName: 'read', ScopeDescription: 'read' },
        { ScopeName: 'write', ScopeDescription: 'write' },
      ],
    }),
  );
  const web = {
    AllowedOAuthFlows: ['code', 'implicit'] as ('code' | 'implicit')[],
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthScopes: ['openid', 'email', 'profile', 'phone', 'aws.cognito.signin.user.admin', 'api/read'],
    CallbackURLs: [CALLBACK],
    LogoutURLs: ['http://localhost:8080/signed-out'],
    SupportedIdentityProviders: ['COGNITO'],
    ExplicitAuthFlows: ['ALLOW_REFRESH_TOKEN_AUTH' as const],
  };
  const pub = await server.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'spa', ...web, ...options.client }));
  const conf = await server.sdk.send(
    new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'server', GenerateSecret: true, ...web, AllowedOAuthFlows: ['code'], ...options.client }),
  );
  const m2m = await server.sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: 'machine',
      GenerateSecret: true,
      AllowedOAuthFlows: ['client_credentials'],
      AllowedOAuthFlowsUserPoolClient: true,
      AllowedOAuthScopes: ['api/read', 'api/write'],
    }),
  );
  const username = 'alice';
  await server.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      UserAttributes: [
        { Name: 'email', Value: 'alice@example.com' },
        { Name: 'email_verified', Value: 'true' },
        { Name: 'given_name', Value: 'Alice' },
        { Name: 'phone_number', Value: '+15555550100' },
      ],
    }),
  );
  await server.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: USER_PASSWORD, Permanent: true }));
  return {
    poolId,
    domain,
    clientId: pub.UserPoolClient!.ClientId!,
    confidential: { clientId: conf.UserPoolClient!.ClientId!, secret: conf.UserPoolClient!.ClientSecret! },
    machine: { clientId: m2m.UserPoolClient!.ClientId!, secret: m2m.UserPoolClient!.ClientSecret! },
    username,
  };
}
