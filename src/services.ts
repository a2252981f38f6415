import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config/schema.ts';
import type { Sealer } from './crypto/seal.ts';
import type { OpenedDatabase } from './storage/kysely/db.ts';
import type { Stores } from './storage/ports.ts';
import type { TriggerRuntime } from './triggers/invoker.ts';

/** An injectable clock: tests move time instead of waiting. */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** Everything an operation may use, built once by the composition root (server.ts). */
export interface Services {
  config: ServerConfig;
  database: OpenedDatabase;
  stores: Stores;
  sealer: Sealer;
  clock: Clock;
  log: FastifyBaseLogger;
  /** Runs the pools' Lambda triggers (use invokeTrigger from triggers/invoker.ts). */
  triggers: TriggerRuntime;
  /** Base URL of this server as clients reach it (http://host:port). */
  baseUrl(): string;
}
