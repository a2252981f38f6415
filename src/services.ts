import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config/schema.ts';
import type { Sealer } from './crypto/seal.ts';
import type { ModPowN } from './crypto/srp.ts';
import type { OpenedDatabase } from './storage/kysely/db.ts';
import type { Stores } from './storage/ports.ts';
import type { PoolKeys } from './tokens/pool-keys.ts';
import type { TriggerRuntime } from './triggers/runtime.ts';

/** An injectable clock: tests move time instead of waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/**
 * Everything an operation may use, built once per server by the composition root (server.ts).
 * Whatever a server keeps in memory lives here, so two servers in one process share nothing.
 */
export interface Services {
  config: ServerConfig;
  database: OpenedDatabase;
  stores: Stores;
  sealer: Sealer;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Runs the pools' Lambda triggers (use invokeTrigger from triggers/invoker.ts). */
  triggers: TriggerRuntime;
  /** The SRP group's modexps, on this server's worker threads (or the event loop with --crypto-threads 0). */
  modexp: ModPowN;
  /** Signing keys by pool, as loaded (tokens/keys.ts poolKeys fills it). */
  poolKeys: Map<string, Promise<PoolKeys>>;
  /** The AES-256-GCM key of SRP SECRET_BLOCKs, derived once from the master secret. */
  secretBlockKey: Buffer;
  /** Wakes this server's delivery worker when a message was queued (a no-op when none runs). */
  nudgeDelivery(): void;
  /** Base URL of this server as clients reach it (http://host:port). */
  baseUrl(): string;
}
