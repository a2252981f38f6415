import type { Frame } from '../pages/pages.ts';
import type { Services } from '../services.ts';
import type { AppClient } from '../domain/types.ts';
import { domainOfHost } from './where.ts';

/**
 * What every hosted page shows around its form: the app client's name, and the look of the
 * domain's version (ManagedLoginVersion 1, the classic hosted UI; 2, managed login) — the
 * domain the request came to, else the pool's.
 */
export async function pageFrame(services: Services, client: AppClient, host: string | undefined): Promise<Frame> {
  const domain = (await domainOfHost(services, host)) ?? (await services.stores.domains.ofPool(client.poolId))[0];
  return { clientName: client.name, version: domain?.managedLoginVersion ?? 1 };
}
