// https://docs.aws.amazon.com/cognito/latest/developerguide/signup-endpoint.html
import { initiate } from '../auth/engine.ts';
import { hostedEnding } from '../auth/finish.ts';
import { missingRequired } from '../domain/user.ts';
import { codeDeliveryDetails } from '../messages/outbox.ts';
import type { Services } from '../services.ts';
import { confirmSignUp, resendConfirmationCode } from '../users/confirmation.ts';
import { findUser } from '../users/find-user.ts';
import { selfSignUpAllowed, signUp } from '../users/sign-up.ts';
import { accountPage, refusal } from './account-page.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { csrfMatches, csrfRefused } from './csrf.ts';
import { header, type OAuthRequest, type OAuthResponse, page } from './exchange.ts';
import { advance, checked, loginPage, passwordSignIn } from './login.ts';
import { openStep, sealStep } from './step-state.ts';

/**
 * The sign-up pages of a pool that lets users sign themselves up: `/signup` (SignUp: the
 * attributes the pool requires, its password policy), `/confirm` (ConfirmSignUp with the code
 * sent), `/resendcode` (ResendConfirmationCode). Each calls the users layer as the JSON API's
 * operations do — same rules, same triggers, same messages — for the app client of the
 * authorization request, whose query they carry on. A sign-up confirmed here signs the user in
 * (SignUp's Session, traded by ConfirmSignUp, starts USER_AUTH with the confirmation as the first
 * factor) and ends at the app.
 */

type Handler = (services: Services, req: OAuthRequest, request: AuthorizationRequest) => Promise<OAuthResponse>;

/** A page of the pool for a checked authorization request; a post must carry the CSRF token. */
export function accountRoute(handler: Handler, needsSignUp: boolean) {
  return async (services: Services, req: OAuthRequest): Promise<OAuthResponse> => {
    if (req.method === 'POST' && !csrfMatches(req)) return page(403, csrfRefused);
    const request = await checked(services, req);
    if ('kind' in request) return request;
    if (needsSignUp && !selfSignUpAllowed(request.pool)) {
      return page(400, { page: 'error', error: 'invalid_request', message: 'SignUp is not permitted for this user pool' });
    }
    return handler(services, req, request);
  };
}

/**
 * The attributes the sign-up form asks for: those the pool requires (the username and password
 * aside), and the addresses it verifies on sign-up (where the confirmation code goes).
 */
const requiredOf = (request: AuthorizationRequest) => [
  ...new Set([
    ...(request.pool.config.AutoVerifiedAttributes ?? []).filter((n) => n === 'email' || n === 'phone_number'),
    ...missingRequired(request.pool, {}),
  ]),
];

export const showSignUp = accountRoute(
  async (services, req, request) => accountPage(services, req, request, 'signup', { required: requiredOf(request) }),
  true,
);

export const submitSignUp = accountRoute(async (services, req, request) => {
  const f = req.form;
  const username = (f.get('username') ?? '').trim();
  const password = f.get('password') ?? '';
  const required = requiredOf(request);
  const values: Record<string, string> = { username };
  const attributes = required.flatMap((name) => {
    const value = f.get(`requiredAttributes[${name}]`)?.trim();
    if (value === undefined || value === '') return [];
    values[`requiredAttributes[${name}]`] = value;
    return [{ Name: name, Value: value }];
  });
  let out: Awaited<ReturnType<typeof signUp>>;
  try {
    out = await signUp(services, {
      client: request.client,
      pool: request.pool,
      username,
      password,
      attributes,
      validationData: undefined,
      clientMetadata: undefined,
    });
  } catch (error) {
    return accountPage(services, req, request, 'signup', { required, values, error: refusal(error) });
  }
  if (out.confirmed) return signInWithPassword(services, req, request, username, password);
  const hidden = sealStep(services, { session: out.session, challenge: 'SIGN_UP', username, parameters: {} }, f.get('_csrf') ?? '', 'hosted-sign-up');
  return accountPage(services, req, request, 'confirm', {
    values: { username },
    hidden,
    destination: out.delivery ? codeDeliveryDetails(out.delivery).Destination : undefined,
  });
}, true);

/** Signs in with the password just chosen (a sign-up auto-confirmed by PreSignUp, a password just reset). */
export async function signInWithPassword(services: Services, req: OAuthRequest, request: AuthorizationRequest, username: string, password: string) {
  try {
    return await advance(services, req, request, await passwordSignIn(services, req, request, username, password));
  } catch (error) {
    return loginPage(services, req, request, 200, username, { error: refusal(error) });
  }
}

export const showConfirm = accountRoute(
  async (services, req, request) => accountPage(services, req, request, 'confirm', { values: { username: req.query.get('username') ?? '' } }),
  true,
);

export const submitConfirm = accountRoute(async (services, req, request) => {
  const f = req.form;
  const username = (f.get('username') ?? '').trim();
  const code = (f.get('code') ?? '').trim();
  const hiddenValue = f.get('_step');
  const signedUp = openStep(services, hiddenValue, f.get('_csrf') ?? '', 'hosted-sign-up');
  // SignUp's Session signs in only the user who signed up in this browser.
  const session = signedUp && signedUp.username === username ? signedUp.session : undefined;
  let confirmed: string | undefined;
  try {
    const user = await findUser(services, request.pool, username);
    confirmed = await confirmSignUp(services, {
      client: request.client,
      pool: request.pool,
      user,
      code,
      forceAliasCreation: false,
      session,
      clientMetadata: undefined,
    });
  } catch (error) {
    return accountPage(services, req, request, 'confirm', { values: { username }, hidden: hiddenValue ?? undefined, error: refusal(error) });
  }
  if (confirmed === undefined) return loginPage(services, req, request, 200, username, { info: 'Your account is confirmed. Sign in to continue.' });
  try {
    const result = await initiate(
      services,
      {
        admin: false,
        hosted: true,
        clientId: request.client.clientId,
        flow: 'USER_AUTH',
        params: { USERNAME: username },
        session: confirmed,
        origin: { userAgent: header(req, 'user-agent') },
      },
      hostedEnding,
    );
    return advance(services, req, request, result);
  } catch (error) {
    return loginPage(services, req, request, 200, username, { error: refusal(error) });
  }
}, true);

export const showResendCode = accountRoute(
  async (services, req, request) => accountPage(services, req, request, 'resendcode', { values: { username: req.query.get('username') ?? '' } }),
  true,
);

export const submitResendCode = accountRoute(async (services, req, request) => {
  const username = (req.form.get('username') ?? '').trim();
  try {
    const user = await findUser(services, request.pool, username);
    const to = await resendConfirmationCode(services, { client: request.client, pool: request.pool, user, name: username, clientMetadata: undefined });
    return accountPage(services, req, request, 'confirm', { values: { username }, destination: codeDeliveryDetails(to).Destination });
  } catch (error) {
    return accountPage(services, req, request, 'resendcode', { values: { username }, error: refusal(error) });
  }
}, true);
