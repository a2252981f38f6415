// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
import { fail, messages } from '../../errors.ts';
import { TOTP_STEP_MS, checkTotp } from '../../crypto/totp.ts';
import { type NoState, noState } from '../../sessions/state.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

/** A code from the user's authenticator app; each 30-second code is accepted once per user. */
export const SOFTWARE_TOKEN_MFA: Challenge<NoState> = {
  state: noState,
  attempts: RETRIES,
  async issue(ctx) {
    const mfa = ctx.user!.mfa;
    if (!mfa.totpSecret) throw fail('SoftwareTokenMFANotFoundException', 'Software Token MFA does not exist for the user.');
    return { parameters: { ...(mfa.totpFriendlyName ? { FRIENDLY_DEVICE_NAME: String(mfa.totpFriendlyName) } : {}) }, state: {} };
  },
  async answer(ctx, responses) {
    const { services } = ctx;
    const user = ctx.user!;
    // The user's mfa document is sealed at rest as a whole; in memory the secret is clear base32.
    const step = checkTotp(String(user.mfa.totpSecret), responses.SOFTWARE_TOKEN_MFA_CODE ?? '', services.clock.now());
    if (step === undefined) return { kind: 'wrong', error: fail('CodeMismatchException', messages.mfaCodeMismatch), retry: true };
    // The same marker VerifySoftwareToken sets (operations/mfa.ts useTotpCode): a code used to enrol is spent too.
    if (!(await services.stores.usedTokens.markUsed(`totp:${user.sub}:${step}`, (step + 2) * TOTP_STEP_MS))) {
      return { kind: 'wrong', error: fail('CodeMismatchException', 'Your software token has already been used once.'), retry: true };
    }
    return { kind: 'passed', stage: 'mfa' };
  },
};
