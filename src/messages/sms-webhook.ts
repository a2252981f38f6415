import type { DeliveryChannel } from './channel.ts';

/** How long the webhook may take to answer before the attempt counts as failed (and is retried). */
const TIMEOUT_MS = 10_000;

/**
 * The SMS channel: each message is POSTed as JSON to the `--sms-webhook` URL, which hands it to
 * an SMS provider. Any 2xx answer means delivered; anything else is retried.
 */
export function smsWebhookChannel(url: string): DeliveryChannel {
  return {
    async deliver(m) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          destination: m.destination,
          message: m.message,
          userPoolId: m.poolId,
          username: m.username,
          purpose: m.purpose,
        }),
        redirect: 'error',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      // Drain the body so the connection can be reused.
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) throw new Error(`the SMS webhook answered HTTP ${response.status}`);
    },
    close() {},
  };
}
