import type { ServerConfig } from '../config/schema.ts';
import type { PendingMessage } from '../storage/ports.ts';

/** The two ways Cognito sends a message. */
export type Channel = 'SMS' | 'EMAIL';

/** One way out for messages of one {@link Channel} (SMTP for EMAIL, the SMS webhook for SMS). */
export interface DeliveryChannel {
  /** Resolves once the message is handed over; rejects to have it retried. */
  deliver(message: PendingMessage): Promise<void>;
  close(): void;
}

/** Whether this configuration delivers messages of `channel` (otherwise they stay in the outbox and the log). */
export function canDeliver(config: ServerConfig, channel: Channel): boolean {
  return channel === 'EMAIL' ? config.smtpUrl !== undefined : config.smsWebhook !== undefined;
}
