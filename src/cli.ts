import { parseArgs } from 'node:util';
import { ConfigError, helpText, options, resolveConfig, type ServerConfig } from './config/schema.ts';
import { startServer } from './server.ts';

const USAGE = 'Usage: cognate serve [options]   (cognate --help for the options)';

function exitWith(message: string): never {
  process.stderr.write(`cognate: ${message}\n`);
  process.exit(2);
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  if (command !== 'serve') exitWith(`unknown command '${command}'. ${USAGE}`);

  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        ...Object.fromEntries(options.map((o) => [o.flag, { type: o.kind === 'switch' ? ('boolean' as const) : ('string' as const) }])),
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (error) {
    exitWith(`${(error as Error).message.split('\n')[0]}. ${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${helpText()}\n`);
    return;
  }
  let config: ServerConfig;
  try {
    config = resolveConfig(values, process.env);
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }

  const server = await startServer(config).catch((error: Error & { code?: string }) => {
    if (error.code === 'EADDRINUSE') exitWith(`port ${config.port} on ${config.host} is already in use (try --port)`);
    if (error.code === 'ECONNREFUSED') exitWith(`cannot reach the database at ${config.db ? new URL(config.db).host : config.data}`);
    exitWith(error.message.split('\n')[0] ?? 'failed to start');
  });
  // Installed before the banner says the server is up, so a signal sent on reading it is handled.
  // The first signal drains (up to --shutdown-timeout); a second one ends the process at once.
  const stop = async (signal: NodeJS.Signals) => {
    server.app.log.info({ signal, drainSeconds: config.shutdownTimeout }, 'shutting down: no new connections, finishing requests under way');
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  const { url: bound, publicUrl: url } = server;
  const where = server.services.database.location;
  process.stdout.write(
    [
      `cognate is listening on ${bound}`,
      ...(server.tlsUrl ? [`cognate is listening on ${server.tlsUrl} (HTTPS)`] : []),
      ...(url !== bound ? [`  public URL: ${url}`] : []),
      `  storage: ${server.services.database.kind} (${where})`,
      ...(server.tls?.selfSigned ? [`  TLS: self-signed certificate ${server.tls.certPath} (trust it: NODE_EXTRA_CA_CERTS=${server.tls.certPath})`] : []),
      ...(server.tls && !server.tls.selfSigned ? [`  TLS: certificate ${server.tls.certPath}`] : []),
      '',
      'Point an SDK at it:',
      `  AWS SDK v3:    new CognitoIdentityProviderClient({ endpoint: '${url}', region: '${config.region}' })`,
      `  AWS CLI:       aws cognito-idp list-user-pools --max-results 10 --endpoint-url ${url}`,
      `  Amplify v6:    Auth.Cognito.userPoolEndpoint = '${url}'`,
      `  cognito-identity-js: new CognitoUserPool({ UserPoolId, ClientId, endpoint: '${url}' })`,
      '',
    ].join('\n'),
  );
}

main(process.argv.slice(2)).catch((error: Error) => exitWith(error.message));
