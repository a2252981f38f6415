// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-assign-domain.html
import type { UserPoolDomain } from '../domain/oauth.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Which pool a request to the authorization server is for. Every endpoint is served on the
 * server's own origin: when the Host names a pool's domain (its prefix domain
 * `<prefix>.auth.<region>.amazoncognito.com`, the local alias `<prefix>.auth.<region>.localhost`
 * which browsers resolve to this machine, or its custom domain), the pool is that domain's and a
 * client of another pool is refused; otherwise the pool is the client's (or the access token's),
 * and it must have a domain, as in Cognito.
 */

const PREFIX_HOST = /^([a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)\.auth\.([a-z0-9-]+)\.(?:amazoncognito\.com|localhost)$/;

/** The host name of a Host header, lowercase, without the port. */
function hostName(host: string | undefined): string | undefined {
  if (!host) return undefined;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.replace(/:\d+$/, '');
  return name.toLowerCase();
}

/** The pool domain a Host header names, if any. */
export async function domainOfHost(services: Services, host: string | undefined): Promise<UserPoolDomain | undefined> {
  const name = hostName(host);
  if (!name || name === 'localhost' || /^[\d.]+$/.test(name) || name.startsWith('[')) return undefined;
  const prefix = PREFIX_HOST.exec(name);
  if (prefix) {
    if (prefix[2] !== services.config.region) return undefined;
    const domain = await services.stores.domains.get(prefix[1]!);
    return domain?.kind === 'prefix' ? domain : undefined;
  }
  const domain = await services.stores.domains.get(name);
  return domain?.kind === 'custom' ? domain : undefined;
}

export type Located =
  | { kind: 'found'; client: AppClient; pool: UserPool }
  | { kind: 'unknown-client' }
  | { kind: 'no-domain'; client: AppClient; pool: UserPool };

/** The client `clientId` and its pool, as reached through `host`. */
export async function locateClient(services: Services, host: string | undefined, clientId: string | undefined | null): Promise<Located> {
  if (!clientId) return { kind: 'unknown-client' };
  const [domain, found] = await Promise.all([domainOfHost(services, host), services.stores.clients.getWithPool(clientId)]);
  if (!found) return { kind: 'unknown-client' };
  if (domain) return domain.poolId === found.pool.id ? { kind: 'found', ...found } : { kind: 'unknown-client' };
  return (await hasDomain(services, found.pool.id)) ? { kind: 'found', ...found } : { kind: 'no-domain', ...found };
}

/** Whether the pool has a domain (of either kind). */
export async function hasDomain(services: Services, poolId: string): Promise<boolean> {
  return (await services.stores.domains.ofPool(poolId)).length > 0;
}
