// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
import { timingSafeEqual } from 'node:crypto';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { oauthError } from './errors.ts';
import { header, type OAuthRequest } from './exchange.ts';
import { locateClient } from './where.ts';

/**
 * Client authentication at /oauth2/token and /oauth2/revoke: `client_secret_basic` (HTTP Basic)
 * or `client_secret_post` (client_id and client_secret in the body); a public client sends only
 * its client_id. A client with a secret must present it; one without must not.
 */

/** The client's active secrets: either one authenticates it (AddUserPoolClientSecret adds a second). */
function activeSecrets(client: AppClient): string[] {
  return client.secrets.map((s) => s.value);
}

function sameSecret(given: string, secret: string): boolean {
  const a = Buffer.from(given, 'utf8');
  const b = Buffer.from(secret, 'utf8');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `Authorization: Basic` credentials, or undefined when the header is not Basic. */
function basicCredentials(req: OAuthRequest): { id: string; secret: string; decoded: { id: string; secret: string } | undefined } | undefined | 'malformed' {
  const value = header(req, 'authorization');
  if (!value || !/^basic /i.test(value)) return undefined;
  const text = Buffer.from(value.slice(6).trim(), 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon < 1) return 'malformed';
  const id = text.slice(0, colon);
  const secret = text.slice(colon + 1);
  // RFC 6749 §2.3.1 form-encodes both before base64; most clients do not. Both readings are tried.
  let decoded: { id: string; secret: string } | undefined;
  try {
    decoded = { id: decodeURIComponent(id.replace(/\+/g, ' ')), secret: decodeURIComponent(secret.replace(/\+/g, ' ')) };
  } catch {
    decoded = undefined;
  }
  return { id, secret, decoded };
}

/**
 * The authenticated client and its pool (which must be reachable through the request's host and
 * have a domain). Throws `invalid_client` with `status`, or `invalid_request` for a pool without
 * a domain.
 */
export async function authenticateClient(
  services: Services,
  req: OAuthRequest,
  params: URLSearchParams,
  status: number,
): Promise<{ client: AppClient; pool: UserPool }> {
  const invalid = () => oauthError('invalid_client', undefined, status);
  const basic = basicCredentials(req);
  if (basic === 'malformed') throw invalid();
  const bodyId = params.get('client_id') ?? undefined;
  const bodySecret = params.get('client_secret') ?? undefined;
  const candidates = basic ? [{ id: basic.id, secret: basic.secret }, ...(basic.decoded ? [basic.decoded] : [])] : [];
  const clientId = basic ? basic.id : bodyId;
  if (basic && bodyId !== undefined && bodyId !== basic.id && bodyId !== basic.decoded?.id) throw invalid();
  const located = await locateClient(services, req.host, clientId ?? basic?.decoded?.id);
  if (located.kind === 'unknown-client') throw invalid();
  const { client } = located;
  const secrets = activeSecrets(client);
  const given = basic ? candidates.filter((c) => c.id === client.clientId).map((c) => c.secret) : bodySecret !== undefined ? [bodySecret] : [];
  const ok = secrets.length === 0 ? given.length === 0 || given.every((g) => g === '') : given.some((g) => secrets.some((s) => sameSecret(g, s)));
  if (!ok) throw invalid();
  if (located.kind === 'no-domain') throw oauthError('invalid_request', 'The user pool has no domain.');
  return { client, pool: located.pool };
}
