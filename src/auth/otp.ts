import { randomBytes, timingSafeEqual } from 'node:crypto';
import { fail, messages } from '../errors.ts';
import { randomDigits } from '../messages/codes.ts';
import { codeDeliveryDetails, type Destination, type MessageText, send } from '../messages/outbox.ts';
import { sessionLifetime } from './session.ts';
import type { AuthContext, Issued, Outcome } from './types.ts';

/**
 * One-time codes sent during a sign-in (SMS_MFA, EMAIL_OTP, SMS_OTP): the code goes out through
 * the outbox; only its keyed hash and expiry stay in the session. They live as long as the
 * client's AuthSessionValidity, and die with the session.
 */

function digest(ctx: AuthContext, salt: string, code: string): string {
  return ctx.services.sealer.digest(`otp:${salt}:${code}`);
}

export async function sendOtp(ctx: AuthContext, to: Destination, text: (code: string) => MessageText, purpose: string, digits = 6): Promise<Issued> {
  const code = randomDigits(digits);
  const salt = randomBytes(12).toString('base64url');
  await send(ctx.services, { poolId: ctx.pool.id, username: ctx.state.username, to, text: text(code), code, purpose });
  const details = codeDeliveryDetails(to);
  return {
    parameters: { CODE_DELIVERY_DELIVERY_MEDIUM: details.DeliveryMedium, CODE_DELIVERY_DESTINATION: details.Destination },
    state: { salt, hash: digest(ctx, salt, code), expiresAt: ctx.services.clock.now() + sessionLifetime(ctx.client) },
  };
}

/** Judges a code: wrong → CodeMismatchException (the same challenge may be answered again), expired → ExpiredCodeException. */
export function checkOtp(ctx: AuthContext, state: Record<string, unknown>, code: string | undefined): Outcome | undefined {
  if (Number(state.expiresAt) <= ctx.services.clock.now()) {
    return { kind: 'wrong', error: fail('ExpiredCodeException', messages.codeExpired), retry: false };
  }
  const given = Buffer.from(digest(ctx, String(state.salt), code ?? ''), 'hex');
  const expected = Buffer.from(String(state.hash), 'hex');
  if (code === undefined || given.length !== expected.length || !timingSafeEqual(given, expected)) {
    return { kind: 'wrong', error: fail('CodeMismatchException', messages.mfaCodeMismatch), retry: true };
  }
  return undefined;
}

export function smsMfaText(ctx: AuthContext): (code: string) => MessageText {
  const c = ctx.pool.config;
  const template =
    (c.SmsMfaConfiguration?.SmsAuthenticationMessage as string | undefined) ?? c.SmsAuthenticationMessage ?? 'Your authentication code is {####}. ';
  return (code) => ({ body: template.replaceAll('{####}', code) });
}

export function emailMfaText(ctx: AuthContext): (code: string) => MessageText {
  const e = ctx.pool.config.EmailMfaConfiguration;
  return (code) => ({
    subject: e?.Subject ?? 'Your authentication code',
    body: (e?.Message ?? 'Your authentication code is {####}. ').replaceAll('{####}', code),
  });
}
