import { fail } from '../errors.ts';
import type { MfaPreferences } from '../domain/mfa.ts';
import type { PoolConfig } from '../domain/types.ts';
import { z } from 'zod';
import { bool, enumOf, list, shapes } from './shapes.ts';
export { noPendingSoftwareToken, requireSoftwareTokenMfa, sessionUser, useTotpCode } from '../users/software-token.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-mfa.html

/**
 * What the MFA operations share: the pool's MFA configuration as the API shows it, the
 * software-token preconditions, and single-use TOTP codes.
 */

/** GetUserPoolMfaConfig / SetUserPoolMfaConfig response: MfaConfiguration always, each block when set. */
export function mfaConfigResponse(config: PoolConfig): Record<string, unknown> {
  return {
    MfaConfiguration: config.MfaConfiguration ?? 'OFF',
    ...(config.SmsMfaConfiguration ? { SmsMfaConfiguration: config.SmsMfaConfiguration } : {}),
    ...(config.SoftwareTokenMfaConfiguration ? { SoftwareTokenMfaConfiguration: config.SoftwareTokenMfaConfiguration } : {}),
    ...(config.EmailMfaConfiguration ? { EmailMfaConfiguration: config.EmailMfaConfiguration } : {}),
    ...(config.WebAuthnConfiguration ? { WebAuthnConfiguration: config.WebAuthnConfiguration } : {}),
  };
}

/** AccessToken or Session, exactly one: the two ways to call the software-token operations. */
export const tokenOrSession = {
  AccessToken: shapes.token().optional(),
  Session: shapes.session().optional(),
};

export function exactlyOne(req: { AccessToken?: string | undefined; Session?: string | undefined }): void {
  if ((req.AccessToken === undefined) === (req.Session === undefined)) {
    throw fail('InvalidParameterException', 'Exactly one of AccessToken or Session must be provided.');
  }
}

const mfaSettings = () => z.object({ Enabled: bool().optional(), PreferredMfa: bool().optional() }).optional();

/** The settings members of SetUserMFAPreference and AdminSetUserMFAPreference. */
export const mfaPreferenceSettings = {
  SMSMfaSettings: mfaSettings(),
  SoftwareTokenMfaSettings: mfaSettings(),
  EmailMfaSettings: mfaSettings(),
  WebAuthnMfaSettings: z.object({ Enabled: bool().optional() }).optional(),
};

/** The wire settings as the domain's per-factor preferences. */
export function preferencesOf(req: { [K in keyof typeof mfaPreferenceSettings]?: z.output<(typeof mfaPreferenceSettings)[K]> }): MfaPreferences {
  return {
    SMS_MFA: req.SMSMfaSettings,
    SOFTWARE_TOKEN_MFA: req.SoftwareTokenMfaSettings,
    EMAIL_OTP: req.EmailMfaSettings,
    webAuthn: req.WebAuthnMfaSettings,
  };
}

/** The legacy MFAOptions list of SetUserSettings and AdminSetUserSettings. */
export const mfaOptions = () => list(z.object({ DeliveryMedium: enumOf(['SMS', 'EMAIL']).optional(), AttributeName: shapes.attributeName().optional() }));
