import { fail, messages } from '../errors.ts';
import { checkTotp, TOTP_STEP_MS } from '../crypto/totp.ts';
import { usernameKey } from '../domain/pool.ts';
import type { MfaPreferences } from '../domain/mfa.ts';
import type { PoolConfig, User, UserPool } from '../domain/types.ts';
import type { SessionState } from '../sessions/state.ts';
import { z } from 'zod';
import { bool, enumOf, list, shapes } from './shapes.ts';
import type { Services } from '../services.ts';
import { loadPool } from '../pools/load.ts';

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

/** AssociateSoftwareToken / VerifySoftwareToken need TOTP turned on in the pool. */
export function requireSoftwareTokenMfa(pool: UserPool): void {
  if (pool.config.SoftwareTokenMfaConfiguration?.Enabled !== true) {
    throw fail('SoftwareTokenMFANotFoundException', 'Software Token MFA has not been enabled by the userPool');
  }
}

/** VerifySoftwareToken before any AssociateSoftwareToken. */
export const noPendingSoftwareToken = () => fail('SoftwareTokenMFANotFoundException', 'Software token has not been associated with the user.');

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

/** The pool and the user an MFA_SETUP session speaks for; a user gone since is an invalid session. */
export async function sessionUser(services: Services, state: SessionState, clientId: string): Promise<{ pool: UserPool; user: User }> {
  const client = await services.stores.clients.get(clientId);
  if (!client || state.phantom) throw fail('NotAuthorizedException', messages.invalidSession);
  const pool = await loadPool(services, client.poolId);
  const user = await services.stores.users.get(pool.id, usernameKey(pool, state.username));
  if (!user) throw fail('NotAuthorizedException', messages.invalidSession);
  return { pool, user };
}

/**
 * Checks a TOTP code against `secret` (base32, in clear) for `user` and uses it up: a code — its
 * time step — is accepted once per user, across processes (a row in used_tokens). Resolves
 * false for a wrong code or one already used. Also what a SOFTWARE_TOKEN_MFA answer should call.
 */
export async function useTotpCode(services: Services, user: Pick<User, 'sub'>, secret: string, code: string): Promise<boolean> {
  const step = checkTotp(secret, code, services.clock.now());
  if (step === undefined) return false;
  // Kept until the step can no longer match (one step of tolerance after it).
  return services.stores.usedTokens.markUsed(`totp:${user.sub}:${step}`, (step + 2) * TOTP_STEP_MS);
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
