// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
// An SMS one-time password as a USER_AUTH first factor.
import { fail } from '../../errors.ts';
import { checkOtp, type OtpState, otpState, sendOtp, smsMfaText } from '../otp.ts';
import { otpDestination, passwordlessPassed } from '../passwordless.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

export const SMS_OTP: Challenge<OtpState> = {
  state: otpState,
  attempts: RETRIES,
  async issue(ctx) {
    const to = otpDestination(ctx, 'SMS');
    if (!to) throw fail('InvalidParameterException', 'No phone_number is set for SMS_OTP.');
    return sendOtp(ctx, to, smsMfaText(ctx), 'sign-in', 8);
  },
  async answer(ctx, responses, state) {
    return checkOtp(ctx, state, responses.SMS_OTP_CODE) ?? passwordlessPassed(ctx);
  },
};
