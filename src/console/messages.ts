import type { OutboxMessage } from '../domain/types.ts';
import { esc, table, urls, when } from './layout.ts';

/**
 * The outbox of a pool: every email and SMS message it sent, with the code each carries, so a
 * developer can finish a sign-up or an MFA sign-in without a mailbox. Local mode only: in
 * production the codes belong to real people.
 */

/** The table of messages, newest first (the part that refreshes). */
export function messagesList(poolId: string, messages: OutboxMessage[]): string {
  const rows = [...messages]
    .reverse()
    .map((m) => [
      esc(when(m.createdAt)),
      `<a href="${esc(urls.user(poolId, m.username))}">${esc(m.username)}</a>`,
      esc(m.channel),
      esc(m.destination),
      esc(m.purpose),
      m.code !== undefined ? `<code>${esc(m.code)}</code>` : '',
      `${m.subject ? `<strong>${esc(m.subject)}</strong><br>` : ''}${esc(m.message)}`,
    ]);
  return table('Outbox', ['When', 'User', 'Channel', 'To', 'Purpose', 'Code', 'Message'], rows, 'no message sent yet.');
}

export function messagesBody(poolId: string, messages: OutboxMessage[]): string {
  return `<section aria-labelledby="outbox-h"><h2 id="outbox-h">Messages sent</h2>
<p class="muted">Newest first. The list updates while this page is open.</p>
<div data-live="${esc(`${urls.messages(poolId)}?part=list`)}" aria-live="polite">${messagesList(poolId, messages)}</div>
</section>`;
}
