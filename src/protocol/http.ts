import { randomUUID } from 'node:crypto';
import pinoPretty from 'pino-pretty';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { CognitoError, fail } from '../errors.ts';
import { cognitoOperations } from '../operations/catalog.ts';
import type { Operation } from '../operations/operation.ts';
import { authenticate } from '../tokens/access.ts';
import type { Services } from '../services.ts';
import { readInput, validate } from './validate.ts';
import { parseAdminCredentials } from '../config/admin-credentials.ts';
import { createSigV4Verifier, type SigV4Verifier } from './sigv4.ts';
import { answerClientError, type ConnectionLimits, createLimitedServer } from './connections.ts';
import { type CorsPolicy, corsHeaders, corsPolicy, preflightHeaders } from './cors.ts';
import { loggableId, noteRequest } from './request-facts.ts';
import { type AnsweredRequest, logRequests } from './request-log.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_11 = 'application/x-amz-json-1.1';
const JSON_TYPES = new Set([JSON_11, 'application/x-amz-json-1.0', 'application/json']);

export interface AppOptions {
  logLevel: string;
  /** `json`: one JSON object a line; `pretty`: pino-pretty's readable lines (for a terminal). */
  logFormat: 'json' | 'pretty';
  /** Where the JSON log lines go instead of standard output (tests read them); always JSON. */
  logStream?: { write(line: string): void } | undefined;
  /** Serve HTTPS with this key and certificate instead of plain HTTP. */
  tls?: { key: string; cert: string } | undefined;
  /** How long a client may take to send a request, and keep an idle connection. */
  limits: ConnectionLimits;
  /** Which origins browsers may call from (any, when not given). */
  cors?: CorsPolicy | undefined;
}

/** Fields the pretty format puts on a line's first row rather than below it. */
const INLINE = ['requestId', 'operation', 'outcome', 'status', 'durationMs', 'userPoolId', 'clientId'] as const;

/** pino-pretty for a terminal: a request is one row (`InitiateAuth → ok 200 12.3 ms`). */
function prettyStream() {
  return pinoPretty({
    colorize: process.stdout.isTTY === true,
    ignore: ['hostname', ...INLINE].join(','),
    messageFormat: (log, messageKey) => {
      const l = log as Record<string, unknown>;
      const where = [l.userPoolId, l.clientId].filter((v) => v !== undefined).join(' ');
      const id = l.requestId !== undefined ? ` (${l.requestId})` : '';
      const head = l[messageKey] === 'request' ? `${l.operation} → ${l.outcome} ${l.status} ${l.durationMs} ms` : String(l[messageKey] ?? '');
      return `${head}${where ? ` [${where}]` : ''}${id}`;
    },
  });
}

/** The Fastify instance, before routes: its logger is the one services use. */
export function createApp(options: AppOptions): FastifyInstance {
  const { logLevel, logStream, tls, limits } = options;
  const cors = options.cors ?? { origins: undefined, production: false };
  const stream = logStream ?? (options.logFormat === 'pretty' ? prettyStream() : undefined);
  return Fastify({
    serverFactory: (handler) => createLimitedServer(limits, handler, tls),
    clientErrorHandler: answerClientError,
    // A request that reaches a closing server on a connection still open is served (and its
    // connection closed after it), not refused with Fastify's own 503 body: draining finishes it.
    return503OnClosing: false,
    logger: stream ? { level: logLevel, stream } : { level: logLevel },
    // Request bodies hold passwords and codes: Fastify's own request lines are off, and
    // protocol/request-log.ts writes one line per request with nothing of its body.
    // Log lines name the request by the id its client sees in x-amzn-RequestId.
    logController: new LogController({ disableRequestLogging: true, requestIdLogLabel: 'requestId' }),
    genReqId: () => randomUUID(),
    // Cognito's largest members are 131072-character map values; a few of them fit easily.
    bodyLimit: 2 * 1024 * 1024,
    // Errors Fastify raises before routing (an undecodable URL) skip the hooks and the error
    // handler; they still get the Cognito envelope and the usual headers.
    frameworkErrors: (error, request, reply) => {
      answerHeaders(cors, request, reply);
      const e = error as { code?: string };
      if (e.code !== 'FST_ERR_BAD_URL') request.log.warn({ err: error }, 'framework error');
      sendError(reply, fail('ResourceNotFoundException', 'The request path is not a valid URL.'));
    },
  });
}

/** Headers every answer carries: the request id and CORS. */
function answerHeaders(cors: CorsPolicy, request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-amzn-RequestId', request.id);
  corsHeaders(cors, request, reply);
}

function headerSafe(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, 1024);
}

/** `status`: where HTTP's own code says more than Cognito's 400 (a GET of an unknown path: 404). */
export function sendError(reply: FastifyReply, error: CognitoError, status = error.statusCode): FastifyReply {
  return reply
    .code(status)
    .header('content-type', JSON_11)
    .header('x-amzn-ErrorType', `${error.type}:`)
    .header('x-amzn-ErrorMessage', headerSafe(error.message))
    .send(JSON.stringify({ __type: error.type, message: error.message }));
}

/** Anything that is not a CognitoError: Fastify's own client errors stay 4xx, the rest is internal. */
function toCognitoError(error: unknown, request: FastifyRequest): CognitoError {
  if (error instanceof CognitoError) {
    // The private detail says why, for the operator; the client sees only the public message.
    if (error.type === 'InternalErrorException') request.log.error({ err: error, detail: error.detail }, 'internal error');
    else if (error.detail !== undefined) request.log.debug({ type: error.type, detail: error.detail }, 'refused');
    return error;
  }
  const e = error as { statusCode?: number; code?: string; message?: string };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return fail('SerializationException', e.code === 'FST_ERR_CTP_BODY_TOO_LARGE' ? 'Request body is too large.' : 'The request could not be read.');
  }
  request.log.error({ err: error }, 'internal error');
  return fail('InternalErrorException', 'An internal error occurred.');
}

export type ExtraRoutes = (app: FastifyInstance, services: Services) => void;

/** Registers the Cognito endpoint (POST on any path) and the other routes (`extra`: health, JWKS, messages). */
export function registerRoutes(
  app: FastifyInstance,
  services: Services,
  operations: ReadonlyMap<string, Operation>,
  extra: ExtraRoutes[] = [],
  answered: (request: AnsweredRequest) => void = () => {},
): void {
  const credentials = services.config.adminCredentials === undefined ? undefined : parseAdminCredentials(services.config.adminCredentials);
  // Without configured keys any signature is accepted (a local stand-in); with them it is checked.
  const sigv4: SigV4Verifier | undefined = Array.isArray(credentials)
    ? createSigV4Verifier(credentials, services.config.region, () => services.clock.now())
    : undefined;

  const cors = corsPolicy(services.config);

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    answerHeaders(cors, request, reply);
  });
  logRequests(app, answered);

  app.setErrorHandler((error, request, reply) => {
    const answer = toCognitoError(error, request);
    noteRequest(request, { error: answer.type });
    return sendError(reply, answer);
  });
  // Only paths no route serves get here (every POST is the API): 404, in the Cognito envelope.
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, fail('ResourceNotFoundException', `No such resource: ${request.method} ${request.url.split('?')[0]}`), 404),
  );

  app.options('*', async (request, reply) => {
    preflightHeaders(cors, request, reply);
    reply.code(200).send('');
  });

  for (const register of extra) register(app, services);

  app.post('*', async (request, reply) => {
    noteRequest(request, { operation: 'unknown' });
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
      throw fail('UnknownOperationException', 'Missing or unknown X-Amz-Target header; expected AWSCognitoIdentityProviderService.<Operation>.');
    }
    const name = target.slice(TARGET_PREFIX.length);
    const op = operations.get(name);
    // Only a real operation's name is noted: anything else a client sends stays out of the log and the metrics' labels.
    noteRequest(request, { operation: op !== undefined || cognitoOperations.has(name) ? name : 'unknown' });
    if (!op) {
      if (cognitoOperations.has(name)) throw fail('UnsupportedOperationException', `cognate does not implement ${name} yet.`);
      throw fail('UnknownOperationException', `Unknown operation ${name}.`);
    }
    if (op.auth === 'signed') {
      const authorization = request.headers.authorization;
      if (typeof authorization !== 'string' || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
        throw fail('MissingAuthenticationTokenException', `${name} must be signed with AWS Signature Version 4.`);
      }
      if (sigv4) {
        await sigv4.verify({ method: request.method, url: request.url, headers: request.headers, body: typeof request.body === 'string' ? request.body : '' });
      }
    }
    const type = request.headers['content-type'];
    // The SDKs send application/x-amz-json-1.1; hand-written clients often send application/json.
    // A body without a type is read as JSON; form posts, text and the like are refused.
    if (typeof type === 'string' && !JSON_TYPES.has(type.split(';')[0]!.trim().toLowerCase())) {
      throw fail('SerializationException', `Unsupported content type ${type}; expected ${JSON_11}.`);
    }
    const raw = typeof request.body === 'string' ? request.body : '';
    let body: unknown;
    try {
      body = raw.trim().length === 0 ? {} : JSON.parse(raw);
    } catch {
      throw fail('SerializationException', 'The request body is not valid JSON.');
    }
    if (body === null || typeof body !== 'object' || Array.isArray(body)) {
      throw fail('SerializationException', 'The request body must be a JSON object.');
    }
    const ids = body as { UserPoolId?: unknown; ClientId?: unknown };
    noteRequest(request, { userPoolId: loggableId(ids.UserPoolId), clientId: loggableId(ids.ClientId) });
    const input = validate(op.input, readInput(body));
    const ctx = { services, requestId: request.id, headers: request.headers, ip: request.ip };
    // A token operation's AccessToken is a required member of its input shape.
    let output: unknown;
    if (op.auth === 'token') {
      const caller = await authenticate(services, (input as { AccessToken: string }).AccessToken);
      noteRequest(request, { userPoolId: caller.pool.id, clientId: caller.client.clientId });
      output = await op.handler(input, { ...ctx, caller });
    } else output = await op.handler(input, ctx as never);
    return reply.code(200).header('content-type', JSON_11).send(JSON.stringify(output));
  });
}
