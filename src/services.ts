import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config/schema.ts';
import type { Sealer } from './crypto/seal.ts';
import type { ModPowN } from './crypto/srp.ts';
import type { OpenedDatabase } from './storage/kysely/db.ts';
import type { Stores } from './storage/ports.ts';
import type { SigningKey } from './domain/signing-keys.ts';

/**
 * How a Lambda invocation ended, before it is turned into what the API caller sees (triggers/invoker.ts):
 * - `returned`: the function answered; `payload` is the JSON text it produced (undefined when its
 *   value could not be serialised);
 * - `threw`: the function failed (Lambda's `Unhandled` function error), with its error message;
 * - `failed`: the function could not be run to the end (timeout, missing, transport), with the
 *   cause Cognito names in its message.
 */
export type TriggerOutcome = { kind: 'returned'; payload: string | undefined } | { kind: 'threw'; message: string } | { kind: 'failed'; cause: string };

/**
 * Where the pools' Lambda functions run (triggers/runtime.ts builds it): `trigger` is the
 * LambdaConfig key, `mode` async for the custom senders, which Cognito does not wait for.
 */
export interface TriggerRuntime {
  run(call: { trigger: string; arn: string; event: unknown; mode: 'sync' | 'async' }): Promise<TriggerOutcome>;
  /** Why a function ARN could not be run here (no module of that name, no Lambda endpoint), or undefined when it can. */
  cannotRun(arn: string): string | undefined;
  close(): Promise<void>;
}

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
  /** Signing keys by pool, as last read and when (tokens/keys.ts fills it). */
  poolKeys: Map<string, { loadedAt: number; keys: Promise<SigningKey[]> }>;
  /** The AES-256-GCM key of SRP SECRET_BLOCKs, derived once from the master secret. */
  secretBlockKey: Buffer;
  /** Wakes this server's delivery worker when a message was queued (a no-op when none runs). */
  nudgeDelivery(): void;
  /** Wakes this server's user import worker when a job was started. */
  nudgeImports(): void;
  /** Base URL of this server as clients reach it (http://host:port). */
  baseUrl(): string;
}
