// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-sms-email-message.html
// (auth-protocol.md §3.5: the email MFA factor; USER_AUTH's first factor of the same name comes later)
import { fail } from '../../errors.ts';
import { emailOf } from '../../messages/outbox.ts';
import { saveUser } from '../../operations/user-write.ts';
import { checkOtp, emailMfaText, sendOtp } from '../otp.ts';
import type { Challenge } from '../types.ts';

/**
 * A code by email after the password. During MFA_SETUP's email path the code goes to the
 * address the user gave, and a right code turns email MFA on for them.
 */
export const EMAIL_OTP: Challenge = {
  async issue(ctx) {
    const setup = ctx.state.setupEmail;
    const to = setup ? { channel: 'EMAIL' as const, attributeName: 'email' as const, address: setup } : emailOf(ctx.user!);
    if (!to) throw fail('MFAMethodNotFoundException', 'No email is set for email MFA.');
    return sendOtp(ctx, to, emailMfaText(ctx), 'mfa');
  },
  async answer(ctx, responses, state) {
    const wrong = checkOtp(ctx, state, responses.EMAIL_OTP_CODE);
    if (wrong) return wrong;
    const setup = ctx.state.setupEmail;
    if (setup && ctx.user) {
      ctx.user.attributes.email = setup;
      ctx.user.attributes.email_verified = 'true';
      ctx.user.mfa = { ...ctx.user.mfa, emailEnabled: true };
      await saveUser(ctx.services, ctx.pool, ctx.user);
      delete ctx.state.setupEmail;
      return { kind: 'passed', stage: ['mfaSetup', 'mfa'] };
    }
    return { kind: 'passed', stage: 'mfa' };
  },
};
