import type { AppClient } from '../domain/types.ts';
import { primarySecret } from '../pools/client-secrets.ts';

const seconds = (ms: number) => Math.floor(ms / 1000);

/** UserPoolClientType, the app client operations' answer: identity, secret, dates and the stored settings. */
export function describeClient(client: AppClient): Record<string, unknown> {
  return {
    UserPoolId: client.poolId,
    ClientName: client.name,
    ClientId: client.clientId,
    ...(primarySecret(client) !== undefined ? { ClientSecret: primarySecret(client) } : {}),
    LastModifiedDate: seconds(client.updatedAt),
    CreationDate: seconds(client.createdAt),
    ...client.config,
  };
}
