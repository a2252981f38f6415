import type { FastifyRequest } from 'fastify';

/**
 * What a request's log line and metrics say about it beyond its route and status: the operation
 * (the JSON API's X-Amz-Target name), the pool and client where known, and the error name of a
 * failed answer. Adapters note them as they learn them; `protocol/request-log.ts` reads them once
 * the answer is sent. Never a secret here: ids and names only.
 */
export interface RequestFacts {
  operation?: string;
  userPoolId?: string;
  clientId?: string;
  error?: string;
}

const FACTS = Symbol('cognate.requestFacts');

type WithFacts = FastifyRequest & { [FACTS]?: RequestFacts };

/** The facts noted so far of `request` (an empty record the first time). */
export function requestFacts(request: FastifyRequest): RequestFacts {
  const r = request as WithFacts;
  r[FACTS] ??= {};
  return r[FACTS];
}

/** An id worth logging: a short printable string (anything else a client sent is dropped). */
export function loggableId(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 && value.length <= 128 && /^[\w.:+=,@/-]+$/.test(value) ? value : undefined;
}

/** Notes what is known of a request (undefined values leave a fact as it was). */
export function noteRequest(request: FastifyRequest, facts: RequestFacts): void {
  const f = requestFacts(request);
  for (const [k, v] of Object.entries(facts) as [keyof RequestFacts, string | undefined][]) if (v !== undefined) f[k] = v;
}
