import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { authorize } from '../oauth/authorize.ts';
import { errorPage } from '../oauth/error-page.ts';
import type { Cookie, OAuthRequest, OAuthResponse } from '../oauth/exchange.ts';
import { showLogin, submitLogin } from '../oauth/login.ts';
import { logout } from '../oauth/logout.ts';
import { passkeyAdd } from '../oauth/passkey-add.ts';
import { PASSKEY_SCRIPT } from '../pages/passkey-script.ts';
import { showConfirmForgotPassword, showForgotPassword, submitConfirmForgotPassword, submitForgotPassword } from '../oauth/recovery-pages.ts';
import { showConfirm, showResendCode, showSignUp, submitConfirm, submitResendCode, submitSignUp } from '../oauth/sign-up-pages.ts';
import { revoke } from '../oauth/revoke.ts';
import { token } from '../oauth/token.ts';
import { userInfo } from '../oauth/userinfo.ts';
import { render } from '../pages/pages.ts';
import type { Services } from '../services.ts';
import { loggableId, noteRequest } from '../protocol/request-facts.ts';
import { parseCookies } from './cookies.ts';

// https://docs.aws.amazon.com/cognito/latest/developerguide/federation-endpoints.html

/**
 * The authorization server's endpoints at Cognito's paths, on the server's own origin: this file
 * only turns HTTP into the plain requests src/oauth decides on, and its answers back into HTTP
 * (pages rendered by src/pages).
 */

type Endpoint = (services: Services, req: OAuthRequest) => Promise<OAuthResponse> | OAuthResponse;

function toRequest(request: FastifyRequest): OAuthRequest {
  const q = request.url.indexOf('?');
  const type = (request.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const body = typeof request.body === 'string' ? request.body : '';
  const isForm = type === 'application/x-www-form-urlencoded';
  const secure = request.protocol === 'https';
  return {
    method: request.method,
    query: new URLSearchParams(q >= 0 ? request.url.slice(q + 1) : ''),
    form: new URLSearchParams(isForm ? body : ''),
    formBody: isForm || (type === '' && body.length === 0),
    headers: request.headers,
    host: request.headers.host,
    origin: `${secure ? 'https' : 'http'}://${request.headers.host ?? 'localhost'}`,
    cookies: parseCookies(request.headers.cookie),
    secure,
  };
}

function cookieHeader(cookie: Cookie, secure: boolean): string {
  // The hosted pages' cookies: never readable by scripts, sent on top-level navigations back.
  return `${cookie.name}=${cookie.value}; Path=/; HttpOnly; SameSite=Lax${secure ? '; Secure' : ''}${cookie.maxAge !== undefined ? `; Max-Age=${cookie.maxAge}` : ''}`;
}

/** Headers of every hosted page: not framed, not sniffed, no script but the pages' own passkey script, only inline style. */
const pageHeaders = {
  'content-type': 'text/html;charset=UTF-8',
  'cache-control': 'no-store',
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'content-security-policy': "default-src 'none'; script-src 'self'; style-src 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'",
  'referrer-policy': 'no-referrer',
};

/**
 * An answer's headers less its CORS origin: the onRequest hook already applied the server's
 * policy (any origin, or --cors-origins), which an endpoint's own `*` must not widen.
 */
function headersOf(answer: { headers?: Record<string, string> }): Record<string, string> {
  const { 'access-control-allow-origin': _origin, ...rest } = answer.headers ?? {};
  return rest;
}

function send(reply: FastifyReply, answer: OAuthResponse, secure: boolean): FastifyReply {
  const cookies = 'cookies' in answer ? (answer.cookies ?? []) : [];
  if (cookies.length > 0)
    reply.header(
      'set-cookie',
      cookies.map((c) => cookieHeader(c, secure)),
    );
  switch (answer.kind) {
    case 'redirect':
      return reply.code(302).header('location', answer.location).header('cache-control', 'no-store').send('');
    case 'json':
      return reply.code(answer.status).headers(headersOf(answer)).send(JSON.stringify(answer.body));
    case 'empty':
      return reply.code(answer.status).headers(headersOf(answer)).send('');
    case 'page':
      return reply.code(answer.status).headers(pageHeaders).send(render(answer.page));
  }
}

/** The OAuth error an answer carries, for the request's log line (a redirect's error is the client's to read). */
function errorOf(answer: OAuthResponse): string | undefined {
  if (answer.kind === 'json' && answer.status >= 400) return loggableId((answer.body as { error?: unknown } | undefined)?.error);
  if (answer.kind === 'page' && answer.status >= 400) return loggableId(answer.page.page === 'error' ? answer.page.error : undefined);
  return undefined;
}

export function oauthRoutes(app: FastifyInstance, services: Services): void {
  const route = (endpoint: Endpoint, failure: 'page' | 'json') => ({
    handler: async (request: FastifyRequest, reply: FastifyReply) => {
      const req = toRequest(request);
      noteRequest(request, { clientId: loggableId(req.query.get('client_id') ?? req.form.get('client_id') ?? undefined) });
      const answer = await endpoint(services, req);
      noteRequest(request, { error: errorOf(answer) });
      return send(reply, answer, request.protocol === 'https');
    },
    // Never the API's JSON envelope here: a page, or an OAuth error.
    errorHandler: (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
      request.log.error({ err: error }, 'internal error');
      noteRequest(request, { error: 'server_error' });
      const answer: OAuthResponse =
        failure === 'page'
          ? { kind: 'page', status: 500, page: { page: 'error', error: 'server_error', message: 'Something went wrong. Try again.' } }
          : { kind: 'json', status: 500, body: { error: 'server_error' }, headers: { 'content-type': 'application/json;charset=UTF-8' } };
      return send(reply, answer, false);
    },
  });
  const notAllowed = (allow: string) => async (_request: FastifyRequest, reply: FastifyReply) => reply.code(405).header('allow', allow).send('');

  app.get('/oauth2/authorize', route(authorize, 'page'));
  app.post('/oauth2/authorize', notAllowed('GET'));
  app.get('/login', route(showLogin, 'page'));
  app.post('/login', route(submitLogin, 'page'));
  app.get('/passkeys/add', route(passkeyAdd, 'page'));
  app.post('/passkeys/add', route(passkeyAdd, 'page'));
  app.get('/passkeys.js', async (_request, reply) =>
    reply
      .header('content-type', 'text/javascript;charset=UTF-8')
      .header('cache-control', 'public, max-age=3600')
      .header('x-content-type-options', 'nosniff')
      .send(PASSKEY_SCRIPT),
  );
  // Sign-up and recovery, where the pool's settings offer them.
  app.get('/signup', route(showSignUp, 'page'));
  app.post('/signup', route(submitSignUp, 'page'));
  app.get('/confirm', route(showConfirm, 'page'));
  app.post('/confirm', route(submitConfirm, 'page'));
  app.get('/resendcode', route(showResendCode, 'page'));
  app.post('/resendcode', route(submitResendCode, 'page'));
  app.get('/forgotPassword', route(showForgotPassword, 'page'));
  app.post('/forgotPassword', route(submitForgotPassword, 'page'));
  app.get('/confirmforgotPassword', route(showConfirmForgotPassword, 'page'));
  app.post('/confirmforgotPassword', route(submitConfirmForgotPassword, 'page'));
  app.post('/oauth2/token', route(token, 'json'));
  app.get('/oauth2/token', notAllowed('POST'));
  app.get('/oauth2/userInfo', route(userInfo, 'json'));
  app.post('/oauth2/userInfo', route(userInfo, 'json'));
  app.post('/oauth2/revoke', route(revoke, 'json'));
  app.get('/oauth2/revoke', notAllowed('POST'));
  app.get('/logout', route(logout, 'page'));
  app.get(
    '/error',
    route((_services, req) => errorPage(req), 'page'),
  );
}
