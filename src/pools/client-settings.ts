// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolClient.html
import { fail } from '../errors.ts';
import { defaultExplicitAuthFlows, type ExplicitAuthFlow, type TimeUnit } from '../domain/client.ts';
import { schemaOf } from '../domain/pool.ts';
import type { ClientConfig, UserPool } from '../domain/types.ts';

/** An app client's settings as a caller gives them (Create/UpdateUserPoolClient, the seed file). */
export interface ClientSettings extends Omit<ClientConfig, 'TokenValidityUnits' | 'ExplicitAuthFlows'> {
  TokenValidityUnits?: { AccessToken?: TimeUnit | undefined; IdToken?: TimeUnit | undefined; RefreshToken?: TimeUnit | undefined } | undefined;
  ExplicitAuthFlows?: ExplicitAuthFlow[] | undefined;
}

/** The client's settings as a {@link ClientConfig} with defaults applied. */
export type EffectiveClientConfig = ClientConfig &
  Required<
    Pick<
      ClientConfig,
      | 'RefreshTokenValidity'
      | 'AccessTokenValidity'
      | 'IdTokenValidity'
      | 'ExplicitAuthFlows'
      | 'PreventUserExistenceErrors'
      | 'EnableTokenRevocation'
      | 'EnablePropagateAdditionalUserContextData'
      | 'AuthSessionValidity'
      | 'RefreshTokenRotation'
      | 'AllowedOAuthFlowsUserPoolClient'
    >
  > & { TokenValidityUnits: { AccessToken: TimeUnit; IdToken: TimeUnit; RefreshToken: TimeUnit } };

const unitSeconds: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

const invalid = (message: string): never => {
  throw fail('InvalidParameterException', message);
};

/** A token lifetime as stored: the value in its unit, the default (in that unit) when absent or 0. */
function validity(given: number | undefined, unit: TimeUnit, defaultSeconds: number): { value: number; unit: TimeUnit } {
  if (given !== undefined && given !== 0) return { value: given, unit };
  // One hour cannot be written in whole days: such a client keeps the default in hours.
  if (defaultSeconds % unitSeconds[unit] !== 0) return { value: defaultSeconds / 3600, unit: 'hours' };
  return { value: defaultSeconds / unitSeconds[unit], unit };
}

function checkAuthFlows(flows: ExplicitAuthFlow[], rotation: boolean): void {
  const modern = flows.filter((f) => f.startsWith('ALLOW_'));
  if (modern.length > 0 && modern.length < flows.length) {
    invalid('Legacy ExplicitAuthFlows values (ADMIN_NO_SRP_AUTH, CUSTOM_AUTH_FLOW_ONLY, USER_PASSWORD_AUTH) cannot be combined with ALLOW_ values.');
  }
  // Machine-to-machine clients authenticate themselves, never users.
  if (flows.includes('ALLOW_CLIENT_TOKEN_AUTH')) {
    if (flows.length > 1) invalid('ALLOW_CLIENT_TOKEN_AUTH cannot be combined with other authentication flows.');
    return;
  }
  // With refresh token rotation, refreshing goes through GetTokensFromRefreshToken instead.
  if (modern.length > 0 && !rotation && !modern.includes('ALLOW_REFRESH_TOKEN_AUTH')) {
    invalid('REFRESH_TOKEN_AUTH should always be allowed.');
  }
}

function checkAttributeNames(pool: UserPool, settings: ClientSettings, verb: 'creating' | 'updating'): void {
  const known = new Set(schemaOf(pool.config).map((a) => a.Name));
  if (settings.ReadAttributes?.some((name) => !known.has(name))) {
    invalid(`Invalid read attributes specified while ${verb} a client`);
  }
  if (settings.WriteAttributes?.some((name) => !known.has(name) || name === 'sub')) {
    invalid(`Invalid write attributes specified while ${verb} a client`);
  }
}

/**
 * Checks a client's settings and returns those to store, every defaulted member filled in (so
 * the sign-in engine reads `client.config` directly). As in Cognito, an update is a replacement:
 * a member not given goes back to its default.
 */
export function clientConfig(pool: UserPool, settings: ClientSettings, verb: 'creating' | 'updating'): EffectiveClientConfig {
  const units = settings.TokenValidityUnits ?? {};
  const access = validity(settings.AccessTokenValidity, units.AccessToken ?? 'hours', 3600);
  const id = validity(settings.IdTokenValidity, units.IdToken ?? 'hours', 3600);
  const refresh = validity(settings.RefreshTokenValidity, units.RefreshToken ?? 'days', 30 * 86400);
  const accessSeconds = access.value * unitSeconds[access.unit];
  const idSeconds = id.value * unitSeconds[id.unit];
  const refreshSeconds = refresh.value * unitSeconds[refresh.unit];
  const shortLived = (s: number) => s >= 300 && s <= 86400;
  if (!shortLived(accessSeconds) || !shortLived(idSeconds) || refreshSeconds < 3600 || refreshSeconds > 315360000) {
    invalid('Invalid range for token validity.');
  }
  if (accessSeconds > refreshSeconds || idSeconds > refreshSeconds) {
    invalid('Access and ID token validity cannot be greater than refresh token validity.');
  }

  const rotation = {
    Feature: settings.RefreshTokenRotation?.Feature ?? 'DISABLED',
    RetryGracePeriodSeconds: settings.RefreshTokenRotation?.RetryGracePeriodSeconds ?? 0,
  } as const;
  const flows = [...new Set(settings.ExplicitAuthFlows?.length ? settings.ExplicitAuthFlows : [...defaultExplicitAuthFlows])];
  checkAuthFlows(flows, rotation.Feature === 'ENABLED');
  checkAttributeNames(pool, settings, verb);

  return {
    ...settings,
    AccessTokenValidity: access.value,
    IdTokenValidity: id.value,
    RefreshTokenValidity: refresh.value,
    TokenValidityUnits: { AccessToken: access.unit, IdToken: id.unit, RefreshToken: refresh.unit },
    ExplicitAuthFlows: flows,
    PreventUserExistenceErrors: settings.PreventUserExistenceErrors ?? 'LEGACY',
    EnableTokenRevocation: settings.EnableTokenRevocation ?? true,
    EnablePropagateAdditionalUserContextData: settings.EnablePropagateAdditionalUserContextData ?? false,
    AuthSessionValidity: settings.AuthSessionValidity ?? 3,
    RefreshTokenRotation: rotation,
    // Off unless asked for, as the API leaves it: the client then has no use of the OAuth endpoints.
    AllowedOAuthFlowsUserPoolClient: settings.AllowedOAuthFlowsUserPoolClient ?? false,
  };
}
