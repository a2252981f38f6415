import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Server as HttpServer } from 'node:http';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config/schema.ts';
import { applySeedFile } from './seed/apply-seed.ts';
import { defaultModexpThreads, ModexpThreads } from './crypto/modexp.ts';
import { rs256 } from './crypto/rs256.ts';
import { modPowOn, srpGroup } from './crypto/srp.ts';
import { secretBlockKey } from './auth/secret-block.ts';
import { createSealer } from './crypto/seal.ts';
import { operations } from './operations/index.ts';
import { createApp, registerRoutes } from './protocol/http.ts';
import { answerClientError, connectionLimits, createLimitedServer } from './protocol/connections.ts';
import { corsPolicy } from './protocol/cors.ts';
import { healthRoute } from './http/health.ts';
import { readyRoute } from './http/ready.ts';
import { metricsRoute } from './http/metrics.ts';
import { homeRoutes } from './http/home.ts';
import { messagesRoute } from './http/messages.ts';
import { wellKnownRoutes } from './http/well-known.ts';
import { oauthRoutes } from './http/oauth.ts';
import { uiAssetsRoute } from './http/ui-assets.ts';
import { consoleRoutes } from './http/console.ts';
import { userImportUploadRoute } from './http/user-import-upload.ts';
import { type DeliveryWorker, startDelivery } from './messages/delivery.ts';
import { type Clock, type Services, systemClock } from './services.ts';
import { createMetrics } from './metrics.ts';
import { openDatabase } from './storage/kysely/db.ts';
import { startHousekeeping } from './housekeeping.ts';
import { type ImportWorker, startImportWorker } from './users/import-worker.ts';
import { createStores } from './storage/kysely/index.ts';
import { createTriggerRuntime } from './triggers/runtime.ts';
import { unreachableFunctions } from './triggers/unreachable-functions.ts';
import { type TlsMaterial, tlsMaterial } from './tls.ts';
import { defaultPublicUrl } from './public-url.ts';
import type { SeededPool } from './seed/apply-seed.ts';

export interface RunningServer {
  app: FastifyInstance;
  services: Services;
  /** http(s)://host:port as bound (the real port when 0 was asked). */
  url: string;
  /**
   * The URL clients are told to use (`--public-url`, or `url`): issuers and endpoints name it.
   * Bound to a wildcard address (0.0.0.0, ::), the loopback address stands in (public-url.ts).
   */
  publicUrl: string;
  /** Without --public-url, bound to a wildcard address: that address (the banner says what stands in). */
  replacedWildcard: string | undefined;
  /** The pools and app clients the seed file (--config) declares, as applied. */
  seeded: SeededPool[];
  /** With --tls-port: https://host:port of the HTTPS listener beside `url`. */
  tlsUrl: string | undefined;
  /** With --tls: the certificate file (a generated self-signed one, or --tls-cert). */
  tls: TlsMaterial | undefined;
  /**
   * Stops accepting connections, lets the requests under way finish (their connections are not
   * kept alive), closes whatever is still open after `drainMs` (default `--shutdown-timeout`),
   * then the rest of the server.
   */
  close(drainMs?: number): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Where log lines go instead of standard output (tests read them). */
  logStream?: { write(line: string): void };
  /**
   * This server is one of `--workers` processes (cluster.ts): the primary has applied the
   * migrations and the seed already; answers say which worker gave them; `/metrics` shows every
   * worker's sum, through `renderMetrics`.
   */
  worker?: { id: number; renderMetrics(): Promise<{ text: string; contentType: string }> };
  /** Only prepare the storage (migrations, master key, TLS certificate, seed) and stop: no listening. */
  prepareOnly?: boolean;
}

/** The master secret: configured, or generated once into the data folder. */
function masterSecret(config: ServerConfig): string {
  if (config.masterSecret) return config.masterSecret;
  mkdirSync(config.data, { recursive: true, mode: 0o700 });
  const file = join(config.data, 'master.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

/**
 * Storage and services without listening, for the CLI's one-shot commands (`cognate keys`,
 * `export`, `import`): log lines go to `logStream` (standard error), modexps run on the event
 * loop, and no background worker starts.
 */
export async function openServices(config: ServerConfig, options: StartOptions = {}): Promise<{ services: Services; close(): Promise<void> }> {
  const app = createApp({
    logLevel: config.logLevel,
    logFormat: 'json',
    logStream: options.logStream,
    limits: connectionLimits(config.requestTimeout, config.keepAliveTimeout),
  });
  const database = await openDatabase({ url: config.db, dataDir: config.data });
  const sealer = createSealer(masterSecret(config));
  const triggers = createTriggerRuntime(config, { log: app.log });
  const stores = createStores(database.db, sealer);
  const { metrics } = createMetrics({ outboxDepth: () => stores.outbox.depth(), poolUse: () => database.poolUse() });
  const services: Services = {
    config,
    database,
    stores,
    metrics,
    sealer,
    clock: options.clock ?? systemClock,
    log: app.log,
    triggers,
    modexp: modPowOn(undefined),
    rs256: rs256(false),
    poolKeys: new Map(),
    secretBlockKey: secretBlockKey(sealer),
    nudgeDelivery: () => {},
    nudgeImports: () => {},
    baseUrl: () => config.publicUrl ?? `http://${config.host}:${config.port}`,
  };
  return {
    services,
    async close() {
      await triggers.close();
      await database.close();
      await app.close();
    },
  };
}

/** Composition root: config → storage → services → http. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const tls = config.tls ? await tlsMaterial(config) : undefined;
  // HTTPS on --port, unless --tls-port puts it beside plain HTTP.
  const httpsOnPort = tls !== undefined && config.tlsPort === undefined;
  const limits = connectionLimits(config.requestTimeout, config.keepAliveTimeout);
  const app = createApp({
    logLevel: config.logLevel,
    logFormat: config.logFormat ?? (process.stdout.isTTY ? 'pretty' : 'json'),
    logStream: options.logStream,
    tls: httpsOnPort ? tls : undefined,
    limits,
    cors: corsPolicy(config),
  });
  // While draining, answers close their connection instead of keeping it alive for a next request.
  let draining = false;
  app.addHook('onSend', async (_request, reply, payload) => {
    if (draining) reply.header('connection', 'close');
    return payload;
  });
  const scheme = httpsOnPort ? 'https' : 'http';
  const database = await openDatabase({
    url: config.db,
    dataDir: config.data,
    migrate: options.worker === undefined,
    onIdleError: (error) => app.log.warn({ err: error }, 'an idle database connection failed; it is replaced on next use'),
    backgroundCheckpoints: true,
    onCheckpointerError: (error) => app.log.warn({ err: error }, 'the SQLite checkpoint thread failed; commits checkpoint the WAL themselves from now on'),
  });
  const sealer = createSealer(masterSecret(config));
  const family = config.host.includes(':') ? 'IPv6' : 'IPv4';
  let url = config.publicUrl ?? defaultPublicUrl(scheme, { address: config.host, family, port: config.port }).url;
  const threadCount = config.cryptoThreads ?? defaultModexpThreads(config.workers);
  const modexpThreads = threadCount > 0 ? new ModexpThreads(srpGroup, threadCount) : undefined;
  let delivery: DeliveryWorker | undefined;
  let imports: ImportWorker | undefined;
  const stores = createStores(database.db, sealer);
  const { metrics } = createMetrics({ outboxDepth: () => stores.outbox.depth(), poolUse: () => database.poolUse() });
  if (options.worker) metrics.render = options.worker.renderMetrics;
  const services: Services = {
    config,
    database,
    stores,
    sealer,
    clock: options.clock ?? systemClock,
    log: app.log,
    metrics,
    triggers: createTriggerRuntime(config, { log: app.log }),
    modexp: modPowOn(modexpThreads),
    rs256: rs256(modexpThreads !== undefined),
    poolKeys: new Map(),
    secretBlockKey: secretBlockKey(sealer),
    nudgeDelivery: () => delivery?.nudge(),
    nudgeImports: () => imports?.nudge(),
    baseUrl: () => url,
  };
  if (options.worker) {
    // Which process answered, for operators (and the cluster tests): the cluster's worker number.
    const id = String(options.worker.id);
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('x-cognate-worker', id);
    });
  }
  registerRoutes(
    app,
    services,
    operations,
    [homeRoutes, healthRoute, readyRoute, metricsRoute, messagesRoute, wellKnownRoutes, oauthRoutes, uiAssetsRoute, userImportUploadRoute, consoleRoutes],
    (r) => metrics.request(r.operation, r.outcome, r.seconds),
  );
  const closeAll = async () => {
    await app.close();
    await services.triggers.close();
    await modexpThreads?.close();
    await database.close();
  };
  let tlsServer: HttpServer | undefined;
  let seeded: SeededPool[] = [];
  try {
    if (config.config !== undefined && !options.worker) seeded = await applySeedFile(services, config.config);
    if (!options.worker) {
      for (const f of await unreachableFunctions(services)) {
        app.log.warn({ userPoolId: f.poolId, trigger: f.trigger, arn: f.arn }, `pool ${f.poolId}: its ${f.trigger} trigger cannot run here: ${f.why}`);
      }
    }
    if (options.prepareOnly) {
      await closeAll();
      return { app, services, url, publicUrl: url, replacedWildcard: undefined, seeded, tlsUrl: undefined, tls, close: async () => {} };
    }
    await app.listen({ port: config.port, host: config.host });
    if (tls && config.tlsPort !== undefined) {
      // The same routes behind a second, HTTPS listener.
      const server = createLimitedServer(limits, (req, res) => app.routing(req, res), { key: tls.key, cert: tls.cert });
      server.on('clientError', answerClientError);
      tlsServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.tlsPort, config.host, () => resolve());
      });
    }
  } catch (error) {
    tlsServer?.close();
    await closeAll();
    throw error;
  }
  // Started once the server is up: it only reads the outbox, so nothing waits on it.
  delivery = startDelivery(services);
  imports = startImportWorker(services);
  const housekeeping = startHousekeeping(services);
  const bound = (address: ReturnType<typeof app.server.address>, protocol: string) => {
    if (!address || typeof address !== 'object') return undefined;
    const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
    return `${protocol}://${host}:${address.port}`;
  };
  const listening = bound(app.server.address(), scheme) ?? url;
  const address = app.server.address();
  const chosen = address && typeof address === 'object' ? defaultPublicUrl(scheme, address) : undefined;
  if (!config.publicUrl && chosen) url = chosen.url;
  const replacedWildcard = config.publicUrl ? undefined : chosen?.replacedWildcard;
  if (replacedWildcard !== undefined) {
    app.log.info(
      { bound: listening, publicUrl: url },
      `bound to every interface (${replacedWildcard}): issuers and URLs name ${url}; give --public-url for other machines`,
    );
  }
  const tlsUrl = tlsServer ? bound(tlsServer.address(), 'https') : undefined;
  return {
    app,
    services,
    url: listening,
    publicUrl: url,
    replacedWildcard,
    seeded,
    tlsUrl,
    tls,
    async close(drainMs = config.shutdownTimeout * 1000) {
      draining = true;
      const servers = [app.server, ...(tlsServer ? [tlsServer] : [])];
      // Past the deadline, connections still open (a request under way, a client that never
      // finished sending one) are cut, and the listeners' close completes.
      const deadline = setTimeout(() => {
        for (const s of servers) s.closeAllConnections();
      }, drainMs);
      try {
        await Promise.all([
          tlsServer ? new Promise((resolve) => tlsServer!.close(resolve)) : undefined,
          // Stops listening and closes idle connections; resolves once every connection has ended.
          app.close(),
        ]);
      } finally {
        clearTimeout(deadline);
      }
      await services.triggers.close();
      await delivery?.stop();
      await imports?.stop();
      await housekeeping.stop();
      await modexpThreads?.close();
      await database.close();
    },
  };
}
