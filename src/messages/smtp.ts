import { createTransport } from 'nodemailer';
import type { DeliveryChannel } from './channel.ts';

/** How long one SMTP exchange may take before the attempt counts as failed (and is retried). */
const TIMEOUT_MS = 10_000;

/** A message body with markup is sent as HTML, as Cognito sends its email messages; plain text otherwise. */
const looksLikeHtml = (body: string) => /<\/?[a-z][a-z0-9]*(\s[^>]*)?\/?>/i.test(body);

/**
 * The email channel: one SMTP connection per message to the `--smtp-url` server. The URL's
 * scheme picks TLS (`smtps:` from the start, `smtp:` upgrading with STARTTLS when offered) and
 * its query passes further options to the mailer.
 */
export function smtpChannel(url: string, from: string): DeliveryChannel {
  const transport = createTransport({
    url,
    connectionTimeout: TIMEOUT_MS,
    greetingTimeout: TIMEOUT_MS,
    socketTimeout: TIMEOUT_MS,
    disableFileAccess: true,
    disableUrlAccess: true,
  });
  return {
    async deliver(m) {
      await transport.sendMail({
        from,
        to: m.destination,
        subject: m.subject ?? '',
        ...(looksLikeHtml(m.message) ? { html: m.message } : { text: m.message }),
      });
    },
    close() {
      transport.close();
    },
  };
}
