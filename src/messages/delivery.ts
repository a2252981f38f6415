import type { Services } from '../services.ts';
import type { PendingMessage } from '../storage/ports.ts';
import { startPollLoop } from '../work/poll-loop.ts';
import type { Channel, DeliveryChannel } from './channel.ts';
import { smsWebhookChannel } from './sms-webhook.ts';
import { smtpChannel } from './smtp.ts';

/**
 * The delivery worker: takes due messages from the outbox and hands them to their channel
 * (SMTP for EMAIL, the SMS webhook for SMS), retrying failures with exponential backoff. It runs
 * in every process; the outbox rows, not process memory, say what is left to send, so processes
 * sharing PostgreSQL share the work and a restart loses nothing.
 */

/** Attempts per message, the first included; after the last failure the message is parked. */
export const MAX_ATTEMPTS = 10;
const FIRST_RETRY_MS = 2_000;
const MAX_RETRY_MS = 5 * 60_000;
/**
 * How long a claimed message is held for the process that claimed it. Longer than any channel
 * may take (both time out after 10 s), so a live sender never sees its message claimed again;
 * a sender that died leaves it to be retried when the hold runs out.
 */
const HOLD_MS = 60_000;
/** Real time between two looks at the outbox when nothing nudged the worker. */
const POLL_MS = 1_000;
const BATCH = 20;

/** Delay before the next attempt, after `attempts` failed ones: 2 s, 4 s, 8 s … at most 5 minutes. */
export function retryDelay(attempts: number): number {
  return Math.min(FIRST_RETRY_MS * 2 ** Math.max(0, attempts - 1), MAX_RETRY_MS);
}

export interface DeliveryWorker {
  /** Looks at the outbox now rather than at the next poll. */
  nudge(): void;
  /** Stops polling and waits for the attempts under way. */
  stop(): Promise<void>;
}

const reasonOf = (error: unknown): string => {
  if (!(error instanceof Error)) return String(error);
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === 'string' ? `${error.message} (${code})` : error.message;
};

/** Starts the worker, or returns undefined when no channel is configured. */
export function startDelivery(services: Services): DeliveryWorker | undefined {
  const { config, clock, log } = services;
  const channels: Partial<Record<Channel, DeliveryChannel>> = {};
  if (config.smtpUrl !== undefined) channels.EMAIL = smtpChannel(config.smtpUrl, config.smtpFrom);
  if (config.smsWebhook !== undefined) channels.SMS = smsWebhookChannel(config.smsWebhook);
  if (Object.keys(channels).length === 0) return undefined;
  const outbox = services.stores.outbox;

  /** One look at the outbox; true when the batch was full (more may be due). */
  async function pass(): Promise<boolean> {
    const due = await outbox.due(clock.now(), BATCH);
    const results = await Promise.allSettled(due.map(attempt));
    for (const r of results) {
      if (r.status === 'rejected') log.error({ reason: reasonOf(r.reason) }, 'message delivery: cannot update the outbox');
    }
    return due.length === BATCH;
  }

  async function attempt(m: PendingMessage): Promise<void> {
    if (!(await outbox.claim(m.id, m.attempts, clock.now() + HOLD_MS))) return; // another worker has it
    const attempts = m.attempts + 1;
    const about = { outboxId: m.id, userPoolId: m.poolId, username: m.username, channel: m.channel, purpose: m.purpose, attempt: attempts };
    const channel = m.channel === 'NONE' ? undefined : channels[m.channel];
    if (!channel) {
      // Queued as deliverable by a process configured differently: nothing here can send it.
      await outbox.park(m.id);
      log.warn(about, `message delivery: no ${m.channel} channel is configured; the message stays in the outbox`);
      return;
    }
    try {
      await channel.deliver(m);
    } catch (error) {
      services.metrics.delivery(m.channel, attempts >= MAX_ATTEMPTS ? 'gave_up' : 'failed');
      if (attempts >= MAX_ATTEMPTS) {
        await outbox.park(m.id, { forget: config.production });
        log.error({ ...about, reason: reasonOf(error) }, `message delivery failed ${attempts} times; giving up`);
      } else {
        const delay = retryDelay(attempts);
        await outbox.retryAt(m.id, attempts, clock.now() + delay);
        log.warn({ ...about, reason: reasonOf(error), retryInMs: delay }, 'message delivery failed; will retry');
      }
      return;
    }
    // In production the text (a code, a temporary password) is kept no longer than delivery needs it.
    await outbox.delivered(m.id, clock.now(), { forget: config.production });
    services.metrics.delivery(m.channel, 'delivered');
    log.debug(about, 'message delivered');
  }

  const loop = startPollLoop({
    pass,
    pollMs: POLL_MS,
    onError: (error) => log.error({ reason: reasonOf(error) }, 'message delivery: cannot read the outbox'),
  });
  return {
    nudge: () => loop.nudge(),
    async stop() {
      await loop.stop();
      for (const c of Object.values(channels)) c.close();
    },
  };
}
