import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fail, messages } from '../errors.ts';
import { randomDigits } from '../domain/ids.ts';
import { codeDeliveryDetails, type Destination, type MessageText } from '../messages/outbox.ts';
import { deliverCode } from '../triggers/code-message.ts';
import { countCodeSend } from '../users/code-send-limit.ts';
import { z } from 'zod';
import { sessionLifetime } from '../sessions/session.ts';
import type { AuthContext, Issued, Outcome } from './types.ts';

/** The private state of a challenge that sent a code: the code's keyed hash, its salt and expiry. */
export const otpState = z.object({ salt: z.string(), hash: z.string(), expiresAt: z.number() });
export type OtpState = z.output<typeof otpState>;

/**
 * One-time codes sent during a sign-in (SMS_MFA, EMAIL_OTP, SMS_OTP): the code goes out through
 * the outbox; only its keyed hash and expiry stay in the session. They live as long as the
 * client's AuthSessionValidity, and die with the session.
 */

function digest(ctx: AuthContext, salt: string, code: string): string {
  return ctx.services.sealer.digest(`otp:${salt}:${code}`);
}

/**
 * Sends a sign-in code through CustomMessage_Authentication / the custom senders when the pool
 * has them, else the outbox with the pool's message (`template`, `{####}` in it).
 */
export async function sendOtp(ctx: AuthContext, to: Destination, template: MessageText, purpose: string, digits = 6): Promise<Issued<OtpState>> {
  const code = randomDigits(digits);
  const salt = randomBytes(12).toString('base64url');
  // A phantom's code goes nowhere: it can never be answered right.
  if (ctx.user) {
    await countCodeSend(ctx.services, ctx.pool.id, ctx.user.username, 'sign-in');
    await deliverCode(ctx.services, {
      pool: ctx.pool,
      user: ctx.user,
      to,
      cause: 'Authentication',
      code,
      purpose,
      clientId: ctx.client.clientId,
      clientMetadata: ctx.state.clientMetadata,
      template,
    });
  }
  const details = codeDeliveryDetails(to);
  return {
    parameters: { CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium, CODE_DELIVERY_DESTINATION: details.Destination },
    state: { salt, hash: digest(ctx, salt, code), expiresAt: ctx.services.clock.now() + sessionLifetime(ctx.client) },
  };
}

/** Judges a code: wrong → CodeMismatchException (the same challenge may be answered again), expired → ExpiredCodeException. */
export function checkOtp(ctx: AuthContext, state: OtpState, code: string | undefined): Outcome | undefined {
  if (state.expiresAt <= ctx.services.clock.now()) {
    return { kind: 'wrong', error: fail('ExpiredCodeException', messages.codeExpired), retry: false };
  }
  const given = Buffer.from(digest(ctx, state.salt, code ?? ''), 'hex');
  const expected = Buffer.from(state.hash, 'hex');
  if (code === undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'wrong', error: fail('CodeMismatchException', messages.mfaCodeMismatch), retry: true };
  }
  return undefined;
}

/** The pool's SMS sign-in message, `{####}` in it. */
export function smsMfaText(ctx: AuthContext): MessageText {
  const c = ctx.pool.config;
  return {
    body: (c.SmsMfaConfiguration?.SmsAuthenticationMessage as string | undefined) ?? c.SmsAuthenticationMessage ?? 'Your authentication code is {####}. ',
  };
}

/** The pool's email sign-in message, `{####}` in it. */
export function emailMfaText(ctx: AuthContext): MessageText {
  const e = ctx.pool.config.EmailMfaConfiguration;
  return { subject: e?.Subject ?? 'Your authentication code', body: e?.Message ?? 'Your authentication code is {####}. ' };
}
