import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ServerConfig } from '../config/schema.ts';

/**
 * CORS as Cognito answers it: the JSON API (and the OAuth endpoints browsers fetch) may be called
 * from any origin, unless `--cors-origins` narrows it to a list. cognate's own endpoints
 * (`/_cognate/*`: the outbox, logos, import uploads) get no CORS headers in production, so no web
 * page can read them from a browser.
 */
export interface CorsPolicy {
  /** Origins allowed; undefined = any. */
  origins: readonly string[] | undefined;
  /** Whether `/_cognate/*` is closed to cross-origin reads. */
  production: boolean;
}

export const corsPolicy = (config: ServerConfig): CorsPolicy => ({ origins: config.corsOrigins, production: config.production });

/** Headers browser clients must be able to read (acij falls back to x-amzn-errortype). */
const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';
const ALLOWED_HEADERS =
  'content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, amz-sdk-request, ' +
  'authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256, user-agent';

/** The origin to allow for this request, or undefined when it gets no CORS headers. */
function allowedOrigin(policy: CorsPolicy, request: FastifyRequest): string | undefined {
  if (policy.production && request.url.startsWith('/_cognate/')) return undefined;
  const origin = request.headers.origin;
  if (policy.origins === undefined) return origin ?? '*';
  return origin !== undefined && policy.origins.includes(origin) ? origin : undefined;
}

/** The CORS headers of an answer. */
export function corsHeaders(policy: CorsPolicy, request: FastifyRequest, reply: FastifyReply): void {
  const origin = allowedOrigin(policy, request);
  if (request.headers.origin) reply.header('vary', 'Origin');
  if (origin === undefined) return;
  reply.header('access-control-allow-origin', origin);
  reply.header('access-control-expose-headers', EXPOSED);
}

/** The extra headers of a preflight (OPTIONS) answer, when the origin is allowed. */
export function preflightHeaders(policy: CorsPolicy, request: FastifyRequest, reply: FastifyReply): void {
  if (allowedOrigin(policy, request) === undefined) return;
  const asked = request.headers['access-control-request-headers'];
  reply
    .header('access-control-allow-methods', 'POST, GET, OPTIONS')
    .header('access-control-allow-headers', typeof asked === 'string' && asked.length > 0 ? asked : ALLOWED_HEADERS)
    .header('access-control-max-age', '86400');
}
