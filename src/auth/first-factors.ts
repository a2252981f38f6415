// https://docs.aws.amazon.com/cognito/latest/developerguide/authentication-flows-selection-sdk.html
import type { UserPool, User } from '../domain/types.ts';

/**
 * Choice-based sign-in (USER_AUTH): which first factors a user may choose — the pool's
 * AllowedFirstAuthFactors that the user can actually use. In a pool that
 * requires MFA, the passwordless factors are not offered, except a passkey when the pool lets a
 * user-verifying passkey count as multi-factor.
 */
export const firstFactorChoices = ['PASSWORD_SRP', 'PASSWORD', 'WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP'] as const;
export type FirstFactorChoice = (typeof firstFactorChoices)[number];

export function allowedFirstFactors(pool: UserPool): string[] {
  return pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD'];
}

/** A passkey sign-in also satisfies MFA (WebAuthnConfiguration.FactorConfiguration). */
export function passkeyIsMultiFactor(pool: UserPool): boolean {
  return (pool.config.WebAuthnConfiguration as { FactorConfiguration?: string } | undefined)?.FactorConfiguration === 'MULTI_FACTOR_WITH_USER_VERIFICATION';
}

export async function availableFirstFactors(
  pool: UserPool,
  user: User | undefined,
  hasPasskey: (user: User) => Promise<boolean>,
): Promise<FirstFactorChoice[]> {
  const allowed = allowedFirstFactors(pool);
  const mfaOn = pool.config.MfaConfiguration === 'ON';
  if (!user) {
    // A phantom is offered what the pool allows, so the answer looks like a real user's.
    return firstFactorChoices.filter(
      (f) => allowed.includes(f === 'PASSWORD_SRP' ? 'PASSWORD' : f) && !(mfaOn && (f === 'EMAIL_OTP' || f === 'SMS_OTP')) && f !== 'WEB_AUTHN',
    );
  }
  const confirmed = user.status === 'CONFIRMED';
  const out: FirstFactorChoice[] = [];
  if (allowed.includes('PASSWORD') && user.password && user.status !== 'RESET_REQUIRED') out.push('PASSWORD_SRP', 'PASSWORD');
  if (confirmed && allowed.includes('WEB_AUTHN') && (!mfaOn || passkeyIsMultiFactor(pool)) && (await hasPasskey(user))) out.push('WEB_AUTHN');
  if (confirmed && !mfaOn && allowed.includes('EMAIL_OTP') && user.attributes.email && user.attributes.email_verified === 'true') out.push('EMAIL_OTP');
  if (confirmed && !mfaOn && allowed.includes('SMS_OTP') && user.attributes.phone_number && user.attributes.phone_number_verified === 'true')
    out.push('SMS_OTP');
  return out;
}
