// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa-totp.html
import { z } from 'zod';
import { fail, messages } from '../../errors.ts';
import { poolMfaFactors } from '../../domain/mfa.ts';
import type { Challenge } from '../types.ts';
import { RETRIES } from '../attempts.ts';

/** The TOTP secret AssociateSoftwareToken made for this session (sealed), and whether VerifySoftwareToken accepted a code of it. */
export const mfaSetupState = z.object({ totpSecret: z.string().optional(), totpVerified: z.boolean().optional() });
export type MfaSetupState = z.output<typeof mfaSetupState>;

/**
 * MFA is required and the user has no factor: they enrol one in the flow. TOTP: the client calls
 * AssociateSoftwareToken and VerifySoftwareToken with the Session (operations/AssociateSoftwareToken.ts,
 * VerifySoftwareToken.ts mark the session's state), then answers MFA_SETUP with the newest Session.
 * Email (Amplify): the answer carries EMAIL; a code goes there and EMAIL_OTP follows.
 */
export const MFA_SETUP: Challenge<MfaSetupState> = {
  state: mfaSetupState,
  attempts: RETRIES,
  async issue(ctx) {
    return { parameters: { MFAS_CAN_SETUP: JSON.stringify(poolMfaFactors(ctx.pool.config)) }, state: {} };
  },
  async answer(ctx, responses, state) {
    if (state.totpVerified === true) return { kind: 'passed', stage: ['mfaSetup', 'mfa'] };
    const email = responses.EMAIL;
    if (email !== undefined && poolMfaFactors(ctx.pool.config).includes('EMAIL_OTP')) {
      if (!/^[^@\s]+@[^@\s]+$/.test(email)) return { kind: 'wrong', error: fail('InvalidParameterException', 'Invalid email address format.'), retry: true };
      ctx.state.setupEmail = email;
      return { kind: 'selected', next: 'EMAIL_OTP' };
    }
    return { kind: 'wrong', error: fail('NotAuthorizedException', messages.invalidSession), retry: false };
  },
};
