import { fail } from '../errors.ts';
import type { PoolConfig, User, UserPool } from './types.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html

/**
 * MFA rules that need no storage: which factors a pool offers, which a user has turned on, and
 * how a preference change applies to a user.
 */

export const mfaFactors = ['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP'] as const;
export type MfaFactor = (typeof mfaFactors)[number];

/**
 * The MFA factors the pool offers (SetUserPoolMfaConfig): SMS when SmsMfaConfiguration is set,
 * TOTP when SoftwareTokenMfaConfiguration.Enabled, email when EmailMfaConfiguration is set.
 */
export function poolMfaFactors(config: PoolConfig): MfaFactor[] {
  return [
    ...(config.SmsMfaConfiguration !== undefined ? (['SMS_MFA'] as const) : []),
    ...(config.SoftwareTokenMfaConfiguration?.Enabled === true ? (['SOFTWARE_TOKEN_MFA'] as const) : []),
    ...(config.EmailMfaConfiguration !== undefined ? (['EMAIL_OTP'] as const) : []),
  ];
}

/** The factors the user turned on (what GetUser lists as UserMFASettingList), in that order. */
export function userMfaFactors(user: Pick<User, 'mfa'>): MfaFactor[] {
  return [
    ...(user.mfa.smsEnabled ? (['SMS_MFA'] as const) : []),
    ...(user.mfa.totpEnabled ? (['SOFTWARE_TOKEN_MFA'] as const) : []),
    ...(user.mfa.emailEnabled ? (['EMAIL_OTP'] as const) : []),
  ];
}

/** One `*MfaSettings` member of SetUserMFAPreference. */
export interface MfaSetting {
  Enabled?: boolean | undefined;
  PreferredMfa?: boolean | undefined;
}

/** The settings of SetUserMFAPreference / AdminSetUserMFAPreference, by factor. */
export type MfaPreferences = Partial<Record<MfaFactor, MfaSetting>> & { webAuthn?: { Enabled?: boolean | undefined } };

const enabledKey = { SMS_MFA: 'smsEnabled', SOFTWARE_TOKEN_MFA: 'totpEnabled', EMAIL_OTP: 'emailEnabled' } as const;

function invalid(message: string): never {
  throw fail('InvalidParameterException', message);
}

/** Cognito's wording when a factor's means of delivery is missing (observed for TOTP). */
const noDelivery = (factor: MfaFactor) => `User does not have delivery config set to turn on ${factor}`;

/**
 * Applies a preference change to `user.mfa` (omitted settings stay as they are). Refuses, with
 * InvalidParameterException: two preferred factors; a factor preferred but disabled; TOTP
 * without a verified software token; SMS without a phone_number; email without an email; and,
 * when the pool requires MFA, turning off the user's last factor.
 */
export function applyMfaPreferences(config: PoolConfig, user: User, prefs: MfaPreferences): void {
  const preferred = mfaFactors.filter((f) => prefs[f]?.PreferredMfa === true);
  if (preferred.length > 1) invalid('Only one MFA method can be set as preferred.');
  const before = userMfaFactors(user);
  const mfa = { ...user.mfa };
  for (const factor of mfaFactors) {
    const setting = prefs[factor];
    if (!setting) continue;
    // PreferredMfa alone (Enabled omitted) turns the factor on, as preferring it implies.
    const enabled = setting.Enabled ?? (setting.PreferredMfa === true ? true : undefined);
    if (setting.PreferredMfa === true && enabled === false) invalid(`Cannot set ${factor} as preferred when it is disabled.`);
    if (enabled === true) {
      if (factor === 'SOFTWARE_TOKEN_MFA' && !mfa.totpSecret) invalid('User has not verified software token mfa');
      if (factor === 'SMS_MFA' && !user.attributes.phone_number) invalid(noDelivery(factor));
      if (factor === 'EMAIL_OTP' && !user.attributes.email) invalid(noDelivery(factor));
    }
    if (enabled !== undefined) mfa[enabledKey[factor]] = enabled;
    if (setting.PreferredMfa === true) mfa.preferred = factor;
    else if (mfa.preferred === factor && (setting.PreferredMfa === false || enabled === false)) delete mfa.preferred;
  }
  if (prefs.webAuthn?.Enabled !== undefined) mfa.webAuthnEnabled = prefs.webAuthn.Enabled;
  checkStillRequired(config, before, { mfa });
  user.mfa = mfa;
}

/**
 * Legacy SetUserSettings / AdminSetUserSettings: MFAOptions can only name SMS to phone_number;
 * a list with it turns SMS MFA on, an empty list turns it off.
 */
export function applyLegacyMfaOptions(
  config: PoolConfig,
  user: User,
  options: { DeliveryMedium?: string | undefined; AttributeName?: string | undefined }[],
): void {
  for (const o of options) {
    if (o.DeliveryMedium !== 'SMS' || o.AttributeName !== 'phone_number') {
      invalid('Only the SMS delivery medium to the phone_number attribute is supported for MFA options.');
    }
  }
  const on = options.length > 0;
  if (on && !user.attributes.phone_number) invalid(noDelivery('SMS_MFA'));
  const before = userMfaFactors(user);
  const mfa = { ...user.mfa, smsOptions: on, smsEnabled: on };
  if (!on && mfa.preferred === 'SMS_MFA') delete mfa.preferred;
  checkStillRequired(config, before, { mfa });
  user.mfa = mfa;
}

/** With MfaConfiguration ON, a user who has a factor cannot turn the last one off. */
function checkStillRequired(config: PoolConfig, before: MfaFactor[], after: Pick<User, 'mfa'>): void {
  if (config.MfaConfiguration === 'ON' && before.length > 0 && userMfaFactors(after).length === 0) {
    invalid('MFA is required for this user pool: at least one MFA method must stay enabled.');
  }
}

/**
 * The MFA factors a user can be asked for at sign-in: those they turned on that the pool offers
 * (a TOTP already enrolled keeps working after the pool turns TOTP off). In a pool that requires
 * MFA, a user with none but a phone number gets SMS, as Cognito has always done.
 */
export function askableMfaFactors(pool: UserPool, user: User): { available: MfaFactor[]; preferred: MfaFactor | undefined } {
  const offered = poolMfaFactors(pool.config);
  const has = (f: MfaFactor) =>
    f === 'SMS_MFA' ? Boolean(user.attributes.phone_number) : f === 'EMAIL_OTP' ? Boolean(user.attributes.email) : Boolean(user.mfa.totpSecret);
  const turnedOn = new Set<MfaFactor>(userMfaFactors(user));
  if (user.mfa.smsOptions) turnedOn.add('SMS_MFA');
  const available = [...turnedOn].filter((f) => has(f) && (offered.includes(f) || f === 'SOFTWARE_TOKEN_MFA'));
  if (available.length === 0 && pool.config.MfaConfiguration === 'ON' && offered.includes('SMS_MFA') && has('SMS_MFA')) available.push('SMS_MFA');
  const preferred = user.mfa.preferred && available.includes(user.mfa.preferred) ? user.mfa.preferred : undefined;
  return { available, preferred };
}
