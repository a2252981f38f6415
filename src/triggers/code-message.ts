import type { User, UserPool } from '../domain/types.ts';
import { type Destination, type MessageText, fillIn, invitationText, send, verificationText } from '../messages/outbox.ts';
import type { Services } from '../services.ts';
import { type CustomSenderCause, customSenderEvent, customSenderOf } from './CustomSender.ts';
import { CODE_PARAMETER, type CustomMessageCause, MAX_EMAIL_LENGTH, MAX_SMS_LENGTH, USERNAME_PARAMETER, customMessageEvent } from './CustomMessage.ts';
import { type EventOrigin, eventAttributes, metadataOf } from './event.ts';
import { hasTrigger, invokeTrigger } from './invoker.ts';
import { encryptSenderCode } from './sender-code.ts';

/**
 * Sending a code or an invitation the way a pool with triggers does
 * (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-message.html,
 * https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-custom-sender-triggers.html):
 * - with a custom sender for the channel (CustomEmailSender / CustomSMSSender), the function
 *   gets the secret encrypted and cognate sends nothing itself (the outbox gets no message);
 * - otherwise the message (the pool's template) goes to the outbox, after the CustomMessage
 *   trigger, when configured, had its say on the text.
 */

export interface CodeMessage {
  pool: UserPool;
  user: User;
  to: Destination;
  /** What causes the message: the trigger source's suffix (`CustomMessage_<cause>`). */
  cause: CustomMessageCause;
  /** The code, or the temporary password of an invitation. */
  code: string;
  /** The outbox purpose (`signup`, `forgot`, `verify:email`, `invitation`, `mfa`, …). */
  purpose: string;
  /** The app client of a public operation; absent for admin operations. */
  clientId?: string | undefined;
  clientMetadata?: Record<string, string> | undefined;
  /** Invitations: the name the user signs in with, for `{username}`. */
  signInName?: string | undefined;
  /**
   * The pool's own message, placeholders in, when it is neither the verification message nor
   * the invitation (sign-in codes: SmsAuthenticationMessage, EmailMfaConfiguration).
   */
  template?: MessageText | undefined;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');

/** The pool's own message, its placeholders still in. */
function defaultTemplate(m: CodeMessage): MessageText {
  if (m.template) return m.template;
  return m.cause === 'AdminCreateUser'
    ? invitationText(m.pool, m.to.channel, USERNAME_PARAMETER, CODE_PARAMETER)
    : verificationText(m.pool, m.to.channel, CODE_PARAMETER);
}

function fill(m: CodeMessage, template: string): string {
  const withCode = fillIn(template, CODE_PARAMETER, m.code);
  return m.cause === 'AdminCreateUser' ? fillIn(withCode, USERNAME_PARAMETER, m.signInName ?? m.user.username) : withCode;
}

/**
 * The CustomMessage trigger's text, where usable: it must hold the code placeholder and, once
 * filled, fit Cognito's limits (20,000 characters of email, 140 of SMS); otherwise the pool's
 * own message is sent, as Cognito does.
 */
async function customText(services: Services, m: CodeMessage, origin: EventOrigin, fallback: MessageText): Promise<MessageText> {
  const event = customMessageEvent(origin, m.cause, {
    userAttributes: eventAttributes(m.pool, m.user),
    clientMetadata: metadataOf(m.clientMetadata),
  });
  const response = await invokeTrigger(services, m.pool, 'CustomMessage', event);
  const usable = (custom: string | null | undefined, max: number): string | undefined => {
    if (!custom) return undefined;
    const filled = fill(m, custom);
    if (!custom.includes(CODE_PARAMETER) || filled.length > max) {
      services.log.warn(
        { userPoolId: m.pool.id, triggerSource: event.triggerSource },
        `CustomMessage: the ${m.to.channel === 'SMS' ? 'smsMessage' : 'emailMessage'} lacks ${CODE_PARAMETER} or is longer than ${max} characters; the default message is sent`,
      );
      return undefined;
    }
    return filled;
  };
  if (m.to.channel === 'SMS') return { body: usable(response.smsMessage, MAX_SMS_LENGTH) ?? fill(m, fallback.body) };
  return {
    subject: response.emailSubject || fallback.subject,
    body: usable(response.emailMessage, MAX_EMAIL_LENGTH) ?? fill(m, fallback.body),
  };
}

/**
 * Sends a code / invitation message. A failing CustomMessage trigger fails the caller (its
 * exception reaches the API client); a failing custom sender is only logged, since Cognito
 * invokes those asynchronously.
 */
export async function deliverCode(services: Services, m: CodeMessage): Promise<void> {
  const origin: EventOrigin = { pool: m.pool, userName: m.user.username, clientId: m.clientId };
  const sender = customSenderOf[m.to.channel];
  if (hasTrigger(m.pool, sender)) {
    // Temporary passwords are HTML-escaped before encryption, as Cognito does.
    const secret = m.cause === 'AdminCreateUser' ? escapeHtml(m.code) : m.code;
    const request = {
      code: encryptSenderCode(services, secret),
      userAttributes: eventAttributes(m.pool, m.user),
      clientMetadata: metadataOf(m.clientMetadata),
    };
    try {
      await invokeTrigger(services, m.pool, sender, customSenderEvent(m.to.channel, origin, m.cause as CustomSenderCause<typeof m.to.channel>, request));
    } catch (error) {
      services.log.warn({ userPoolId: m.pool.id, username: m.user.username, error: (error as Error).message }, `${sender} failed`);
    }
    return;
  }
  const fallback = defaultTemplate(m);
  const text = hasTrigger(m.pool, 'CustomMessage') ? await customText(services, m, origin, fallback) : { ...fallback, body: fill(m, fallback.body) };
  await send(services, { poolId: m.pool.id, username: m.user.username, to: m.to, text, code: m.code, purpose: m.purpose });
}
