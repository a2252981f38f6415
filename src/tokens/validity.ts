import type { AppClient } from '../domain/types.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-using-tokens-with-identity-providers.html

/** Token lifetimes from the app client's settings (TokenValidityUnits and the three validities). */

const unitMs: Record<string, number> = { seconds: 1000, minutes: 60_000, hours: 3_600_000, days: 86_400_000 };

function lifetime(value: number | undefined, unit: string | undefined, defaultUnit: string, defaultMs: number): number {
  // 0 (or unset) means the default, as Cognito replaces it.
  if (value === undefined || value <= 0) return defaultMs;
  return value * (unitMs[unit ?? defaultUnit] ?? unitMs[defaultUnit]!);
}

export interface TokenLifetimes {
  accessMs: number;
  idMs: number;
  refreshMs: number;
}

export function tokenLifetimes(client: AppClient): TokenLifetimes {
  const c = client.config;
  const units = c.TokenValidityUnits ?? {};
  return {
    accessMs: lifetime(c.AccessTokenValidity, units.AccessToken, 'hours', unitMs.hours!),
    idMs: lifetime(c.IdTokenValidity, units.IdToken, 'hours', unitMs.hours!),
    refreshMs: lifetime(c.RefreshTokenValidity, units.RefreshToken, 'days', 30 * unitMs.days!),
  };
}

/** Whether the client has refresh token rotation on (GetTokensFromRefreshToken then returns a new refresh token). */
export function rotationEnabled(client: AppClient): boolean {
  return client.config.RefreshTokenRotation?.Feature === 'ENABLED';
}

/** How long a rotated-out refresh token keeps working, in ms (RetryGracePeriodSeconds, 0..60). */
export function rotationGraceMs(client: AppClient): number {
  return Math.max(0, Math.min(60, client.config.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0)) * 1000;
}

/** Whether the client has token revocation on: true unless explicitly turned off. */
export function revocationEnabled(client: AppClient): boolean {
  return client.config.EnableTokenRevocation !== false;
}

/** The client's token lifetimes in seconds, as {@link tokenLifetimes} reckons them. */
export function tokenValiditySeconds(client: AppClient): { access: number; id: number; refresh: number } {
  const { accessMs, idMs, refreshMs } = tokenLifetimes(client);
  return { access: accessMs / 1000, id: idMs / 1000, refresh: refreshMs / 1000 };
}
