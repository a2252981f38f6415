import { createHmac, timingSafeEqual } from 'node:crypto';
import { fail } from '../errors.ts';
import type { AppClient } from './types.ts';

/** SECRET_HASH = base64(HMAC-SHA256(key = client secret, message = username ‖ clientId)). */
export function secretHash(clientSecret: string, username: string, clientId: string): string {
  return createHmac('sha256', Buffer.from(clientSecret, 'utf8')).update(`${username}${clientId}`, 'utf8').digest('base64');
}

/**
 * Checks a request's SECRET_HASH (or top-level SecretHash) against every name that identifies
 * the user in this request (what was typed, the internal username): Cognito recomputes it over
 * the request's own USERNAME, and clients differ in which one they hash.
 * `refresh` selects the wording Cognito uses on REFRESH_TOKEN_AUTH.
 */
export function checkSecretHash(client: AppClient, given: string | undefined, usernames: readonly string[], options: { refresh?: boolean } = {}): void {
  if (client.secret === undefined) {
    if (given !== undefined) {
      throw fail('InvalidParameterException', `App client ${client.clientId} is not configured for secret but secret hash was received`);
    }
    return;
  }
  if (given === undefined) {
    throw fail('NotAuthorizedException', `Client ${client.clientId} is configured with secret but SECRET_HASH was not received`);
  }
  const givenBytes = Buffer.from(given, 'base64');
  for (const name of new Set(usernames)) {
    const expected = Buffer.from(secretHash(client.secret, name, client.clientId), 'base64');
    if (expected.length === givenBytes.length && timingSafeEqual(expected, givenBytes)) return;
  }
  throw fail(
    'NotAuthorizedException',
    options.refresh ? `SecretHash does not match for the client: ${client.clientId}` : `Unable to verify secret hash for client ${client.clientId}`,
  );
}

/** Compares a raw client secret (GetTokensFromRefreshToken, RevokeToken) in constant time. */
export function clientSecretMatches(client: AppClient, given: string | undefined): boolean {
  if (client.secret === undefined) return given === undefined;
  if (given === undefined) return false;
  const a = Buffer.from(client.secret, 'utf8');
  const b = Buffer.from(given, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}
