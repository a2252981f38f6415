import {
  AdminCreateUserCommand,
  AdminInitiateAuthCommand,
  AdminSetUserPasswordCommand,
  type CreateUserPoolCommandInput,
  InitiateAuthCommand,
  RespondToAuthChallengeCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import type { AppClient, ClientConfig } from '../../src/domain/types.ts';
import { createClient, createPool } from './fixtures.ts';
import type { TestServer } from './server.ts';

export const PASSWORD = 'Corr3ct-Horse!';

export interface SignInSetup {
  poolId: string;
  client: AppClient;
  username: string;
  password: string;
}

export const allFlows = ['ALLOW_USER_PASSWORD_AUTH', 'ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'];

/** A pool, a client allowing every password flow, and a confirmed user with a permanent password. */
export async function signInSetup(
  server: TestServer,
  options: { pool?: Partial<CreateUserPoolCommandInput>; client?: ClientConfig; secret?: boolean; username?: string; attributes?: Record<string, string> } = {},
): Promise<SignInSetup> {
  const poolId = await createPool(server, options.pool);
  const client = await createClient(server, poolId, {
    secret: options.secret,
    config: { ExplicitAuthFlows: allFlows, AuthSessionValidity: 3, EnableTokenRevocation: true, ...options.client },
  });
  const username = options.username ?? 'alice';
  await server.sdk.send(
    new AdminCreateUserCommand({
      UserPoolId: poolId,
      Username: username,
      MessageAction: 'SUPPRESS',
      TemporaryPassword: 'Temp-Passw0rd!',
      UserAttributes: Object.entries(options.attributes ?? { email: 'alice@example.com', email_verified: 'true' }).map(([Name, Value]) => ({ Name, Value })),
    }),
  );
  await server.sdk.send(new AdminSetUserPasswordCommand({ UserPoolId: poolId, Username: username, Password: PASSWORD, Permanent: true }));
  return { poolId, client, username, password: PASSWORD };
}

export function passwordAuth(server: TestServer, s: { client: AppClient }, username: string, password: string, extra: Record<string, string> = {}) {
  return server.sdk.send(
    new InitiateAuthCommand({
      AuthFlow: 'USER_PASSWORD_AUTH',
      ClientId: s.client.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password, ...extra },
    }),
  );
}

export function adminPasswordAuth(
  server: TestServer,
  s: { poolId: string; client: AppClient },
  username: string,
  password: string,
  flow: 'ADMIN_USER_PASSWORD_AUTH' | 'ADMIN_NO_SRP_AUTH' = 'ADMIN_USER_PASSWORD_AUTH',
) {
  return server.sdk.send(
    new AdminInitiateAuthCommand({
      UserPoolId: s.poolId,
      AuthFlow: flow,
      ClientId: s.client.clientId,
      AuthParameters: { USERNAME: username, PASSWORD: password },
    }),
  );
}

export function respond(server: TestServer, s: { client: AppClient }, challengeName: string, session: string | undefined, responses: Record<string, string>) {
  return server.sdk.send(
    new RespondToAuthChallengeCommand({
      ClientId: s.client.clientId,
      ChallengeName: challengeName as never,
      Session: session,
      ChallengeResponses: responses,
    }),
  );
}
