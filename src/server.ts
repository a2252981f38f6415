import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createServer as createHttpsServer, type Server as HttpsServer } from 'node:https';
import type { FastifyInstance } from 'fastify';
import type { ServerConfig } from './config/schema.ts';
import { applySeedFile } from './seed/apply-seed.ts';
import { defaultModexpThreads, ModexpThreads } from './crypto/modexp.ts';
import { modPowOn, srpGroup } from './crypto/srp.ts';
import { secretBlockKey } from './auth/secret-block.ts';
import { createSealer } from './crypto/seal.ts';
import { operations } from './operations/index.ts';
import { createApp, registerRoutes } from './protocol/http.ts';
import { healthRoute } from './http/health.ts';
import { homeRoutes } from './http/home.ts';
import { messagesRoute } from './http/messages.ts';
import { wellKnownRoutes } from './http/well-known.ts';
import { oauthRoutes } from './http/oauth.ts';
import { uiAssetsRoute } from './http/ui-assets.ts';
import { userImportUploadRoute } from './http/user-import-upload.ts';
import { type DeliveryWorker, startDelivery } from './messages/delivery.ts';
import { type Clock, type Services, systemClock } from './services.ts';
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
  close(): Promise<void>;
}

export interface StartOptions {
  clock?: Clock;
  /** Where log lines go instead of standard output (tests read them). */
  logStream?: { write(line: string): void };
}

/** The master secret: configured, or generated once into the data folder. */
function masterSecret(config: ServerConfig): string {
  if (config.masterSecret) return config.masterSecret;
  mkdirSync(config.data, { recursive: true });
  const file = join(config.data, 'master.key');
  if (!existsSync(file)) writeFileSync(file, randomBytes(32).toString('base64url'), { mode: 0o600, flag: 'wx' });
  return readFileSync(file, 'utf8').trim();
}

/** Composition root: config → storage → services → http. */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const tls = config.tls ? await tlsMaterial(config) : undefined;
  // HTTPS on --port, unless --tls-port puts it beside plain HTTP.
  const httpsOnPort = tls !== undefined && config.tlsPort === undefined;
  const app = createApp(config.logLevel, options.logStream, httpsOnPort ? tls : undefined);
  const scheme = httpsOnPort ? 'https' : 'http';
  const database = await openDatabase({
    url: config.db,
    dataDir: config.data,
    onIdleError: (error) => app.log.warn({ err: error }, 'an idle database connection failed; it is replaced on next use'),
  });
  const sealer = createSealer(masterSecret(config));
  const family = config.host.includes(':') ? 'IPv6' : 'IPv4';
  let url = config.publicUrl ?? defaultPublicUrl(scheme, { address: config.host, family, port: config.port }).url;
  const threadCount = config.cryptoThreads ?? defaultModexpThreads();
  const modexpThreads = threadCount > 0 ? new ModexpThreads(srpGroup, threadCount) : undefined;
  let delivery: DeliveryWorker | undefined;
  let imports: ImportWorker | undefined;
  const services: Services = {
    config,
    database,
    stores: createStores(database.db, sealer),
    sealer,
    clock: options.clock ?? systemClock,
    log: app.log,
    triggers: createTriggerRuntime(config, { log: app.log }),
    modexp: modPowOn(modexpThreads),
    poolKeys: new Map(),
    secretBlockKey: secretBlockKey(sealer),
    nudgeDelivery: () => delivery?.nudge(),
    nudgeImports: () => imports?.nudge(),
    baseUrl: () => url,
  };
  registerRoutes(app, services, operations, [homeRoutes, healthRoute, messagesRoute, wellKnownRoutes, oauthRoutes, uiAssetsRoute, userImportUploadRoute]);
  let tlsServer: HttpsServer | undefined;
  let seeded: SeededPool[] = [];
  try {
    if (config.config !== undefined) seeded = await applySeedFile(services, config.config);
    for (const f of await unreachableFunctions(services)) {
      app.log.warn({ userPoolId: f.poolId, trigger: f.trigger, arn: f.arn }, `pool ${f.poolId}: its ${f.trigger} trigger cannot run here: ${f.why}`);
    }
    await app.listen({ port: config.port, host: config.host });
    if (tls && config.tlsPort !== undefined) {
      // The same routes behind a second, HTTPS listener.
      const server = createHttpsServer({ key: tls.key, cert: tls.cert }, (req, res) => app.routing(req, res));
      tlsServer = server;
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(config.tlsPort, config.host, () => resolve());
      });
    }
  } catch (error) {
    tlsServer?.close();
    await app.close();
    await services.triggers.close();
    await modexpThreads?.close();
    await database.close();
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
    async close() {
      if (tlsServer) await new Promise((resolve) => tlsServer!.close(resolve));
      await app.close();
      await services.triggers.close();
      await delivery?.stop();
      await imports?.stop();
      await housekeeping.stop();
      await modexpThreads?.close();
      await database.close();
    },
  };
}
