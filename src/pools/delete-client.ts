// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClient.html
import type { AppClient } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** Deletes the app client and what belongs to it alone (its UI customization, risk configuration, terms, branding). */
export async function deleteClient(services: Services, client: AppClient): Promise<void> {
  await services.stores.transaction(async (stores) => {
    await stores.poolDocuments.deleteForClient(client.poolId, client.clientId);
    await stores.clients.delete(client.clientId);
  });
}
