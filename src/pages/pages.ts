import { document, esc } from './html.ts';

/**
 * The hosted pages: each renders a model the authorization server (src/oauth) decided on. No
 * rule lives here; a page shows what it is given and posts back where it is told.
 */

/**
 * The classic hosted UI's sign-in form, with the names existing scrapers and browser scripts
 * rely on: form `cognitoSignInForm`, fields `username`, `password`, `_csrf` (paired with the
 * XSRF-TOKEN cookie) and `cognitoAsfData`, inputs `signInFormUsername` / `signInFormPassword`,
 * submit `signInSubmitButton`.
 */
export interface LoginPage {
  page: 'login';
  /** Where the form posts: `/login?<the authorization request's query>`. */
  action: string;
  csrf: string;
  username: string;
  /** The message of a failed attempt (Cognito's wording). */
  error?: string | undefined;
}

/** The error page (`/error`), or an error shown where it happened. */
export interface ErrorPage {
  page: 'error';
  /** The OAuth error code, when there is one (`redirect_mismatch`, `invalid_scope`, …). */
  error?: string | undefined;
  /** What went wrong, for the person reading it. */
  message: string;
}

/**
 * A sign-in that needs a further step (a new password, MFA, …): the engine issued a challenge
 * the pages do not show yet. It names the step; the sign-in can be completed through the API.
 */
export interface StepPage {
  page: 'step';
  challenge: string;
}

export type Page = LoginPage | ErrorPage | StepPage;

function login(p: LoginPage): string {
  return document(
    'Signin',
    `<h1>Sign in with your username and password</h1>
${p.error ? `<p id="loginErrorMessage" class="errorMessage">${esc(p.error)}</p>\n` : ''}<form name="cognitoSignInForm" method="post" action="${esc(p.action)}" class="cognito-asf">
<input name="_csrf" type="hidden" value="${esc(p.csrf)}">
<label for="signInFormUsername">Username</label>
<input id="signInFormUsername" name="username" type="text" class="form-control inputField-customizable" value="${esc(p.username)}" autocapitalize="none" autocomplete="username" required>
<label for="signInFormPassword">Password</label>
<input id="signInFormPassword" name="password" type="password" class="form-control inputField-customizable" autocomplete="current-password" required>
<input name="cognitoAsfData" type="hidden" value="">
<input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable">
</form>`,
  );
}

function error(p: ErrorPage): string {
  return document(
    'Error',
    `<h1>An error was encountered with the requested page.</h1>
<p id="errorMessage" class="errorMessage">${esc(p.message)}</p>
${p.error ? `<p class="note">Error: <code>${esc(p.error)}</code></p>` : ''}`,
  );
}

function step(p: StepPage): string {
  return document(
    'Signin',
    `<h1>One more step to sign in</h1>
<p id="stepMessage" class="errorMessage">Your account needs a further step to sign in (<code>${esc(p.challenge)}</code>), which these sign-in pages do not offer yet.</p>
<p class="note">Complete it through the API (InitiateAuth and RespondToAuthChallenge), then sign in here again.</p>`,
  );
}

/** The HTML of a page. */
export function render(p: Page): string {
  switch (p.page) {
    case 'login':
      return login(p);
    case 'error':
      return error(p);
    case 'step':
      return step(p);
  }
}
