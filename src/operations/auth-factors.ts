import { mfaMembers } from '../domain/user.ts';
import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * GetUserAuthFactors / AdminGetUserAuthFactors: the user's MFA settings and the authentication
 * factors the user has set up: PASSWORD with a password; EMAIL_OTP / SMS_OTP
 * with a verified email / phone number when the pool allows that first factor, or when the user
 * turned that MFA factor on; WEB_AUTHN with a registered passkey; SOFTWARE_TOKEN with a verified
 * authenticator app.
 */
export async function authFactorsResponse(services: Services, pool: UserPool, user: User): Promise<Record<string, unknown>> {
  const allowed = pool.config.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? [];
  const a = user.attributes;
  const factors: string[] = [];
  if (user.password) factors.push('PASSWORD');
  if ((allowed.includes('EMAIL_OTP') && a.email && a.email_verified === 'true') || user.mfa.emailEnabled) factors.push('EMAIL_OTP');
  if ((allowed.includes('SMS_OTP') && a.phone_number && a.phone_number_verified === 'true') || user.mfa.smsEnabled) factors.push('SMS_OTP');
  if ((await services.stores.webauthn.countCredentials(pool.id, user.username)) > 0) factors.push('WEB_AUTHN');
  if (user.mfa.totpEnabled) factors.push('SOFTWARE_TOKEN');
  // MFAOptions (legacy) is not a member of these responses.
  const { MFAOptions: _legacy, ...mfa } = mfaMembers(user);
  return { Username: user.username, ...mfa, ConfiguredUserAuthFactors: factors };
}
