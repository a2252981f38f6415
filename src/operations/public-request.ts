import { checkSecretHash } from '../domain/secret-hash.ts';
import type { AppClient, User, UserPool } from '../domain/types.ts';
import { loadClient, loadPool } from '../pools/load.ts';
import type { Services } from '../services.ts';
import { findUser } from '../users/find-user.ts';

/** The client, its pool and the user a public request names (undefined when there is none). */
export interface PublicCaller {
  client: AppClient;
  pool: UserPool;
  user: User | undefined;
}

/**
 * What the public sign-up and recovery operations (SignUp, ConfirmSignUp, ResendConfirmationCode,
 * ForgotPassword, ConfirmForgotPassword) start with: loads the client (ResourceNotFoundException
 * when unknown) and its pool, finds the user named by `Username` (as typed: username, alias or
 * sub), and checks the top-level SecretHash over the name as given and the internal username.
 */
export async function publicRequest(services: Services, req: { ClientId: string; SecretHash?: string | undefined; Username: string }): Promise<PublicCaller> {
  const client = await loadClient(services, req.ClientId);
  const pool = await loadPool(services, client.poolId);
  const user = await findUser(services, pool, req.Username);
  checkSecretHash(client, req.SecretHash, user ? [req.Username, user.username] : [req.Username]);
  return { client, pool, user };
}
