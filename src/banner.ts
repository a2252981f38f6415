import { resolve } from 'node:path';
import type { ServerConfig } from './config/schema.ts';
import { parseAdminCredentials } from './config/admin-credentials.ts';
import type { Listening } from './cluster.ts';
import { postureLine } from './config/posture.ts';
import { version } from './config/version.ts';

/**
 * What `cognate serve` prints once it listens: where it is, what the seed file created, and
 * commands to try. Every command runs as pasted into a fresh shell (no AWS profile, no region,
 * no credentials set): each carries its own region, endpoint and credentials. The SDK one needs
 * the SDK where it runs, and says so.
 */

/** `text` as one shell word: left bare when nothing in it is special to the shell. */
export function shellWord(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

/** A script as one shell word, in double quotes when nothing expands there (it reads better). */
const scriptWord = (script: string) => (/[$`"\\!]/.test(script) ? shellWord(script) : `"${script}"`);

/** `extra`: lines about the processes (the workers), after the storage line. */
export function startBanner(server: Listening, config: ServerConfig, extra: string[] = []): string {
  const url = server.publicUrl;
  // Absolute: the commands below may be pasted in another folder than the server's.
  const certPath = server.tls ? resolve(server.tls.certPath) : undefined;
  const lines = [`cognate is listening on ${server.url}`];
  if (server.tlsUrl) lines.push(`cognate is listening on ${server.tlsUrl} (HTTPS)`);
  lines.push(`  cognate ${version}: the Amazon Cognito user pools API`);
  if (server.replacedWildcard !== undefined) {
    lines.push(
      `  public URL: ${url} (bound to every interface, ${server.replacedWildcard}, which clients cannot connect to;`,
      `              tokens name ${url} as their issuer: give --public-url with the address other machines use)`,
    );
  } else if (url !== server.url) {
    lines.push(`  public URL: ${url}`);
  }
  lines.push(`  storage: ${server.storage.kind} (${server.storage.location})`, `  ${postureLine(config)}`, ...extra);
  if (server.tls?.selfSigned) lines.push(`  TLS: self-signed certificate ${certPath} (trust it: NODE_EXTRA_CA_CERTS=${certPath})`);
  if (server.tls && !server.tls.selfSigned) lines.push(`  TLS: certificate ${certPath}`);
  lines.push(
    `  home page: ${url}/`,
    `  console: ${url}/_cognate/console`,
    `  messages: ${url}/_cognate/messages (codes and temporary passwords, of every pool)`,
    `  token keys: ${url}/<userPoolId>/.well-known/jwks.json`,
  );

  if (server.seeded.length > 0) {
    lines.push('', `From the seed file ${config.config}:`);
    for (const pool of server.seeded) {
      lines.push(`  user pool ${pool.id} (${pool.name})`);
      for (const c of pool.clients) lines.push(`    app client ${c.id} (${c.name}${c.hasSecret ? ', with a client secret' : ''})`);
    }
  }

  // A self-signed certificate must be trusted by each tool, and each has its own way.
  const selfSigned = url.startsWith('https:') && server.tls?.selfSigned ? certPath : undefined;
  const keys = config.adminCredentials === undefined ? undefined : parseAdminCredentials(config.adminCredentials);
  // Any credentials do, unless --admin-credentials names the keys (whose secrets are never printed).
  const key = Array.isArray(keys) ? keys[0]!.accessKeyId : 'local';
  const secret = Array.isArray(keys) ? `'<the secret of ${key}>'` : 'local';
  const credentials = `AWS_ACCESS_KEY_ID=${key} AWS_SECRET_ACCESS_KEY=${secret}`;
  const region = shellWord(config.region);
  const endpoint = shellWord(url);
  const sdkScript =
    "import { CognitoIdentityProviderClient, ListUserPoolsCommand } from '@aws-sdk/client-cognito-identity-provider'; " +
    `const cognito = new CognitoIdentityProviderClient({ endpoint: '${url}', region: '${config.region}', ` +
    `credentials: { accessKeyId: '${key}', secretAccessKey: ${Array.isArray(keys) ? "process.env.AWS_SECRET_ACCESS_KEY ?? ''" : "'local'"} } }); ` +
    'console.log(await cognito.send(new ListUserPoolsCommand({ MaxResults: 10 })));';
  lines.push(
    '',
    Array.isArray(keys)
      ? 'Try it (admin calls must be signed with one of your --admin-credentials keys: put its secret in place of the placeholder):'
      : 'Try it (each command runs as pasted; any credentials do, as no --admin-credentials are set):',
    `  curl ${selfSigned ? `--cacert ${shellWord(selfSigned)} ` : ''}${shellWord(`${url}/health`)}`,
    `  ${selfSigned ? `AWS_CA_BUNDLE=${shellWord(selfSigned)} ` : ''}${credentials} aws cognito-idp list-user-pools --max-results 10 --endpoint-url ${endpoint} --region ${region}`,
    '  # AWS SDK v3 for JavaScript, in a folder where @aws-sdk/client-cognito-identity-provider is installed:',
    `  ${selfSigned ? `NODE_EXTRA_CA_CERTS=${shellWord(selfSigned)} ` : ''}${Array.isArray(keys) ? `AWS_SECRET_ACCESS_KEY=${secret} ` : ''}node --input-type=module -e ${scriptWord(sdkScript)}`,
    '',
    // The last line: test/support/cluster.ts waits for it.
    `Clients take the endpoint ${url} and the region ${config.region}; ${url}/ shows the settings for Amplify v6 and amazon-cognito-identity-js.`,
    '',
  );
  return lines.join('\n');
}
