import { randomUUID } from 'node:crypto';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { type Channel, canDeliver } from './channel.ts';

/**
 * Every message Cognito would send (codes, invitations) is written to the outbox and, in local
 * mode, its text to the log, even one with nowhere to go (an invitation to a user without email
 * or phone number); the delivery worker (delivery.ts) sends it on where a channel is configured.
 * Tests and developers read it at GET /_cognate/messages.
 */

export interface Destination {
  channel: Channel;
  attributeName: 'email' | 'phone_number';
  address: string;
}

/** CodeDeliveryDetails' Destination as Cognito masks it: email `j***@e***` (TLD dropped), phone `+*******0100`. */
function maskDestination(d: Destination): string {
  if (d.channel === 'EMAIL') {
    const [local = '', domain = ''] = d.address.split('@');
    return `${local.charAt(0)}***@${domain.charAt(0)}***`;
  }
  const digits = d.address.replace(/^\+/, '');
  return `+${'*'.repeat(Math.max(0, digits.length - 4))}${digits.slice(-4)}`;
}

/** The CodeDeliveryDetails shape. */
export function codeDeliveryDetails(d: Destination) {
  return { Destination: maskDestination(d), DeliveryMedium: d.channel, AttributeName: d.attributeName };
}

/** An email address or phone number as a place to send to. */
export const destinationOf = (attributeName: Destination['attributeName'], address: string): Destination => ({
  channel: attributeName === 'email' ? 'EMAIL' : 'SMS',
  attributeName,
  address,
});

export const emailOf = (user: User): Destination | undefined => (user.attributes.email ? destinationOf('email', user.attributes.email) : undefined);

export const phoneOf = (user: User): Destination | undefined =>
  user.attributes.phone_number ? destinationOf('phone_number', user.attributes.phone_number) : undefined;

/** Where sign-up confirmation codes go: the auto-verified attribute the user has (phone first, as Cognito did). */
export function verificationDestination(pool: UserPool, user: User): Destination | undefined {
  const auto = pool.config.AutoVerifiedAttributes ?? [];
  if (auto.includes('phone_number') && phoneOf(user)) return phoneOf(user);
  if (auto.includes('email') && emailOf(user)) return emailOf(user);
  return undefined;
}

export interface MessageText {
  subject?: string;
  body: string;
}

/**
 * Every `placeholder` in `text` replaced by `value`, taken literally: a generated password may
 * hold `$&` or `$'`, which a replacement string would expand.
 */
export function fillIn(text: string, placeholder: string, value: string): string {
  return text.replaceAll(placeholder, () => value);
}

/** The verification message (sign-up, resend, attribute verification, password reset). */
export function verificationText(pool: UserPool, channel: Channel, code: string): MessageText {
  const t = pool.config.VerificationMessageTemplate ?? {};
  const c = pool.config;
  if (channel === 'SMS') {
    const body = (t.SmsMessage as string | undefined) ?? c.SmsVerificationMessage ?? 'Your verification code is {####}. ';
    return { body: fillIn(body, '{####}', code) };
  }
  const body = (t.EmailMessage as string | undefined) ?? c.EmailVerificationMessage ?? 'Your verification code is {####}. ';
  const subject = (t.EmailSubject as string | undefined) ?? c.EmailVerificationSubject ?? 'Your verification code';
  return { subject, body: fillIn(body, '{####}', code) };
}

/** The AdminCreateUser invitation with the temporary password. */
export function invitationText(pool: UserPool, channel: Channel, username: string, password: string): MessageText {
  const t = pool.config.AdminCreateUserConfig?.InviteMessageTemplate ?? {};
  const fill = (s: string) => fillIn(fillIn(s, '{username}', username), '{####}', password);
  if (channel === 'SMS') return { body: fill(t.SMSMessage ?? 'Your username is {username} and temporary password is {####}. ') };
  return {
    subject: t.EmailSubject ?? 'Your temporary password',
    body: fill(t.EmailMessage ?? 'Your username is {username} and temporary password is {####}. '),
  };
}

export interface OutgoingMessage {
  poolId: string;
  username: string;
  /** Undefined: the user has nowhere to receive it; it is kept in the outbox and the log all the same. */
  to: Destination | undefined;
  text: MessageText;
  /** The code or temporary password the message carries, for the messages endpoint. */
  code?: string;
  /** `signup`, `resend`, `forgot`, `verify:email`, `invitation`, `mfa`, … */
  purpose: string;
}

/**
 * Queues a message in the outbox and writes it to the log. Delivery happens later, in the
 * background: it never holds up (or fails) the request that sends.
 */
export async function send(services: Services, m: OutgoingMessage): Promise<void> {
  await services.stores.outbox.add(
    {
      id: randomUUID(),
      poolId: m.poolId,
      username: m.username,
      channel: m.to?.channel ?? 'NONE',
      destination: m.to?.address ?? '',
      subject: m.text.subject,
      message: m.text.body,
      code: m.code,
      purpose: m.purpose,
      createdAt: services.clock.now(),
    },
    // A message with no channel to go out by is never sent later, even after one is configured.
    { deliverable: m.to !== undefined && canDeliver(services.config, m.to.channel) },
  );
  // The text carries the code or temporary password: only a local server, where reading it from
  // the log is the point, writes it there.
  if (m.to === undefined) {
    const about = { userPoolId: m.poolId, username: m.username, channel: 'NONE', purpose: m.purpose };
    if (services.config.production) services.log.info(about, 'message kept, not sent: the user has no email or phone number');
    else services.log.info(about, `message (not sent: the user has no email or phone number): ${m.text.body}`);
    return;
  }
  const about = { userPoolId: m.poolId, username: m.username, channel: m.to.channel, to: m.to.address, purpose: m.purpose };
  if (services.config.production) services.log.info(about, 'message queued');
  else services.log.info(about, `message: ${m.text.body}`);
  services.nudgeDelivery();
}
