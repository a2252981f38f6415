import { parseArgs } from 'node:util';
import { ConfigError, helpText, options, resolveConfig, type ServerConfig } from './config/schema.ts';
import { startServer } from './server.ts';
import { startBanner } from './banner.ts';

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
  process.stdout.write(startBanner(server, config));
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: Error) => exitWith(error.message));
