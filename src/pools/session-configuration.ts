// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolSessionConfiguration.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUserPoolClientSessionConfiguration.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/managing-user-sessions.html
import { fail } from '../errors.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Session tracking settings: whether the pool tracks sessions and how many token sessions a user
 * may hold (the least recently used one is ended beyond it), and per app client how long an SSO
 * session is silently reused.
 */

const POOL_KIND = 'session-configuration';
const CLIENT_KIND = 'client-session-configuration';

export interface PoolSessionConfiguration {
  UserSessionTracking: 'ENABLED' | 'DISABLED';
  TokenSession: { MaxPerUser: number };
}

/** What a pool that never set its session configuration has. */
const poolDefaults: PoolSessionConfiguration = { UserSessionTracking: 'DISABLED', TokenSession: { MaxPerUser: 20 } };
const clientDefaults = { SSOSession: { MaxValidityMinutes: 60 } };

function requireTier(pool: UserPool): void {
  if ((pool.config.UserPoolTier ?? 'ESSENTIALS') === 'LITE') {
    throw fail('FeatureUnavailableInTierException', 'Session management requires the Essentials or Plus tier.');
  }
}

export async function poolSessionConfiguration(services: Services, pool: UserPool): Promise<PoolSessionConfiguration> {
  return (await services.stores.poolDocuments.get<PoolSessionConfiguration>(pool.id, POOL_KIND, ''))?.body ?? poolDefaults;
}

/** Replaces the pool's session configuration (every member is given). */
export async function setPoolSessionConfiguration(services: Services, pool: UserPool, configuration: PoolSessionConfiguration): Promise<void> {
  requireTier(pool);
  const now = services.clock.now();
  await services.stores.poolDocuments.put({
    poolId: pool.id,
    kind: POOL_KIND,
    key: '',
    clientId: undefined,
    body: configuration,
    createdAt: now,
    updatedAt: now,
  });
}

export async function clientSessionConfiguration(services: Services, client: AppClient): Promise<typeof clientDefaults> {
  return (await services.stores.poolDocuments.get<typeof clientDefaults>(client.poolId, CLIENT_KIND, client.clientId))?.body ?? clientDefaults;
}

/** Replaces the client's session configuration; the pool must track sessions. */
export async function setClientSessionConfiguration(services: Services, pool: UserPool, client: AppClient, maxValidityMinutes: number): Promise<void> {
  requireTier(pool);
  if ((await poolSessionConfiguration(services, pool)).UserSessionTracking !== 'ENABLED') {
    throw fail('InvalidParameterException', 'Session tracking must be enabled for the user pool (SetUserPoolSessionConfiguration) first.');
  }
  const now = services.clock.now();
  await services.stores.poolDocuments.put({
    poolId: pool.id,
    kind: CLIENT_KIND,
    key: client.clientId,
    clientId: client.clientId,
    body: { SSOSession: { MaxValidityMinutes: maxValidityMinutes } },
    createdAt: now,
    updatedAt: now,
  });
}
