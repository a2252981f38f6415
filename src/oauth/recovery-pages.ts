// https://docs.aws.amazon.com/cognito/latest/developerguide/forgot-password-endpoint.html
import { codeDeliveryDetails } from '../messages/outbox.ts';
import { page } from './exchange.ts';
import { findUser } from '../users/find-user.ts';
import { confirmForgotPassword, forgotPassword } from '../users/recovery.ts';
import { selfRecoveryAllowed } from '../users/recovery-channels.ts';
import { accountPage, refusal } from './account-page.ts';
import { accountRoute, signInWithPassword } from './sign-up-pages.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import type { Services } from '../services.ts';
import type { OAuthRequest, OAuthResponse } from './exchange.ts';

/**
 * The recovery pages of a pool whose users may reset their own password: `/forgotPassword`
 * (ForgotPassword: a code to the user's recovery destination) and `/confirmforgotPassword`
 * (ConfirmForgotPassword: the code and a new password, then a sign-in with it through the engine,
 * ending at the app). The users layer decides everything, as for the JSON API.
 */

type Handler = (services: Services, req: OAuthRequest, request: AuthorizationRequest) => Promise<OAuthResponse>;

const recovery = (handler: Handler) =>
  accountRoute(async (services, req, request) => {
    if (!selfRecoveryAllowed(request.pool)) return page(400, { page: 'error', error: 'invalid_request', message: 'Contact administrator to reset password.' });
    return handler(services, req, request);
  }, false);

export const showForgotPassword = recovery(async (services, req, request) =>
  accountPage(services, req, request, 'forgotPassword', { values: { username: req.query.get('username') ?? '' } }),
);

export const submitForgotPassword = recovery(async (services, req, request) => {
  const username = (req.form.get('username') ?? '').trim();
  try {
    const user = await findUser(services, request.pool, username);
    const to = await forgotPassword(services, { client: request.client, pool: request.pool, user, name: username, clientMetadata: undefined });
    return accountPage(services, req, request, 'confirmforgotPassword', { values: { username }, destination: codeDeliveryDetails(to).Destination });
  } catch (error) {
    return accountPage(services, req, request, 'forgotPassword', { values: { username }, error: refusal(error) });
  }
});

export const showConfirmForgotPassword = recovery(async (services, req, request) =>
  accountPage(services, req, request, 'confirmforgotPassword', { values: { username: req.query.get('username') ?? '' } }),
);

export const submitConfirmForgotPassword = recovery(async (services, req, request) => {
  const f = req.form;
  const username = (f.get('username') ?? '').trim();
  const password = f.get('password') ?? '';
  try {
    const user = await findUser(services, request.pool, username);
    await confirmForgotPassword(services, {
      client: request.client,
      pool: request.pool,
      user,
      code: (f.get('code') ?? '').trim(),
      password,
      clientMetadata: undefined,
    });
  } catch (error) {
    return accountPage(services, req, request, 'confirmforgotPassword', { values: { username }, error: refusal(error) });
  }
  return signInWithPassword(services, req, request, username, password);
});
