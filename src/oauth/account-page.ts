import { passwordPolicyOf } from '../domain/pool.ts';
import type { UserPool } from '../domain/types.ts';
import { CognitoError } from '../errors.ts';
import type { AccountPage } from '../pages/pages.ts';
import type { Services } from '../services.ts';
import type { AuthorizationRequest } from './authorization-request.ts';
import { csrfToken } from './csrf.ts';
import { type OAuthRequest, type OAuthResponse, page } from './exchange.ts';
import { pageFrame } from './page-frame.ts';

/**
 * What the account pages (sign-up, confirmation, recovery) share: the page of a form for an
 * authorization request (its query carried on, so the journey ends at the app), and the pool's
 * password policy in words.
 */

export type AccountForm = AccountPage['form'];

export async function accountPage(
  services: Services,
  req: OAuthRequest,
  request: AuthorizationRequest,
  form: AccountForm,
  extra: Partial<Pick<AccountPage, 'values' | 'required' | 'destination' | 'error' | 'info' | 'hidden'>> = {},
): Promise<OAuthResponse> {
  const { token, cookies } = csrfToken(req);
  const frame = await pageFrame(services, request.client, req.host);
  const withRules = form === 'signup' || form === 'confirmforgotPassword';
  return page(
    200,
    {
      page: 'account',
      ...frame,
      form,
      action: `/${form}?${req.query}`,
      csrf: token,
      values: extra.values ?? {},
      ...extra,
      ...(withRules ? { passwordRules: passwordRules(request.pool) } : {}),
      links: { signIn: `/login?${req.query}`, ...(form === 'confirm' ? { resendCode: `/resendcode?${req.query}` } : {}) },
    },
    cookies,
  );
}

/** The pool's password policy, as the sign-up and reset pages state it. */
export function passwordRules(pool: UserPool): string[] {
  const p = passwordPolicyOf(pool);
  return [
    `At least ${p.MinimumLength} characters`,
    ...(p.RequireUppercase ? ['An uppercase letter'] : []),
    ...(p.RequireLowercase ? ['A lowercase letter'] : []),
    ...(p.RequireNumbers ? ['A number'] : []),
    ...(p.RequireSymbols ? ['A special character'] : []),
  ];
}

/** Cognito's message of a refusal the user can act on; anything else is rethrown. */
export function refusal(error: unknown): string {
  if (error instanceof CognitoError && error.type !== 'InternalErrorException') return error.message;
  throw error;
}
