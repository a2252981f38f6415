import { parseArgs } from 'node:util';
import { ConfigError, helpText, options, resolveConfig, type ServerConfig } from './config/schema.ts';
import { openServices, startServer } from './server.ts';
import type { Services } from './services.ts';
import { listKeys, rotateKeys } from './commands/keys.ts';
import { exportCommand } from './commands/export.ts';
import { importCommand } from './commands/import.ts';
import { isWorker, listeningOf, runPrimary, runWorker } from './cluster.ts';
import { startBanner } from './banner.ts';

const USAGE = [
  'Usage: cognate serve [options]            run the server',
  '       cognate keys list [--pool ID]      show the signing keys',
  '       cognate keys rotate [--pool ID]    rotate the signing keys',
  '       cognate migrate                    apply storage migrations and exit',
  '       cognate export --pool ID           write a pool as a seed file (sensitive) to standard output',
  '       cognate import FILE                create the pools of an exported file',
  '(each with the storage options of serve; cognate --help for them)',
].join('\n');

function exitWith(message: string): never {
  process.stderr.write(`cognate: ${message}\n`);
  process.exit(2);
}

/** Parses the server options plus a command's own; exits with a one-line message on a fault. */
function parse(
  args: string[],
  own: Record<string, { type: 'string' | 'boolean' }>,
  positionals: number,
): { config: ServerConfig; values: Record<string, string | boolean | undefined>; positionals: string[] } | undefined {
  let values: Record<string, string | boolean | undefined>;
  let rest: string[];
  try {
    ({ values, positionals: rest } = parseArgs({
      args,
      options: {
        ...Object.fromEntries(options.map((o) => [o.flag, { type: o.kind === 'switch' ? ('boolean' as const) : ('string' as const) }])),
        ...own,
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: positionals > 0,
    }));
  } catch (error) {
    exitWith(`${(error as Error).message.split('\n')[0]}.\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n\n${helpText()}\n`);
    return undefined;
  }
  if (rest.length > positionals) exitWith(`unexpected argument '${rest[positionals]}'.\n${USAGE}`);
  try {
    return { config: resolveConfig(values, process.env), values, positionals: rest };
  } catch (error) {
    if (error instanceof ConfigError) exitWith(error.message);
    throw error;
  }
}

/** Runs a one-shot command on the configured storage; its lines go to standard output. */
async function offline(config: ServerConfig, work: (services: Services) => Promise<string[] | string>): Promise<void> {
  const opened = await openServices(config, { logStream: process.stderr }).catch((error: Error & { code?: string }) => {
    if (error.code === 'ECONNREFUSED') exitWith(`cannot reach the database at ${config.db ? new URL(config.db).host : config.data}`);
    exitWith(error.message.split('\n')[0] ?? 'cannot open the storage');
  });
  try {
    const out = await work(opened.services);
    process.stdout.write(typeof out === 'string' ? out : out.map((l) => `${l}\n`).join(''));
  } finally {
    await opened.close();
  }
}

async function main(argv: string[]): Promise<void> {
  const [command, ...rest] = argv;
  if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
    process.stdout.write(`${USAGE}\n\n${helpText()}\n`);
    return;
  }
  if (command === 'keys') {
    const [verb, ...args] = rest;
    if (verb !== 'list' && verb !== 'rotate') exitWith(`cognate keys takes list or rotate, got '${verb ?? ''}'.\n${USAGE}`);
    const parsed = parse(args, { pool: { type: 'string' } }, 0);
    if (!parsed) return;
    const pool = parsed.values.pool as string | undefined;
    await offline(parsed.config, (services) => (verb === 'list' ? listKeys(services, pool) : rotateKeys(services, pool)));
    return;
  }
  if (command === 'migrate') {
    const parsed = parse(rest, {}, 0);
    if (!parsed) return;
    await offline(parsed.config, async (services) => {
      const { applied, kind, location } = services.database;
      return applied.length === 0
        ? [`${kind} (${location}): up to date, nothing to apply`]
        : [`${kind} (${location}): applied ${applied.length}`, ...applied.map((m) => `  ${m}`)];
    });
    return;
  }
  if (command === 'export') {
    const parsed = parse(rest, { pool: { type: 'string' } }, 0);
    if (!parsed) return;
    const pool = parsed.values.pool;
    if (typeof pool !== 'string') exitWith(`cognate export needs --pool ID.\n${USAGE}`);
    await offline(parsed.config, (services) => exportCommand(services, pool));
    return;
  }
  if (command === 'import') {
    const parsed = parse(rest, {}, 1);
    if (!parsed) return;
    const file = parsed.positionals[0];
    if (file === undefined) exitWith(`cognate import needs the FILE to import.\n${USAGE}`);
    await offline(parsed.config, (services) => importCommand(services, file));
    return;
  }
  if (command !== 'serve') exitWith(`unknown command '${command}'.\n${USAGE}`);
  const parsed = parse(rest, {}, 0);
  if (!parsed) return;
  const { config } = parsed;

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
      (info, pids) => process.stdout.write(startBanner(info, config, [`  workers: ${pids.length} (pids ${pids.join(', ')})`])),
      (code) => process.exit(code),
    ).catch(failed);
    return;
  }
  const server = await startServer(config).catch(failed);
  // Installed before the banner says the server is up, so a signal sent on reading it is handled.
  stopOnSignals(async () => {
    server.app.log.info({ drainSeconds: config.shutdownTimeout }, 'shutting down: no new connections, finishing requests under way');
    await server.close();
  });
  process.stdout.write(startBanner(listeningOf(server), config));
}

/**
 * The first SIGINT or SIGTERM drains (up to --shutdown-timeout) and exits; a second one ends the
 * process at once (the handlers are installed once).
 */
function stopOnSignals(close: () => Promise<void>): void {
  const stop = async () => {
    await close();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

main(process.argv.slice(2)).catch((error: Error) => exitWith(error.message));
