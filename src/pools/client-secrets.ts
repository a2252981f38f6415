// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddUserPoolClientSecret.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolClientSecret.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListUserPoolClientSecrets.html
import { fail } from '../errors.ts';
import { newClientSecret } from '../domain/ids.ts';
import type { AppClient, ClientSecret } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** Active secrets an app client may hold at once: one in use and one being rotated in. */
export const MAX_CLIENT_SECRETS = 2;

/**
 * A new secret record. Its id is `<client id>--<creation time in epoch ms>` as Cognito forms
 * ClientSecretId; a second secret made within the same millisecond gets the next one.
 */
export function secretRecord(clientId: string, value: string, at: number, existing: readonly ClientSecret[] = []): ClientSecret {
  let createdAt = at;
  while (existing.some((s) => s.id === `${clientId}--${createdAt}`)) createdAt++;
  return { id: `${clientId}--${createdAt}`, value, createdAt };
}

/** The secret DescribeUserPoolClient shows as ClientSecret: the oldest active one. */
export const primarySecret = (client: AppClient): string | undefined => client.secrets[0]?.value;

async function replace(services: Services, client: AppClient, secrets: ClientSecret[]): Promise<void> {
  if (!(await services.stores.clients.replaceSecrets(client.clientId, client.secrets, secrets))) {
    throw fail('ConcurrentModificationException', `The secrets of app client ${client.clientId} were changed by another request; try again.`);
  }
}

/**
 * Adds a secret to a confidential client (`value`, or a fresh one): at most two are active.
 * Resolves the record and whether the value was generated (only a generated one is shown back).
 */
export async function addClientSecret(services: Services, client: AppClient, value: string | undefined): Promise<ClientSecret> {
  if (client.secrets.length === 0) {
    throw fail('InvalidParameterException', `App client ${client.clientId} has no client secret: secrets can be added to confidential app clients only.`);
  }
  if (client.secrets.length >= MAX_CLIENT_SECRETS) {
    throw fail('LimitExceededException', `App client ${client.clientId} already has ${MAX_CLIENT_SECRETS} client secrets; delete one before adding another.`);
  }
  if (value !== undefined && client.secrets.some((s) => s.value === value)) {
    throw fail('InvalidParameterException', 'The client secret is already a secret of this app client.');
  }
  const record = secretRecord(client.clientId, value ?? newClientSecret(), services.clock.now(), client.secrets);
  await replace(services, client, [...client.secrets, record]);
  return record;
}

/** Deletes one of the client's secrets; the last one cannot be deleted. */
export async function deleteClientSecret(services: Services, client: AppClient, secretId: string): Promise<void> {
  if (!client.secrets.some((s) => s.id === secretId)) {
    throw fail('ResourceNotFoundException', `Client secret ${secretId} does not exist for app client ${client.clientId}.`);
  }
  if (client.secrets.length === 1) {
    throw fail('InvalidParameterException', `Client secret ${secretId} is the last secret of app client ${client.clientId} and cannot be deleted.`);
  }
  await replace(
    services,
    client,
    client.secrets.filter((s) => s.id !== secretId),
  );
}
