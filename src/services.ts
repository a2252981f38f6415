import type { FastifyBaseLogger } from 'fastify';
import type { ServerConfig } from './config/schema.ts';
import type { Sealer } from './crypto/seal.ts';
import type { ModPowN } from './crypto/srp.ts';
import type { Rs256 } from './crypto/rs256.ts';
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

/**
 * What the server counts for `/metrics` (src/metrics.ts implements it with prom-client, one
 * registry per server). Labels are names from bounded sets — operations, flows, challenges,
 * error names, triggers, channels — never ids, usernames or anything a client typed freely.
 */
export interface Metrics {
  /** One answered HTTP request: its operation (or route), outcome (`ok` or the error name) and duration. */
  request(operation: string, outcome: string, seconds: number): void;
  /** A sign-in call that ended: `success` (tokens, or the hosted pages' code) or the error's name. */
  signIn(flow: string, result: string): void;
  /** A challenge `issued`, or its answer judged: `passed`, `wrong`, `selected` (the answer chose the next challenge). */
  challenge(name: string, result: 'issued' | 'passed' | 'wrong' | 'selected'): void;
  /** A password or SRP attempt refused because the user is locked out. */
  lockedOut(): void;
  /** A Lambda trigger invocation: `ok`, `threw` (the function failed) or `failed` (it could not be run), and how long it took. */
  trigger(trigger: string, outcome: 'ok' | 'threw' | 'failed', seconds: number): void;
  /** A delivery attempt of an outbox message: `delivered`, `failed` (to be retried) or `gave_up`. */
  delivery(channel: string, result: 'delivered' | 'failed' | 'gave_up'): void;
  /** The Prometheus text of every counter (with `--workers`, summed over the workers). */
  render(): Promise<{ text: string; contentType: string }>;
  /** This process's metrics as prom-client's JSON, for the cluster primary to sum (cluster.ts). */
  snapshot(): Promise<object[]>;
}

/** Metrics that count nothing (a Services built without a registry). */
export const noMetrics: Metrics = {
  request() {},
  signIn() {},
  challenge() {},
  lockedOut() {},
  trigger() {},
  delivery() {},
  render: async () => ({ text: '', contentType: 'text/plain; version=0.0.4; charset=utf-8' }),
  snapshot: async () => [],
};

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
  /** This server's counters and histograms (GET /metrics shows them). */
  metrics: Metrics;
  /** Runs the pools' Lambda triggers (use invokeTrigger from triggers/invoker.ts). */
  triggers: TriggerRuntime;
  /** The SRP group's modexps, on this server's worker threads (or the event loop with --crypto-threads 0). */
  modexp: ModPowN;
  /** RS256 signatures: in libuv's thread pool, or on the event loop with no crypto threads. */
  rs256: Rs256;
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
