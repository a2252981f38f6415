import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { fail } from '../errors.ts';
import type { AppClient } from './types.ts';

/** SECRET_HASH = base64(HMAC-SHA256(key = client secret, message = username ‖ clientId)). */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(`${username}${clientId}`, 'utf8').digest('base64');
}

/**
 * Checks a request's SECRET_HASH (or top-level SecretHash) against every name that identifies
 * the user in this request (what was typed, the internal username): Cognito recomputes it over
 * the request's own USERNAME, and clients differ in which one they hash. A hash made with any of
 * the client's active secrets passes (two are active while a secret is rotated).
 * `refresh` selects the wording Cognito uses on REFRESH_TOKEN_AUTH.
 */
export function checkSecretHash(client: AppClient, given: string | undefined, usernames: readonly string[], options: { refresh?: boolean } = {}): void {
  if (client.secrets.length === 0) {
    if (given !== undefined) {
      throw fail('InvalidParameterException', `App client ${client.clientId} is not configured for secret but secret hash was received`);
    }
    return;
  }
  if (given === undefined) {
    throw fail('NotAuthorizedException', `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`);
  }
  const givenBytes = Buffer.from(given, 'base64');
  let matched = false;
  // Every candidate is computed, so the time taken does not tell which secret or name matched.
  for (const { value } of client.secrets) {
    for (const name of new Set(usernames)) {
      const expected = Buffer.from(secretHash(value, name, client.clientId), 'base64');
      if (expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes)) matched = true;
    }
  }
  if (matched) return;
  throw fail(
    'NotAuthorizedException',
    options.refresh ? `SecretHash does not match for the client: ${client.clientId}` : `Unable to verify secret hash for client ${client.clientId}`,
  );
}

/**
 * Compares a raw client secret (GetTokensFromRefreshToken, RevokeToken, GetClientToken) with each
 * of the client's active secrets in constant time.
 */
export function clientSecretMatches(client: AppClient, given: string | undefined): boolean {
  if (client.secrets.length === 0) return given === undefined;
  if (given === undefined) return false;
  // Compared as SHA-256 digests: equal lengths for timingSafeEqual whatever the lengths given.
  const b = createHash('sha256').update(given, 'utf8').digest();
  let matched = false;
  for (const { value } of client.secrets) {
    if (timingSafeEqual(createHash('sha256').update(value, 'utf8').digest(), b)) matched = true;
  }
  return matched;
}

/** Whether the app client has a secret (a confidential client). */
export const hasSecret = (client: AppClient): boolean => client.secrets.length > 0;
