import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requestFacts } from './request-facts.ts';

/** What one answered request was, as its log line and metrics see it. */
export interface AnsweredRequest {
  /** The JSON API's operation name, or `METHOD /route` for the other endpoints. */
  operation: string;
  /** `ok`, or the error's name (a Cognito exception, an OAuth error code, `http_<status>`). */
  outcome: string;
  status: number;
  seconds: number;
}

/** The operation a request is counted under: never the raw URL (a metrics label must stay bounded). */
function operationOf(request: FastifyRequest): string {
  const noted = requestFacts(request).operation;
  if (noted !== undefined) return noted;
  const route = request.routeOptions.url;
  return route === undefined ? `${request.method} (no route)` : `${request.method} ${route}`;
}

function outcomeOf(request: FastifyRequest, reply: FastifyReply): string {
  if (reply.statusCode < 400) return 'ok';
  const noted = requestFacts(request).error;
  if (noted !== undefined) return noted;
  const type = reply.getHeader('x-amzn-ErrorType');
  if (typeof type === 'string' && type.length > 0) return type.replace(/:.*$/, '');
  return `http_${reply.statusCode}`;
}

/**
 * One info line per request once it is answered — failures included — with its id, operation,
 * pool and client where known, outcome, status and duration; then `answered` (the metrics).
 * Nothing of the request's body, headers or query is logged: they carry passwords, codes and tokens.
 */
export function logRequests(app: FastifyInstance, answered: (request: AnsweredRequest) => void): void {
  app.addHook('onResponse', async (request, reply) => {
    const facts = requestFacts(request);
    const line: AnsweredRequest = {
      operation: operationOf(request),
      outcome: outcomeOf(request, reply),
      status: reply.statusCode,
      seconds: reply.elapsedTime / 1000,
    };
    request.log.info(
      {
        operation: line.operation,
        ...(facts.userPoolId ? { userPoolId: facts.userPoolId } : {}),
        ...(facts.clientId ? { clientId: facts.clientId } : {}),
        outcome: line.outcome,
        status: line.status,
        durationMs: Math.round(reply.elapsedTime * 10) / 10,
      },
      'request',
    );
    answered(line);
  });
}
