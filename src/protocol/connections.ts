import { createServer as createHttpServer, type RequestListener, type Server as HttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';

/**
 * How long a client may take over a connection: to send a request's headers, its whole request
 * (headers and body), and how long a kept-alive connection may sit idle between requests.
 * Without them a client that opens a connection and never finishes its request holds a socket,
 * and a shutdown waiting for it, for ever.
 */
export interface ConnectionLimits {
  /** Headers, from the connection's first byte (or the end of the previous request). */
  headersTimeoutMs: number;
  /** The whole request, headers and body. */
  requestTimeoutMs: number;
  /** An idle kept-alive connection between two requests. */
  keepAliveTimeoutMs: number;
  /** A socket on which nothing moves at all (no byte either way), whatever the request's state. */
  idleTimeoutMs: number;
}

const HEADERS_MS = 10_000;

/** The limits for a `--request-timeout` of `requestSeconds` and a `--keep-alive-timeout` of `keepAliveSeconds`. */
export function connectionLimits(requestSeconds: number, keepAliveSeconds: number): ConnectionLimits {
  const requestTimeoutMs = requestSeconds * 1000;
  // Node refuses a headers timeout longer than the request timeout.
  return {
    headersTimeoutMs: Math.min(HEADERS_MS, requestTimeoutMs),
    requestTimeoutMs,
    keepAliveTimeoutMs: keepAliveSeconds * 1000,
    // Longer than the request deadline, so that a request not received in time is answered
    // (408) before its silent socket would be cut without a word.
    idleTimeoutMs: 2 * requestTimeoutMs,
  };
}

/**
 * A Node HTTP (or, with `tls`, HTTPS) server enforcing `limits`. Node checks the header and
 * request deadlines on a timer (every 30 s by default, which would let a 10 s deadline run to
 * 40 s); it runs every second here.
 */
export function createLimitedServer(limits: ConnectionLimits, handler: RequestListener, tls?: { key: string; cert: string }): HttpServer {
  const options = {
    headersTimeout: limits.headersTimeoutMs,
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionsCheckingInterval: Math.min(1000, limits.headersTimeoutMs),
  };
  // An https.Server handles requests as an http.Server does; callers only need the latter's type.
  const server = tls ? (createHttpsServer({ ...tls, ...options }, handler) as unknown as HttpServer) : createHttpServer(options, handler);
  server.setTimeout(limits.idleTimeoutMs);
  return server;
}

const JSON_11 = 'application/x-amz-json-1.1';

function rawError(socket: Socket, status: number, reason: string, type: string, message: string): void {
  const body = JSON.stringify({ __type: type, message });
  socket.write(
    `HTTP/1.1 ${status} ${reason}\r\nContent-Type: ${JSON_11}\r\nContent-Length: ${Buffer.byteLength(body)}\r\n` +
      `x-amzn-ErrorType: ${type}:\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * What a client whose request never became a request is told (Node's `clientError`: a header or
 * request deadline passed, headers too large, bytes that are not HTTP), in the Cognito envelope,
 * before the connection is closed. A request that did not arrive in time is
 * `RequestTimeoutException` with 408, the name and status AWS JSON services give a request body
 * not received within their timeout (Amazon S3 Glacier's UploadArchive documents it).
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  if (socket.writable) {
    if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
      rawError(socket, 408, 'Request Timeout', 'RequestTimeoutException', 'The request was not received completely within the timeout period.');
    } else if (error.code === 'HPE_HEADER_OVERFLOW') {
      rawError(socket, 431, 'Request Header Fields Too Large', 'SerializationException', 'The request headers are too large.');
    } else {
      rawError(socket, 400, 'Bad Request', 'SerializationException', 'The request could not be read.');
    }
  }
  socket.destroy();
}
