// https://docs.aws.amazon.com/cognito/latest/developerguide/login-endpoint.html
import QRCode from 'qrcode';
import { initiate, respond } from '../auth/engine.ts';
import { hostedEnding, type HostedSignIn } from '../auth/finish.ts';
import { associateInSignIn, verifyInSignIn } from '../auth/totp-setup.ts';
import type { AuthResponse } from '../auth/types.ts';
import { flowAllowed } from '../domain/client.ts';
import { secretHash } from '../domain/secret-hash.ts';
import { CognitoError, messages } from '../errors.ts';
import type { Step } from '../pages/pages.ts';
import type { Services } from '../services.ts';
import type { ChallengeName } from '../sessions/names.ts';
import { selfRecoveryAllowed } from '../users/recovery-channels.ts';
import { selfSignUpAllowed } from '../users/sign-up.ts';
import { AuthorizationError, type AuthorizationRequest, checkAuthorizationRequest } from './authorization-request.ts';
import { csrfMatches, csrfRefused, csrfToken } from './csrf.ts';
import { header, type OAuthRequest, type OAuthResponse, page } from './exchange.ts';
import { pageFrame } from './page-frame.ts';
import { authorizationErrorResponse, withParams } from './respond-error.ts';
import { signedIn } from './signed-in.ts';
import { openStep, sealStep, type StepState } from './step-state.ts';

/**
 * `/login`: the hosted sign-in. GET shows the form for an authorization request (the query is
 * /oauth2/authorize's); POST signs in through the engine — every rule of an API sign-in applies
 * (lockout, PreventUserExistenceErrors, the triggers) whatever the client's ExplicitAuthFlows —
 * and each challenge the engine asks next (a new password, MFA, MFA set-up, a choice of factor)
 * is a page of its own posting back here, until the engine says the user is signed in: then
 * the browser goes back to the app with an authorization code (or, for the implicit grant,
 * tokens) and keeps a sign-in session at the pool (the `cognito` cookie).
 */

/** The pages of a pool, with the authorization request's query, where its settings offer them. */
export function poolLinks(request: AuthorizationRequest, query: URLSearchParams) {
  return {
    ...(selfSignUpAllowed(request.pool) ? { signUp: `/signup?${query}` } : {}),
    ...(selfRecoveryAllowed(request.pool) ? { forgotPassword: `/forgotPassword?${query}` } : {}),
  };
}

/** The sign-in form (again), with a refused attempt's message or a notice. */
export async function loginPage(
  services: Services,
  req: OAuthRequest,
  request: AuthorizationRequest,
  status: number,
  username: string,
  message: { error?: string | undefined; info?: string | undefined } = {},
): Promise<OAuthResponse> {
  const { token, cookies } = csrfToken(req);
  const frame = await pageFrame(services, request.client, req.host);
  return page(
    status,
    {
      page: 'login',
      ...frame,
      action: `/login?${req.query}`,
      csrf: token,
      username,
      ...message,
      links: poolLinks(request, req.query),
      choice: flowAllowed(request.client, 'user_auth'),
    },
    cookies,
  );
}

/** The checked authorization request of a page's query, or the answer to a bad one. */
export async function checked(services: Services, req: OAuthRequest): Promise<AuthorizationRequest | OAuthResponse> {
  try {
    return await checkAuthorizationRequest(services, req.query, req.host);
  } catch (error) {
    if (error instanceof AuthorizationError) return authorizationErrorResponse(req.origin, error);
    throw error;
  }
}

export async function showLogin(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  const request = await checked(services, req);
  if ('kind' in request) return request;
  // prompt=none never shows a page.
  if (request.prompt.includes('none')) {
    return { kind: 'redirect', location: withParams(request.redirectUri, { error: 'login_required', state: request.state }, request.responseType === 'token') };
  }
  return loginPage(services, req, request, 200, request.loginHint ?? '');
}

export async function submitLogin(services: Services, req: OAuthRequest): Promise<OAuthResponse> {
  if (!csrfMatches(req)) return page(403, csrfRefused);
  const request = await checked(services, req);
  if ('kind' in request) return request;
  if (req.form.has('_step')) return answerStep(services, req, request);
  const username = req.form.get('username') ?? '';
  const password = req.form.get('password') ?? '';
  // "Other ways to sign in": choice-based sign-in (USER_AUTH), where the client allows it.
  const choice = req.form.has('otherWaysButton') && flowAllowed(request.client, 'user_auth');
  let result: AuthResponse | HostedSignIn;
  try {
    result = choice ? await choiceSignIn(services, req, request, username) : await passwordSignIn(services, req, request, username, password);
  } catch (error) {
    // Cognito's own message on the page, as the API would have said it (the engine decided it).
    if (error instanceof CognitoError && error.type !== 'InternalErrorException')
      return loginPage(services, req, request, 200, username, { error: error.message });
    throw error;
  }
  return advance(services, req, request, result);
}

/** Where the engine's answer leads: back to the app once signed in, else the page of the challenge it asks. */
export async function advance(
  services: Services,
  req: OAuthRequest,
  request: AuthorizationRequest,
  result: AuthResponse | HostedSignIn,
): Promise<OAuthResponse> {
  if ('kind' in result) return signedIn(services, request, result.user, result.authTime, true);
  const name = result.ChallengeName;
  const parameters = result.ChallengeParameters ?? {};
  if (!name || !result.Session || !OFFERED.has(name)) {
    return page(400, {
      page: 'error',
      error: 'invalid_request',
      message: `Your account needs a sign-in step (${name ?? 'unknown'}) that these sign-in pages do not offer. Sign in through the app instead.`,
    });
  }
  if (result.AvailableChallenges) parameters.AVAILABLE = JSON.stringify(result.AvailableChallenges);
  let state: StepState = { session: result.Session, challenge: name, username: parameters.USERNAME ?? '', parameters };
  const canSetUp = parseList(parameters.MFAS_CAN_SETUP);
  if (name === 'MFA_SETUP' && !canSetUp.includes('SOFTWARE_TOKEN_MFA') && !canSetUp.includes('EMAIL_OTP')) {
    return page(400, { page: 'error', error: 'invalid_request', message: 'Your account needs an MFA set-up that these sign-in pages do not offer.' });
  }
  if (name === 'MFA_SETUP' && canSetUp.includes('SOFTWARE_TOKEN_MFA')) {
    // The secret is made now (AssociateSoftwareToken's step), shown once on the page.
    const associated = await associateInSignIn(services, result.Session, true);
    state = { ...state, session: associated.session, totpSecret: associated.secret };
  }
  return stepPage(services, req, request, state);
}

/** The challenges these pages ask; any other ends on a page that says so. */
const OFFERED = new Set<string>([
  'NEW_PASSWORD_REQUIRED',
  'SMS_MFA',
  'EMAIL_OTP',
  'SMS_OTP',
  'SOFTWARE_TOKEN_MFA',
  'SELECT_MFA_TYPE',
  'MFA_SETUP',
  'SELECT_CHALLENGE',
  'WEB_AUTHN',
]);

/** The first factors the choice page offers (SRP is for SDKs). */
const PAGE_FACTORS = ['PASSWORD', 'WEB_AUTHN', 'EMAIL_OTP', 'SMS_OTP'];

function parseList(json: string | undefined): string[] {
  try {
    const value: unknown = JSON.parse(json ?? '[]');
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
}

/** The page of a step, from where the sign-in stands (again after a wrong answer, with its message). */
async function stepPage(services: Services, req: OAuthRequest, request: AuthorizationRequest, state: StepState, error?: string): Promise<OAuthResponse> {
  const { token, cookies } = csrfToken(req);
  const frame = await pageFrame(services, request.client, req.host);
  const step = await stepModel(request, state);
  return page(200, { page: 'step', ...frame, action: `/login?${req.query}`, csrf: token, state: sealStep(services, state, token), step, error }, cookies);
}

async function stepModel(request: AuthorizationRequest, state: StepState): Promise<Step> {
  const p = state.parameters;
  switch (state.challenge) {
    case 'NEW_PASSWORD_REQUIRED':
      return { kind: 'NEW_PASSWORD_REQUIRED', required: parseList(p.requiredAttributes).map((n) => n.replace(/^userAttributes\./, '')) };
    case 'SMS_MFA':
    case 'SMS_OTP':
    case 'EMAIL_OTP':
      return { kind: state.challenge, destination: p.CODE_DELIVERY_DESTINATION };
    case 'WEB_AUTHN':
      return { kind: 'WEB_AUTHN', options: p.CREDENTIAL_REQUEST_OPTIONS ?? '{}' };
    case 'SELECT_CHALLENGE':
      return { kind: 'SELECT_CHALLENGE', choices: parseList(p.AVAILABLE).filter((c) => PAGE_FACTORS.includes(c)) };
    case 'SOFTWARE_TOKEN_MFA':
      return { kind: 'SOFTWARE_TOKEN_MFA', deviceName: p.FRIENDLY_DEVICE_NAME };
    case 'SELECT_MFA_TYPE':
      return { kind: 'SELECT_MFA_TYPE', choices: parseList(p.MFAS_CAN_CHOOSE) };
    default: {
      const email = parseList(p.MFAS_CAN_SETUP).includes('EMAIL_OTP');
      const secret = state.totpSecret;
      if (secret === undefined) return { kind: 'MFA_SETUP', email };
      const account = state.username;
      // The key URI authenticator apps read (issuer: the pool's name).
      const issuer = request.pool.name;
      const uri = `otpauth://totp/${encodeURIComponent(`${issuer}:${account}`)}?${new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: '6', period: '30' })}`;
      return { kind: 'MFA_SETUP', email, totp: { secret, account, qr: await QRCode.toDataURL(uri, { errorCorrectionLevel: 'M', margin: 1, width: 240 }) } };
    }
  }
}

/** What a step's form answers, in the challenge's own response names. */
function responsesOf(req: OAuthRequest, state: StepState): Record<string, string> {
  const f = req.form;
  const out: Record<string, string> = {};
  const code = f.get('code')?.trim() ?? '';
  switch (state.challenge) {
    case 'NEW_PASSWORD_REQUIRED': {
      out.NEW_PASSWORD = f.get('password') ?? '';
      for (const name of parseList(state.parameters.requiredAttributes)) {
        const value = f.get(`requiredAttributes[${name.replace(/^userAttributes\./, '')}]`);
        if (value !== null) out[name] = value;
      }
      break;
    }
    case 'SMS_MFA':
      out.SMS_MFA_CODE = code;
      break;
    case 'EMAIL_OTP':
      out.EMAIL_OTP_CODE = code;
      break;
    case 'SMS_OTP':
      out.SMS_OTP_CODE = code;
      break;
    case 'WEB_AUTHN':
      out.CREDENTIAL = f.get('credential') ?? '';
      break;
    case 'MFA_SETUP':
      // Set-up by email answers with the address; by the app, the code goes to VerifySoftwareToken's step first.
      if (f.has('email')) out.EMAIL = f.get('email')?.trim() ?? '';
      break;
    case 'SELECT_CHALLENGE':
      out.ANSWER = f.get('factor') ?? '';
      if (out.ANSWER === 'PASSWORD') out.PASSWORD = f.get('password') ?? '';
      break;
    case 'SOFTWARE_TOKEN_MFA':
      out.SOFTWARE_TOKEN_MFA_CODE = code;
      break;
    case 'SELECT_MFA_TYPE':
      out.ANSWER = f.get('mfaType') ?? '';
      break;
  }
  return out;
}

/**
 * A step's form posted: the answer goes to the engine with the step's Session. A wrong answer
 * the engine lets the user retry shows the same page with Cognito's message; a sign-in the
 * engine ended (a spent or expired Session: a replayed post, the back button, too many wrong
 * codes) goes back to the sign-in form with the engine's message, never a step further.
 */
async function answerStep(services: Services, req: OAuthRequest, request: AuthorizationRequest): Promise<OAuthResponse> {
  const state = openStep(services, req.form.get('_step'), req.form.get('_csrf') ?? '');
  if (!state) return loginPage(services, req, request, 200, '', { error: messages.invalidSession });
  const { client } = request;
  const responses: Record<string, string> = { USERNAME: state.username, ...responsesOf(req, state) };
  const secret = client.secrets[0]?.value;
  if (secret !== undefined) responses.SECRET_HASH = secretHash(secret, state.username, client.clientId);
  let result: AuthResponse | HostedSignIn;
  try {
    let session = state.session;
    if (state.challenge === 'MFA_SETUP' && responses.EMAIL === undefined) {
      const deviceName = req.form.get('deviceName')?.trim();
      session = await verifyInSignIn(services, session, req.form.get('code')?.trim() ?? '', deviceName ? deviceName.slice(0, 128) : undefined, true);
    }
    result = await respond(
      services,
      {
        admin: false,
        hosted: true,
        clientId: client.clientId,
        challengeName: state.challenge as ChallengeName,
        responses,
        session,
        origin: { userAgent: header(req, 'user-agent') },
      },
      hostedEnding,
    );
  } catch (error) {
    if (!(error instanceof CognitoError) || error.type === 'InternalErrorException') throw error;
    if (error.type === 'NotAuthorizedException' || error.type === 'ExpiredCodeException')
      return loginPage(services, req, request, 200, '', { error: error.message });
    return stepPage(services, req, request, state, error.message);
  }
  return advance(services, req, request, result);
}

/** Choice-based sign-in (USER_AUTH) from the username alone: the engine offers the first factors the user has. */
function choiceSignIn(services: Services, req: OAuthRequest, request: AuthorizationRequest, username: string) {
  const { client } = request;
  const params: Record<string, string> = { USERNAME: username };
  const secret = client.secrets[0]?.value;
  if (secret !== undefined && username !== '') params.SECRET_HASH = secretHash(secret, username, client.clientId);
  return initiate(
    services,
    { admin: false, hosted: true, clientId: client.clientId, flow: 'USER_AUTH', params, origin: { userAgent: header(req, 'user-agent') } },
    hostedEnding,
  );
}

/** The engine's USER_PASSWORD_AUTH as the hosted pages run it: the server holds the client secret, so it computes SECRET_HASH itself. */
export function passwordSignIn(services: Services, req: OAuthRequest, request: AuthorizationRequest, username: string, password: string) {
  const { client } = request;
  const params: Record<string, string> = { USERNAME: username, PASSWORD: password };
  const secret = client.secrets[0]?.value;
  if (secret !== undefined && username !== '') params.SECRET_HASH = secretHash(secret, username, client.clientId);
  return initiate(
    services,
    {
      admin: false,
      hosted: true,
      clientId: client.clientId,
      flow: 'USER_PASSWORD_AUTH',
      params,
      origin: { userAgent: header(req, 'user-agent') },
    },
    hostedEnding,
  );
}
