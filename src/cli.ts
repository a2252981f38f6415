import { parseArgs } from 'node:util';
import { ConfigError, helpText, options, resolveConfig, type ServerConfig } from './config/schema.ts';
import { startServer } from './server.ts';
import { isWorker, type Listening, listeningOf, runPrimary, runWorker } from './cluster.ts';

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

  const failed = (error: Error & { code?: string }): never => {
    if (error.code === 'EADDRINUSE') exitWith(`port ${config.port} on ${config.host} is already in use (try --port)`);
    if (error.code === 'ECONNREFUSED') exitWith(`cannot reach the database at ${config.db ? new URL(config.db).host : config.data}`);
    exitWith(error.message.split('\n')[0] ?? 'failed to start');
  };
  if (config.workers > 1) {
    if (isWorker()) {
      const server = await runWorker(config).catch(failed);
      stopOnSignals(() => server.close());
      return;
    }
    await runPrimary(
      config,
      (info, pids) => banner(config, info, [`  workers: ${pids.length} (pids ${pids.join(', ')})`]),
      (code) => process.exit(code),
    ).catch(failed);
    return;
  }
  const server = await startServer(config).catch(failed);
  banner(config, listeningOf(server));
  stopOnSignals(() => server.close());
}

function stopOnSignals(close: () => Promise<void>): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

function banner(config: ServerConfig, info: Listening, extra: string[] = []): void {
  const { url: bound, publicUrl: url } = info;
  process.stdout.write(
    [
      `cognate is listening on ${bound}`,
      ...(info.tlsUrl ? [`cognate is listening on ${info.tlsUrl} (HTTPS)`] : []),
      ...(url !== bound ? [`  public URL: ${url}`] : []),
      `  storage: ${info.storage.kind} (${info.storage.location})`,
      ...extra,
      ...(info.tls?.selfSigned ? [`  TLS: self-signed certificate ${info.tls.certPath} (trust it: NODE_EXTRA_CA_CERTS=${info.tls.certPath})`] : []),
      ...(info.tls && !info.tls.selfSigned ? [`  TLS: certificate ${info.tls.certPath}`] : []),
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
