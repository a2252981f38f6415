// The OAuth 2.0 code flow with PKCE against a running cognate, with openid-client as the app:
// creates a pool with a domain, an app client and a user, then discovers the authorization
// server, signs the user in through the hosted /login form (filled over HTTP here; a browser
// would show it), exchanges the code, reads userInfo and refreshes.
// Start the server first (`npm start`), then: node examples/oauth-openid-client.mjs
import {
  AdminCreateUserCommand,
  AdminSetUserPasswordCommand,
  CognitoIdentityProviderClient,
  CreateUserPoolClientCommand,
  CreateUserPoolCommand,
  CreateUserPoolDomainCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import * as client from 'openid-client';

const server = process.env.COGNATE_URL ?? 'http://127.0.0.1:9229';
const callback = 'http://localhost:3000/callback';
const cognito = new CognitoIdentityProviderClient({
  endpoint: server,
  region: 'us-east-1',
  credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
});

const { UserPool } = await cognito.send(new CreateUserPoolCommand({ PoolName: 'oauth-example' }));
// Only a pool with a domain has the OAuth endpoints, as in Cognito.
await cognito.send(new CreateUserPoolDomainCommand({ UserPoolId: UserPool.Id, Domain: `example-${Date.now()}` }));
const { UserPoolClient } = await cognito.send(
  new CreateUserPoolClientCommand({
    UserPoolId: UserPool.Id,
    ClientName: 'web',
    AllowedOAuthFlowsUserPoolClient: true,
    AllowedOAuthFlows: ['code'],
    AllowedOAuthScopes: ['openid', 'email', 'profile'],
    CallbackURLs: [callback],
    SupportedIdentityProviders: ['COGNITO'],
  }),
);
await cognito.send(
  new AdminCreateUserCommand({
    UserPoolId: UserPool.Id,
    Username: 'alice',
    UserAttributes: [
      { Name: 'email', Value: 'alice@example.com' },
      { Name: 'email_verified', Value: 'true' },
    ],
    MessageAction: 'SUPPRESS',
  }),
);
await cognito.send(new AdminSetUserPasswordCommand({ UserPoolId: UserPool.Id, Username: 'alice', Password: 'Correct-horse-1', Permanent: true }));

// The app: discovery from the issuer (http here, hence allowInsecureRequests).
const config = await client.discovery(new URL(`${server}/${UserPool.Id}`), UserPoolClient.ClientId, undefined, client.None(), {
  execute: [client.allowInsecureRequests],
});
const codeVerifier = client.randomPKCECodeVerifier();
const state = client.randomState();
const authorizeUrl = client.buildAuthorizationUrl(config, {
  redirect_uri: callback,
  scope: 'openid email profile',
  code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
  code_challenge_method: 'S256',
  state,
});

// The user's browser, played by fetch: /oauth2/authorize → /login → post the form → the callback.
const cookies = new Map();
async function visit(url, init = {}) {
  const headers = { ...init.headers, cookie: [...cookies].map(([k, v]) => `${k}=${v}`).join('; ') };
  const res = await fetch(url, { ...init, headers, redirect: 'manual' });
  for (const line of res.headers.getSetCookie()) {
    const [pair] = line.split(';');
    cookies.set(pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1));
  }
  return { location: res.headers.get('location'), body: await res.text() };
}
const toLogin = await visit(authorizeUrl.href);
const loginPage = await visit(toLogin.location);
const action = loginPage.body.match(/name="cognitoSignInForm"[^>]*action="([^"]*)"/)[1].replaceAll('&amp;', '&');
const csrf = loginPage.body.match(/name="_csrf" type="hidden" value="([^"]*)"/)[1];
const signedIn = await visit(new URL(action, server).href, {
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams({ _csrf: csrf, username: 'alice', password: 'Correct-horse-1' }),
});
console.log('redirected to', signedIn.location);

// Back in the app: the code for tokens, then userInfo and a refresh.
const tokens = await client.authorizationCodeGrant(config, new URL(signedIn.location), { pkceCodeVerifier: codeVerifier, expectedState: state });
console.log('ID token claims', tokens.claims());
console.log('userInfo', await client.fetchUserInfo(config, tokens.access_token, tokens.claims().sub));
const refreshed = await client.refreshTokenGrant(config, tokens.refresh_token);
console.log('refreshed, expires in', refreshed.expires_in, 's');
