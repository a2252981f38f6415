import { fail } from '../errors.ts';
import type { Services } from '../services.ts';

/**
 * Opaque pagination tokens (NextToken, PaginationToken): a store's `next` cursor sealed together
 * with the listing it belongs to. Sealing makes tokens tamper-evident and valid on every process
 * sharing the master secret; binding the scope stops a token of one listing (another pool,
 * another group) from being replayed against a different one.
 */

/** The token to hand out for a store's `next` cursor, or undefined on the last page. */
export function pageToken(services: Services, scope: string, next: string | undefined): string | undefined {
  return next === undefined ? undefined : services.sealer.seal(JSON.stringify([scope, next]));
}

/** The cursor inside a token the client sent back; InvalidParameterException when it is not ours. */
export function pageCursor(services: Services, scope: string, token: string | undefined, requestId: string): string | undefined {
  if (token === undefined) return undefined;
  let decoded: unknown;
  try {
    decoded = JSON.parse(services.sealer.open(token));
  } catch {
    decoded = undefined;
  }
  if (!Array.isArray(decoded) || decoded.length !== 2 || decoded[0] !== scope || typeof decoded[1] !== 'string') {
    // Cognito's wording, without echoing the token back.
    throw fail('InvalidParameterException', `Paging marker is invalid for request ${requestId}.`);
  }
  return decoded[1];
}

/** Cognito's list page size: `Limit` absent or 0 means the maximum, 60. */
export const pageSize = (limit: number | undefined): number => (limit === undefined || limit === 0 ? 60 : limit);
