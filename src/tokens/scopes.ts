import { customScopesOf, isReservedScope } from '../domain/oauth.ts';
import type { Services } from '../services.ts';

/**
 * `scopes` less the custom scopes that no resource server of the pool defines now: a deleted
 * scope stays on the app clients that allow it but is inactive, not granted nor put in tokens,
 * until it is defined again. Reads the resource servers only when a custom scope is asked for.
 */
export async function activeScopes(services: Services, poolId: string, scopes: readonly string[]): Promise<string[]> {
  if (scopes.every(isReservedScope)) return [...scopes];
  const existing = customScopesOf(await services.stores.resourceServers.all(poolId));
  return scopes.filter((s) => isReservedScope(s) || existing.has(s));
}
