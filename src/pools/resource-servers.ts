// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
import { fail } from '../errors.ts';
import type { ResourceServer, ResourceServerScope } from '../domain/oauth.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Resource servers and their custom scopes. Deleting a scope (or its server) leaves it on the
 * app clients that allow it, inactive: it is not granted or put in tokens until it exists again.
 */

function checkScopes(scopes: ResourceServerScope[]): void {
  const seen = new Set<string>();
  for (const s of scopes) {
    if (seen.has(s.ScopeName)) throw fail('InvalidParameterException', `Duplicate scope name: ${s.ScopeName}`);
    seen.add(s.ScopeName);
  }
}

export const resourceServerNotFound = (identifier: string) => fail('ResourceNotFoundException', `Resource server ${identifier} does not exist.`);

export async function loadResourceServer(services: Services, pool: UserPool, identifier: string): Promise<ResourceServer> {
  const server = await services.stores.resourceServers.get(pool.id, identifier);
  if (!server) throw resourceServerNotFound(identifier);
  return server;
}

export async function createResourceServer(
  services: Services,
  pool: UserPool,
  identifier: string,
  name: string,
  scopes: ResourceServerScope[],
): Promise<ResourceServer> {
  checkScopes(scopes);
  const now = services.clock.now();
  const server: ResourceServer = { poolId: pool.id, identifier, name, scopes, createdAt: now, updatedAt: now };
  if (!(await services.stores.resourceServers.create(server))) {
    throw fail('InvalidParameterException', `A resource server with identifier ${identifier} already exists in this user pool.`);
  }
  return server;
}

/** UpdateResourceServer replaces the name and the scopes (scopes not given: none). */
export async function updateResourceServer(
  services: Services,
  pool: UserPool,
  identifier: string,
  name: string,
  scopes: ResourceServerScope[],
): Promise<ResourceServer> {
  const server = await loadResourceServer(services, pool, identifier);
  checkScopes(scopes);
  const updated = { ...server, name, scopes, updatedAt: services.clock.now() };
  await services.stores.resourceServers.update(updated);
  return updated;
}

export async function deleteResourceServer(services: Services, pool: UserPool, identifier: string): Promise<void> {
  await loadResourceServer(services, pool, identifier);
  await services.stores.resourceServers.delete(pool.id, identifier);
}
