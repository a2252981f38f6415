// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import { fail } from '../../errors.ts';
import { destinationOf } from '../../messages/outbox.ts';
import { saveUser } from '../../users/write-user.ts';
import { checkOtp, emailMfaText, type OtpState, otpState, sendOtp } from '../otp.ts';
import { otpDestination, passwordlessPassed } from '../passwordless.ts';
import type { AuthContext, Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

/** Before the first factor this is passwordless sign-in (8-digit codes, as observed); after it, email MFA. */
const firstFactor = (ctx: AuthContext) => !ctx.state.done.includes('firstFactor');

/**
 * A code by email. During MFA_SETUP's email path the code goes to the address the user gave,
 * and a right code turns email MFA on for them.
 */
export const EMAIL_OTP: Challenge<OtpState> = {
  state: otpState,
  attempts: RETRIES,
  async issue(ctx) {
    const setup = ctx.state.setupEmail;
    const to = setup ? destinationOf('email', setup) : otpDestination(ctx, 'EMAIL');
    if (!to) throw fail('MFAMethodNotFoundException', 'No email is set for email MFA.');
    return firstFactor(ctx) ? sendOtp(ctx, to, emailMfaText(ctx), 'sign-in', 8) : sendOtp(ctx, to, emailMfaText(ctx), 'mfa');
  },
  async answer(ctx, responses, state) {
    const wrong = checkOtp(ctx, state, responses.EMAIL_OTP_CODE);
    if (wrong) return wrong;
    if (firstFactor(ctx)) return passwordlessPassed(ctx);
    const setup = ctx.state.setupEmail;
    if (setup && ctx.user) {
      ctx.user.attributes.email = setup;
      ctx.user.attributes.email_verified = 'true';
      ctx.user.mfa = { ...ctx.user.mfa, emailEnabled: true };
      delete ctx.state.setupEmail;
      const { services, pool, user } = ctx;
      return { kind: 'passed', stage: ['mfaSetup', 'mfa'], commit: (stores) => saveUser({ ...services, stores }, pool, user) };
    }
    return { kind: 'passed', stage: 'mfa' };
  },
};
