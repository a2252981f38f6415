import type { AppClient } from '../domain/types.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** UserPoolClientType, the app client operations' answer: identity, secret, dates and the stored settings. */
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
