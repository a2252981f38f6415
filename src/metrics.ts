import { AggregatorRegistry, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Metrics } from './services.ts';

/**
 * The server's Prometheus metrics: one registry per server (never prom-client's global one: a
 * test process starts many servers, and each counts only its own). `GET /metrics` renders it
 * (http/metrics.ts); with `--workers` the primary sums every worker's registry (cluster.ts).
 */
export interface ServerMetrics {
  /** Counts into `registry`; its `render` shows `registry` alone. */
  metrics: Metrics;
  registry: Registry;
}

/** What the gauges read when scraped: the database's state now. */
export interface MetricSources {
  /** Messages in the outbox still to be delivered (undelivered and not given up). */
  outboxDepth(): Promise<number>;
  /** PostgreSQL's pool of connections (undefined on SQLite). */
  poolUse(): { total: number; idle: number; waiting: number } | undefined;
}

const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

export function createMetrics(sources: MetricSources): ServerMetrics {
  const registry = new Registry();
  const registers = [registry];
  const requests = new Counter({
    name: 'cognate_requests_total',
    help: 'HTTP requests answered, by operation (X-Amz-Target name, or METHOD /route) and outcome (ok or the error name).',
    labelNames: ['operation', 'outcome'] as const,
    registers,
  });
  const latency = new Histogram({
    name: 'cognate_request_duration_seconds',
    help: 'Time from a request arriving to its answer, by operation.',
    labelNames: ['operation'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const signIns = new Counter({
    name: 'cognate_sign_ins_total',
    help: 'Sign-in calls that ended the sign-in, by AuthFlow and result (success, or the error name).',
    labelNames: ['flow', 'result'] as const,
    registers,
  });
  const challenges = new Counter({
    name: 'cognate_challenges_total',
    help: 'Challenges issued, and answers judged (passed, wrong, selected), by ChallengeName.',
    labelNames: ['challenge', 'result'] as const,
    registers,
  });
  const lockouts = new Counter({
    name: 'cognate_lockout_refusals_total',
    help: 'Password and SRP attempts refused because the user was locked out after failed attempts.',
    registers,
  });
  const triggers = new Counter({
    name: 'cognate_trigger_invocations_total',
    help: 'Lambda trigger invocations, by trigger and outcome (ok, threw, failed).',
    labelNames: ['trigger', 'outcome'] as const,
    registers,
  });
  const triggerLatency = new Histogram({
    name: 'cognate_trigger_duration_seconds',
    help: 'Time a Lambda trigger took to answer, by trigger.',
    labelNames: ['trigger'] as const,
    buckets: LATENCY_BUCKETS,
    registers,
  });
  const deliveries = new Counter({
    name: 'cognate_message_deliveries_total',
    help: 'Delivery attempts of outbox messages, by channel and result (delivered, failed: retried later, gave_up).',
    labelNames: ['channel', 'result'] as const,
    registers,
  });
  new Gauge({
    name: 'cognate_outbox_depth',
    help: 'Messages waiting in the outbox for delivery (shared by every process on the database).',
    registers,
    // Every process reads the same table: across workers the value is the same, not a sum.
    aggregator: 'max',
    async collect() {
      this.set(await sources.outboxDepth());
    },
  });
  new Gauge({
    name: 'cognate_db_connections',
    help: "PostgreSQL connections of the process's pool, by state (idle, busy, waiting: requests queued for a connection).",
    labelNames: ['state'] as const,
    registers,
    collect() {
      const use = sources.poolUse();
      if (!use) return;
      this.set({ state: 'idle' }, use.idle);
      this.set({ state: 'busy' }, use.total - use.idle);
      this.set({ state: 'waiting' }, use.waiting);
    },
  });
  return {
    registry,
    metrics: {
      request(operation, outcome, seconds) {
        requests.inc({ operation, outcome });
        latency.observe({ operation }, seconds);
      },
      signIn(flow, result) {
        signIns.inc({ flow, result });
      },
      challenge(challenge, result) {
        challenges.inc({ challenge, result });
      },
      lockedOut() {
        lockouts.inc();
      },
      trigger(trigger, outcome, seconds) {
        triggers.inc({ trigger, outcome });
        triggerLatency.observe({ trigger }, seconds);
      },
      delivery(channel, result) {
        deliveries.inc({ channel, result });
      },
      async render() {
        return { text: await registry.metrics(), contentType: registry.contentType };
      },
      snapshot: () => registry.getMetricsAsJSON(),
    },
  };
}

/** Several processes' registries (as `getMetricsAsJSON` gives them) summed into one text, gauges as their aggregator says. */
export async function aggregateMetrics(perProcess: object[][]): Promise<{ text: string; contentType: string }> {
  const registry = AggregatorRegistry.aggregate(perProcess);
  return { text: await registry.metrics(), contentType: registry.contentType };
}
