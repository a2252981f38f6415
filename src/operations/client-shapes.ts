import { fail } from '../errors.ts';
import { defaultExplicitAuthFlows } from '../domain/client.ts';
import { schemaOf } from '../domain/pool.ts';
import type { AppClient, ClientConfig, UserPool } from '../domain/types.ts';
import { z } from 'zod';
import { bool, enumOf, int, list, str } from './shapes.ts';
import type { Services } from '../services.ts';

/**
 * What the app client operations share: the member shapes of CreateUserPoolClient and
 * UpdateUserPoolClient, the effective settings (Cognito's defaults filled in, so the sign-in
 * engine reads `client.config` directly), and the UserPoolClientType answer.
 */

export const explicitAuthFlowValues = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
] as const;
export type ExplicitAuthFlow = (typeof explicitAuthFlowValues)[number];

const timeUnit = enumOf(['seconds', 'minutes', 'hours', 'days']);
type TimeUnit = z.output<typeof timeUnit>;
const unitSeconds: Record<TimeUnit, number> = { seconds: 1, minutes: 60, hours: 3600, days: 86400 };

const printable = /[\p{L}\p{M}\p{S}\p{N}\p{P}]+/u;
const redirectUrl = () => str({ min: 1, max: 1024, pattern: printable });
const arn = () => str({ min: 20, max: 2048, pattern: /arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?/ });

export const clientName = () => str({ min: 1, max: 128, pattern: /[\w\s+=,.@-]+/ });

/** Members CreateUserPoolClient and UpdateUserPoolClient both take (ClientName aside). */
export const clientSettings = {
  RefreshTokenValidity: int({ min: 0, max: 315360000 }).optional(),
  AccessTokenValidity: int({ min: 1, max: 86400 }).optional(),
  IdTokenValidity: int({ min: 1, max: 86400 }).optional(),
  TokenValidityUnits: z.object({ AccessToken: timeUnit.optional(), IdToken: timeUnit.optional(), RefreshToken: timeUnit.optional() }).optional(),
  ReadAttributes: list(str({ min: 1, max: 2048 })).optional(),
  WriteAttributes: list(str({ min: 1, max: 2048 })).optional(),
  ExplicitAuthFlows: list(enumOf(explicitAuthFlowValues)).optional(),
  SupportedIdentityProviders: list(str({ min: 1, max: 32, pattern: printable })).optional(),
  CallbackURLs: list(redirectUrl(), { max: 100 }).optional(),
  LogoutURLs: list(redirectUrl(), { max: 100 }).optional(),
  DefaultRedirectURI: redirectUrl().optional(),
  AllowedOAuthFlows: list(enumOf(['code', 'implicit', 'client_credentials']), { max: 3 }).optional(),
  AllowedOAuthScopes: list(str({ min: 1, max: 256, pattern: /[\x21\x23-\x5B\x5D-\x7E]+/ }), { max: 50 }).optional(),
  AllowedOAuthFlowsUserPoolClient: bool().optional(),
  AnalyticsConfiguration: z
    .object({
      ApplicationId: str().optional(),
      ApplicationArn: arn().optional(),
      RoleArn: arn().optional(),
      ExternalId: str().optional(),
      UserDataShared: bool().optional(),
    })
    .optional(),
  PreventUserExistenceErrors: enumOf(['LEGACY', 'ENABLED']).optional(),
  EnableTokenRevocation: bool().optional(),
  EnablePropagateAdditionalUserContextData: bool().optional(),
  AuthSessionValidity: int({ min: 3, max: 15 }).optional(),
  RefreshTokenRotation: z.object({ Feature: enumOf(['ENABLED', 'DISABLED']), RetryGracePeriodSeconds: int({ min: 0, max: 60 }).optional() }).optional(),
};

const settingsObject = z.object(clientSettings);
export type ClientSettings = z.output<typeof settingsObject>;

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
    >
  > & { TokenValidityUnits: { AccessToken: TimeUnit; IdToken: TimeUnit; RefreshToken: TimeUnit } };

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
 * Checks a Create/UpdateUserPoolClient request and returns the settings to store, every
 * defaulted member filled in. As in Cognito, an update is a replacement: a member not given goes
 * back to its default.
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
  };
}

const DEFAULT_SECONDS = { access: 3600, id: 3600, refresh: 30 * 86400 };

/** The client's token lifetimes in seconds (defaults for a client stored without them). */
export function tokenValiditySeconds(client: AppClient): { access: number; id: number; refresh: number } {
  const c = client.config;
  const units = c.TokenValidityUnits ?? {};
  const seconds = (value: number | undefined, unit: string | undefined, fallbackUnit: TimeUnit, fallback: number) =>
    value ? value * (unitSeconds[unit as TimeUnit] ?? unitSeconds[fallbackUnit]) : fallback;
  return {
    access: seconds(c.AccessTokenValidity, units.AccessToken, 'hours', DEFAULT_SECONDS.access),
    id: seconds(c.IdTokenValidity, units.IdToken, 'hours', DEFAULT_SECONDS.id),
    refresh: seconds(c.RefreshTokenValidity, units.RefreshToken, 'days', DEFAULT_SECONDS.refresh),
  };
}

const seconds = (ms: number) => Math.floor(ms / 1000);

/** UserPoolClientType: identity, secret, dates and the stored settings. */
export function describeClient(client: AppClient): Record<string, unknown> {
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(client.secret !== undefined ? { ClientSecret: client.secret } : {}),
    LastModifiedDate: seconds(client.updatedAt),
    CreationDate: seconds(client.createdAt),
    ...client.config,
  };
}

/** Stores a new client under `clientId` (fresh from newClientId, or fixed by the --config seed file). */
export async function insertClient(
  services: Services,
  pool: UserPool,
  name: string,
  config: ClientConfig,
  secret: string | undefined,
  clientId: string,
): Promise<AppClient> {
  const now = services.clock.now();
  const client: AppClient = { clientId, poolId: pool.id, name, secret, createdAt: now, updatedAt: now, config };
  await services.stores.clients.create(client);
  return client;
}
