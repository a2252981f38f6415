import { randomUUID } from 'node:crypto';
import type { Server as HttpServer, RequestListener } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest, LogController } from 'fastify';
import { CognitoError, fail } from '../errors.ts';
import { cognitoOperations } from '../operations/catalog.ts';
import type { Operation } from '../operations/operation.ts';
import { authenticate } from '../tokens/access.ts';
import type { Services } from '../services.ts';
import { readInput, validate } from './validate.ts';
import { parseAdminCredentials } from '../config/admin-credentials.ts';
import { createSigV4Verifier, type SigV4Verifier } from './sigv4.ts';

const TARGET_PREFIX = 'AWSCognitoIdentityProviderService.';
const JSON_11 = 'application/x-amz-json-1.1';
const JSON_TYPES = new Set([JSON_11, 'application/x-amz-json-1.0', 'application/json']);

/** Headers browser clients must be able to read (acij falls back to x-amzn-errortype). */
const EXPOSED = 'x-amzn-RequestId, x-amzn-ErrorType, x-amzn-ErrorMessage, Date';
const ALLOWED_HEADERS =
  'content-type, x-amz-target, x-amz-user-agent, cache-control, amz-sdk-invocation-id, amz-sdk-request, ' +
  'authorization, x-amz-date, x-amz-security-token, x-amz-content-sha256, user-agent';

/** The Fastify instance, before routes: its logger is the one services use. */
/** `logStream`: where the JSON log lines go (standard output when not given). */
/** `tls`: serve HTTPS with this key and certificate instead of plain HTTP. */
export function createApp(logLevel: string, logStream?: { write(line: string): void }, tls?: { key: string; cert: string }): FastifyInstance {
  return Fastify({
    // An https.Server handles requests as an http.Server does; Fastify's types only know the latter here.
    ...(tls ? { serverFactory: (handler: RequestListener) => createHttpsServer(tls, handler) as unknown as HttpServer } : {}),
    logger: logStream ? { level: logLevel, stream: logStream } : { level: logLevel },
    // Request bodies hold passwords and codes: nothing per request is logged by Fastify itself.
    logController: new LogController({ disableRequestLogging: true }),
    genReqId: () => randomUUID(),
    // Cognito's largest members are 131072-character map values; a few of them fit easily.
    bodyLimit: 2 * 1024 * 1024,
    // Errors Fastify raises before routing (an undecodable URL) skip the hooks and the error
    // handler; they still get the Cognito envelope and the usual headers.
    frameworkErrors: (error, request, reply) => {
      answerHeaders(request, reply);
      const e = error as { code?: string };
      if (e.code !== 'FST_ERR_BAD_URL') request.log.warn({ err: error }, 'framework error');
      sendError(reply, fail('ResourceNotFoundException', 'The request path is not a valid URL.'));
    },
  });
}

/** Headers every answer carries: the request id and CORS. */
function answerHeaders(request: FastifyRequest, reply: FastifyReply): void {
  reply.header('x-amzn-RequestId', request.id);
  reply.header('access-control-allow-origin', request.headers.origin ?? '*');
  reply.header('access-control-expose-headers', EXPOSED);
  if (request.headers.origin) reply.header('vary', 'Origin');
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
export function registerRoutes(app: FastifyInstance, services: Services, operations: ReadonlyMap<string, Operation>, extra: ExtraRoutes[] = []): void {
  const credentials = services.config.adminCredentials === undefined ? undefined : parseAdminCredentials(services.config.adminCredentials);
  // Without configured keys any signature is accepted (a local stand-in); with them it is checked.
  const sigv4: SigV4Verifier | undefined = Array.isArray(credentials)
    ? createSigV4Verifier(credentials, services.config.region, () => services.clock.now())
    : undefined;

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  app.addHook('onRequest', async (request, reply) => {
    answerHeaders(request, reply);
  });

  app.setErrorHandler((error, request, reply) => sendError(reply, toCognitoError(error, request)));
  // Only paths no route serves get here (every POST is the API): 404, in the Cognito envelope.
  app.setNotFoundHandler((request, reply) =>
    sendError(reply, fail('ResourceNotFoundException', `No such resource: ${request.method} ${request.url.split('?')[0]}`), 404),
  );

  app.options('*', async (request, reply) => {
    const asked = request.headers['access-control-request-headers'];
    reply
      .header('access-control-allow-methods', 'POST, GET, OPTIONS')
      .header('access-control-allow-headers', typeof asked === 'string' && asked.length > 0 ? asked : ALLOWED_HEADERS)
      .header('access-control-max-age', '86400')
      .code(200)
      .send('');
  });

  for (const register of extra) register(app, services);

  app.post('*', async (request, reply) => {
    const target = request.headers['x-amz-target'];
    if (typeof target !== 'string' || !target.startsWith(TARGET_PREFIX)) {
      throw fail('UnknownOperationException', 'Missing or unknown X-Amz-Target header; expected AWSCognitoIdentityProviderService.<Operation>.');
    }
    const name = target.slice(TARGET_PREFIX.length);
    const op = operations.get(name);
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
    const input = validate(op.input, readInput(body));
    const ctx = { services, requestId: request.id, headers: request.headers, ip: request.ip };
    // A token operation's AccessToken is a required member of its input shape.
    const output =
      op.auth === 'token'
        ? await op.handler(input, { ...ctx, caller: await authenticate(services, (input as { AccessToken: string }).AccessToken) })
        : await op.handler(input, ctx as never);
    request.log.debug({ op: name }, 'ok');
    return reply.code(200).header('content-type', JSON_11).send(JSON.stringify(output));
  });
}
