// https://docs.aws.amazon.com/cognito/latest/developerguide/authorization-endpoint.html
import { createHash, randomUUID } from 'node:crypto';
import { sha256Hex } from '../crypto/seal.ts';
import type { User } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { StoredAuthorizationCode } from '../storage/ports.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { choices } from './choices.ts';

/**
 * Authorization codes: a UUID (as Cognito's look), of which only the SHA-256 is stored, living
 * five minutes, redeemed once: of concurrent redemptions across processes exactly one wins.
 */

export async function issueCode(services: Services, request: AuthorizationRequest, user: User, authTime: number): Promise<string> {
  const code = randomUUID();
  await services.stores.authorizationCodes.add({
    codeHash: sha256Hex(code),
    poolId: request.pool.id,
    clientId: request.client.clientId,
    username: user.username,
    sub: user.sub,
    redirectUri: request.redirectUri,
    scopes: request.scopes,
    nonce: request.nonce,
    codeChallenge: request.codeChallenge,
    authTime,
    expiresAt: services.clock.now() + choices.codeLifetimeMs,
  });
  return code;
}

/** The live code stored for `code`, without using it up. */
export async function peekCode(services: Services, code: string): Promise<StoredAuthorizationCode | undefined> {
  const stored = await services.stores.authorizationCodes.get(sha256Hex(code));
  return stored && stored.expiresAt > services.clock.now() ? stored : undefined;
}

/** Uses the code up; `false` when another redemption took it first. */
export function takeCode(services: Services, stored: StoredAuthorizationCode): Promise<boolean> {
  return services.stores.authorizationCodes.take(stored.codeHash);
}

/** Whether a PKCE code_verifier (RFC 7636: 43–128 unreserved characters) matches an S256 challenge. */
export function verifierMatches(verifier: string | undefined, challenge: string): boolean {
  if (verifier === undefined || !/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return false;
  return createHash('sha256').update(verifier, 'ascii').digest('base64url') === challenge;
}
