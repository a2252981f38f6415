// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import { fail } from '../errors.ts';
import { requireParam } from './params.ts';
import { verifyPasskey } from './passkey.ts';
import { clientA } from './srp-a.ts';
import { beforeSecret, checkPasswordFactor, subjectOf } from './subject.ts';
import type { AuthContext, Outcome } from './types.ts';

/**
 * Starts the first factor a USER_AUTH sign-in chose (PREFERRED_CHALLENGE, or the ANSWER to
 * SELECT_CHALLENGE) with what came along: PASSWORD with the password (judged at once),
 * PASSWORD_SRP with SRP_A (PASSWORD_VERIFIER follows), WEB_AUTHN with or without a CREDENTIAL,
 * EMAIL_OTP / SMS_OTP (a code is sent).
 */
export async function chooseFactor(ctx: AuthContext, factor: string, data: Record<string, string>): Promise<Outcome> {
  const { services } = ctx;
  switch (factor) {
    case 'PASSWORD': {
      const password = requireParam(data, 'PASSWORD');
      try {
        await checkPasswordFactor(services, subjectOf(ctx), password);
      } catch (error) {
        return { kind: 'wrong', error: error as never, retry: false };
      }
      ctx.state.authTime = services.clock.now();
      return { kind: 'passed', stage: 'firstFactor' };
    }
    case 'PASSWORD_SRP':
      ctx.state.srpA = clientA(data);
      await beforeSecret(services, subjectOf(ctx));
      return { kind: 'selected', next: 'PASSWORD_VERIFIER' };
    case 'WEB_AUTHN':
      if (data.CREDENTIAL !== undefined) return verifyPasskey(ctx, data.CREDENTIAL, undefined);
      return { kind: 'selected', next: 'WEB_AUTHN' };
    case 'EMAIL_OTP':
    case 'SMS_OTP':
      return { kind: 'selected', next: factor };
    default:
      return { kind: 'wrong', error: fail('InvalidParameterException', `${factor} is not a first factor.`), retry: true };
  }
}
