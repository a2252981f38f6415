import { esc } from './html.ts';

/** The page `GET /` answers: what runs here, its endpoints and how to point clients at it. */
export interface HomePage {
  version: string;
  /** The URL clients use (the public URL). */
  url: string;
  region: string;
  database: string;
  /** What a pool's tokens carry in `iss`, before the pool id. */
  issuerPrefix: string;
  /** Documentation files served under /_cognate/docs/, README.md first. */
  docs: string[];
}

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;margin:0;color:#1f2933;line-height:1.45}
main{max-width:52rem;margin:2rem auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:1.5rem 2rem}
h1{font-size:1.4rem;margin:0 0 .4rem}h2{font-size:1.1rem;margin:1.6rem 0 .5rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}td{border-top:1px solid #e4e7eb;padding:.35rem .5rem;vertical-align:top}
td:first-child{white-space:nowrap}code,pre{font-size:.85rem}pre{background:#f4f5f7;padding:.7rem;border-radius:4px;overflow-x:auto}
.note{color:#52606d;font-size:.9rem}`;

export function renderHome(p: HomePage): string {
  const u = esc(p.url);
  const r = esc(p.region);
  const endpoints: [string, string][] = [
    ['POST /', 'The Cognito user pools API (AWS JSON 1.1: the operation is named by the <code>X-Amz-Target</code> header), as the AWS SDKs and CLI call it'],
    [
      `GET <a href="${u}/_cognate/messages">/_cognate/messages</a>`,
      'Every message Cognito would send (verification codes, temporary passwords), of every pool; <code>?userPoolId=…&amp;username=…</code> narrows it',
    ],
    [`GET <a href="${u}/_cognate/console">/_cognate/console</a>`, 'The web console: pools, users and sign-in events'],
    [`GET <a href="${u}/health">/health</a>`, 'Whether the server and its database answer'],
    ['GET /&lt;userPoolId&gt;/.well-known/jwks.json', 'The keys that sign a pool’s tokens (for verifying them)'],
    ['GET /&lt;userPoolId&gt;/.well-known/openid-configuration', 'OpenID Connect discovery of a pool'],
    ['/oauth2/authorize, /oauth2/token, /oauth2/userInfo, /login, /logout', 'OAuth 2.0 and the hosted sign-in page, for pools with a domain'],
  ];
  const docs = p.docs.map((d) => `<a href="${u}/_cognate/docs/${esc(d)}">${esc(d)}</a>`).join(', ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>cognate ${esc(p.version)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
<h1>cognate ${esc(p.version)}</h1>
<p>A server that speaks the Amazon Cognito user pools API, so that the AWS SDKs and CLI, Amplify and
amazon-cognito-identity-js sign users in against it. It is running at <code>${u}</code> (region
<code>${r}</code>, storage: ${esc(p.database)}).</p>
<h2>Endpoints</h2>
<table>
${endpoints.map(([path, what]) => `<tr><td><code>${path}</code></td><td>${what}</td></tr>`).join('\n')}
</table>
<h2>Pointing a client at it</h2>
<p>Every client takes this server’s URL where it would otherwise derive Cognito’s. Admin calls are
signed: give the SDK or CLI any access key, unless the server was started with <code>--admin-credentials</code>.</p>
<pre>AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local aws cognito-idp list-user-pools --max-results 10 --endpoint-url ${u} --region ${r}</pre>
<pre>// AWS SDK v3
new CognitoIdentityProviderClient({ endpoint: '${u}', region: '${r}', credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });

// Amplify v6
Amplify.configure({ Auth: { Cognito: { userPoolId: '${r}_…', userPoolClientId: '…', userPoolEndpoint: '${u}' } } });

// amazon-cognito-identity-js
new CognitoUserPool({ UserPoolId: '${r}_…', ClientId: '…', endpoint: '${u}' });</pre>
<p>Tokens are signed with a key of their pool; their issuer (<code>iss</code>) is <code>${esc(p.issuerPrefix)}/&lt;userPoolId&gt;</code>.</p>
<h2>Documentation</h2>
<p>${docs}</p>
<p class="note">cognate is not Amazon Cognito and is not affiliated with Amazon Web Services.</p>
</main>
</body>
</html>
`;
}
