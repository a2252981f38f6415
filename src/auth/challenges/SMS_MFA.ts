// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html
import { fail } from '../../errors.ts';
import { phoneOf } from '../../messages/outbox.ts';
import { checkOtp, type OtpState, otpState, sendOtp, smsMfaText } from '../otp.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

/** A code by SMS to the user's phone_number after the password. */
export const SMS_MFA: Challenge<OtpState> = {
  state: otpState,
  attempts: RETRIES,
  async issue(ctx) {
    const to = phoneOf(ctx.user!);
    if (!to) throw fail('MFAMethodNotFoundException', 'No phone_number is set for SMS MFA.');
    return sendOtp(ctx, to, smsMfaText(ctx), 'mfa');
  },
  async answer(ctx, responses, state) {
    return checkOtp(ctx, state, responses.SMS_MFA_CODE) ?? { kind: 'passed', stage: 'mfa' };
  },
};
