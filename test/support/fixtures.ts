import { CreateUserPoolClientCommand, CreateUserPoolCommand, type CreateUserPoolCommandInput } from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient, ClientConfig } from '../../src/domain/types.ts';
import { cognateGet } from './cognate-get.ts';
import type { TestServer } from './server.ts';

/** Creates a pool through the SDK and returns its id. */
export async function createPool(server: TestServer, input: Partial<CreateUserPoolCommandInput> = {}): Promise<string> {
  const { UserPool } = await server.sdk.send(new CreateUserPoolCommand({ PoolName: 'test', ...input }));
  return UserPool!.Id!;
}

export interface ClientOptions {
  name?: string;
  /** `true` generates a secret; a string uses it. */
  secret?: boolean | string;
  config?: ClientConfig;
}

/**
 * Creates an app client through the SDK (CreateUserPoolClient) and returns it as the server
 * stored it. A fixed secret string (for vectors) is written through the store afterwards.
 */
export async function createClient(server: TestServer, poolId: string, options: ClientOptions = {}): Promise<AppClient> {
  const { UserPoolClient } = await server.sdk.send(
    new CreateUserPoolClientCommand({
      UserPoolId: poolId,
      ClientName: options.name ?? 'test-client',
      GenerateSecret: options.secret !== undefined && options.secret !== false,
      ...(options.config as Record<string, unknown>),
    }),
  );
  let client = (await server.services.stores.clients.get(UserPoolClient!.ClientId!))!;
  if (typeof options.secret === 'string') {
    await server.services.stores.clients.delete(client.clientId);
    client = { ...client, secrets: [{ id: `${client.clientId}--${client.createdAt}`, value: options.secret, createdAt: client.createdAt }] };
    await server.services.stores.clients.create(client);
  }
  return client;
}

/** Reads the messages the outbox holds for a user, oldest first. */
export async function messagesFor(server: TestServer, poolId: string, username: string) {
  const res = await cognateGet(server, `/_cognate/messages?userPoolId=${encodeURIComponent(poolId)}&username=${encodeURIComponent(username)}`);
  if (!res.ok) throw new Error(`messages endpoint answered ${res.status}`);
  const body = (await res.json()) as {
    messages: { channel: 'SMS' | 'EMAIL'; destination: string; code?: string; subject?: string; message: string; purpose: string; createdAt: string }[];
  };
  return body.messages;
}

/** The newest code sent to a user. */
export async function lastCode(server: TestServer, poolId: string, username: string): Promise<string> {
  const messages = await messagesFor(server, poolId, username);
  const code = messages.at(-1)?.code;
  if (code === undefined) throw new Error(`no code was sent to ${username}`);
  return code;
}
