import type { AppClient, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { issueTokens } from '../tokens/issue.ts';
import { preTokenGeneration } from '../tokens/pre-token-generation.ts';

/**
 * The tokens of a hosted sign-in (code exchange, or the implicit grant at once): the granted
 * scopes and nonce, PreTokenGeneration with TokenGeneration_HostedAuth, a refresh token only for
 * the code grant.
 */
export async function hostedTokens(
  services: Services,
  req: { pool: UserPool; client: AppClient; user: User; authTime: number; scopes: string[]; nonce: string | undefined; refreshToken: boolean },
) {
  const { pool, client, user } = req;
  const groups = await services.stores.groups.groupsOf(pool.id, user.username);
  return issueTokens(services, {
    pool,
    client,
    user,
    authTime: req.authTime,
    refreshToken: req.refreshToken,
    groups,
    oauth: { scopes: req.scopes, nonce: req.nonce },
    adjust: preTokenGeneration(services, { pool, clientId: client.clientId, user, groups, source: 'TokenGeneration_HostedAuth' }),
  });
}
