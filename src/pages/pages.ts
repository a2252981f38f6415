import { document, esc } from './html.ts';

/**
 * The hosted pages: each renders a model the authorization server (src/oauth) decided on. No
 * rule lives here; a page shows what it is given and posts back where it is told. Every form
 * is plain HTML (labelled inputs, a submit button, no script), posts with `_csrf` (paired with
 * the XSRF-TOKEN cookie) and shows Cognito's message of a refused attempt in
 * `#loginErrorMessage`.
 */

/** What every page of a sign-in shows around its form: the app client's name, the look. */
export interface Frame {
  /** The app client's name (ClientName). */
  clientName: string;
  /** 1: the classic hosted UI; 2: managed login. */
  version: 1 | 2;
}

/** Links a page offers to the other pages of the pool, where its settings allow them. */
export interface Links {
  signUp?: string | undefined;
  forgotPassword?: string | undefined;
  signIn?: string | undefined;
  resendCode?: string | undefined;
}

/**
 * The classic hosted UI's sign-in form, with the names existing scrapers and browser scripts
 * rely on: form `cognitoSignInForm`, fields `username`, `password`, `_csrf` (paired with the
 * XSRF-TOKEN cookie) and `cognitoAsfData`, inputs `signInFormUsername` / `signInFormPassword`,
 * submit `signInSubmitButton`.
 */
export interface LoginPage extends Partial<Frame> {
  page: 'login';
  /** Where the form posts: `/login?<the authorization request's query>`. */
  action: string;
  csrf: string;
  username: string;
  /** The message of a failed attempt (Cognito's wording). */
  error?: string | undefined;
  /** A message that is not an error (a password was just reset, an account confirmed). */
  info?: string | undefined;
  links?: Links;
  /** The client allows choice-based sign-in: a second button offers the other first factors. */
  choice?: boolean;
}

/** The error page (`/error`), or an error shown where it happened. */
export interface ErrorPage {
  page: 'error';
  /** The OAuth error code, when there is one (`redirect_mismatch`, `invalid_scope`, …). */
  error?: string | undefined;
  /** What went wrong, for the person reading it. */
  message: string;
}

/** One step of a sign-in the engine asked for, as a form. */
export type Step =
  /** NEW_PASSWORD_REQUIRED: a new password and the required attributes that have no value yet. */
  | { kind: 'NEW_PASSWORD_REQUIRED'; required: string[] }
  /** A code: sent by SMS or email (`destination` masked), or from the authenticator app. */
  | { kind: 'SMS_MFA' | 'EMAIL_OTP' | 'SMS_OTP' | 'SOFTWARE_TOKEN_MFA'; destination?: string | undefined; deviceName?: string | undefined }
  /** WEB_AUTHN: a passkey (navigator.credentials.get with the issued options). */
  | { kind: 'WEB_AUTHN'; options: string }
  /** SELECT_CHALLENGE (choice-based sign-in): one of the first factors; the password typed here when it is chosen. */
  | { kind: 'SELECT_CHALLENGE'; choices: string[] }
  /** SELECT_MFA_TYPE: one of the factors. */
  | { kind: 'SELECT_MFA_TYPE'; choices: string[] }
  /**
   * MFA_SETUP: with an authenticator app (the secret as text and as a QR code, a data: URL),
   * and/or by email (the address codes will go to; EMAIL_OTP follows).
   */
  | { kind: 'MFA_SETUP'; totp?: { secret: string; qr: string; account: string } | undefined; email: boolean; emailValue?: string | undefined };

/** A step of a sign-in (or of sign-up, recovery): the engine's challenge, and the sealed state that carries the sign-in to the next post. */
export interface StepPage extends Frame {
  page: 'step';
  action: string;
  csrf: string;
  /** Opaque, sealed and bound to the CSRF token: where the sign-in stands. */
  state: string;
  step: Step;
  error?: string | undefined;
}

/** A form of the account pages: sign-up, confirmation, resending a code, forgotten password. */
export interface AccountPage extends Frame {
  page: 'account';
  form: 'signup' | 'confirm' | 'resendcode' | 'forgotPassword' | 'confirmforgotPassword';
  action: string;
  csrf: string;
  /** Values to fill back in (never a password). */
  values: Record<string, string>;
  /** signup: the attributes the pool requires, besides the username and password. */
  required?: string[];
  /** signup: the pool's password policy, in words. */
  passwordRules?: string[];
  /** Sealed state the form carries back (confirm: the sign-up's Session). */
  hidden?: string | undefined;
  /** Where a code went (masked), on the pages that ask for one. */
  destination?: string | undefined;
  error?: string | undefined;
  info?: string | undefined;
  links?: Links;
}

/** `/passkeys/add`: a signed-in user registers a passkey (navigator.credentials.create with the issued options). */
export interface PasskeyAddPage extends Frame {
  page: 'passkey-add';
  action: string;
  csrf: string;
  options: string;
  error?: string | undefined;
}

export type Page = LoginPage | ErrorPage | StepPage | AccountPage | PasskeyAddPage;

const appLine = (f: Partial<Frame>) => (f.clientName ? `<p class="app" id="appName">${esc(f.clientName)}</p>\n` : '');
const errorLine = (error: string | undefined) => (error ? `<p id="loginErrorMessage" class="errorMessage" role="alert">${esc(error)}</p>\n` : '');
const infoLine = (info: string | undefined) => (info ? `<p id="infoMessage" class="infoMessage" role="status">${esc(info)}</p>\n` : '');

function links(l: Links | undefined): string {
  if (!l) return '';
  const items = [
    l.forgotPassword ? `<a id="forgotPasswordLink" href="${esc(l.forgotPassword)}">Forgot your password?</a>` : '',
    l.signUp ? `<a id="signUpLink" href="${esc(l.signUp)}">Need an account? Sign up</a>` : '',
    l.resendCode ? `<a id="resendCodeLink" href="${esc(l.resendCode)}">Didn't receive a code? Send a new one</a>` : '',
    l.signIn ? `<a id="signInLink" href="${esc(l.signIn)}">Back to sign in</a>` : '',
  ].filter(Boolean);
  return items.length ? `<p class="links">${items.join('<br>')}</p>\n` : '';
}

function field(id: string, name: string, label: string, type: string, extra = '', value = ''): string {
  return `<label for="${id}">${esc(label)}</label>
<input id="${id}" name="${name}" type="${type}" class="form-control inputField-customizable"${value ? ` value="${esc(value)}"` : ''} ${extra}>`;
}

const codeField = (label = 'Code') =>
  field('code', 'code', label, 'text', 'inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]*" autocapitalize="none" required');

function submit(name: string, label: string): string {
  return `<input name="${name}" id="${name}" type="submit" value="${esc(label)}" class="btn btn-primary submitButton-customizable">`;
}

function login(p: LoginPage): string {
  return document(
    'Signin',
    `${appLine(p)}<h1>Sign in with your username and password</h1>
${infoLine(p.info)}${errorLine(p.error)}<form name="cognitoSignInForm" method="post" action="${esc(p.action)}" class="cognito-asf">
<input name="_csrf" type="hidden" value="${esc(p.csrf)}">
<label for="signInFormUsername">Username</label>
<input id="signInFormUsername" name="username" type="text" class="form-control inputField-customizable" value="${esc(p.username)}" autocapitalize="none" autocomplete="username" required>
<label for="signInFormPassword">Password</label>
<input id="signInFormPassword" name="password" type="password" class="form-control inputField-customizable" autocomplete="current-password" required>
<input name="cognitoAsfData" type="hidden" value="">
<input name="signInSubmitButton" type="submit" value="Sign in" class="btn btn-primary submitButton-customizable">
${p.choice ? '<input name="otherWaysButton" id="otherWaysButton" type="submit" value="Other ways to sign in" formnovalidate class="btn btn-secondary">\n' : ''}</form>
${links(p.links)}`,
    p.version,
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

const FACTOR_LABELS: Record<string, string> = {
  SMS_MFA: 'Text message (SMS)',
  SMS_OTP: 'A code by text message (SMS)',
  PASSWORD: 'Password',
  WEB_AUTHN: 'A passkey',
  EMAIL_OTP: 'Email',
  SOFTWARE_TOKEN_MFA: 'Authenticator app',
};

/** The inside of a step's form, and its heading. */
interface StepBody {
  title: string;
  heading: string;
  inner: string;
  submitName: string;
  submitLabel: string;
  /** A second way to answer the same step, in a form of its own (MFA set-up by email beside the app). */
  alternative?: { heading: string; inner: string; submitName: string; submitLabel: string };
}

function stepBody(s: Step): StepBody {
  switch (s.kind) {
    case 'NEW_PASSWORD_REQUIRED':
      return {
        title: 'Change password',
        heading: 'Change your password',
        inner: `<p class="note">Please enter a new password.</p>
${field('newPassword', 'password', 'New password', 'password', 'autocomplete="new-password" required')}
${s.required.map((name) => field(`attr-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`, `requiredAttributes[${name}]`, name, 'text', 'required')).join('\n')}`,
        submitName: 'changePasswordSubmitButton',
        submitLabel: 'Send',
      };
    case 'SMS_MFA':
    case 'SMS_OTP':
    case 'EMAIL_OTP':
      return {
        title: 'Verify',
        heading: s.kind === 'EMAIL_OTP' ? 'Enter the code sent by email' : 'Enter the code sent by text message',
        inner: `<p class="note" id="codeDestination">We have sent a code to ${esc(s.destination ?? 'you')}.</p>\n${codeField()}`,
        submitName: 'verifyCodeSubmitButton',
        submitLabel: 'Sign in',
      };
    case 'SOFTWARE_TOKEN_MFA':
      return {
        title: 'Verify',
        heading: 'Enter the code from your authenticator app',
        inner: `${s.deviceName ? `<p class="note">Device: ${esc(s.deviceName)}</p>\n` : ''}${codeField('Code from your authenticator app')}`,
        submitName: 'verifyCodeSubmitButton',
        submitLabel: 'Sign in',
      };
    case 'SELECT_MFA_TYPE':
      return {
        title: 'Choose',
        heading: 'How do you want to verify your sign-in?',
        inner: `<fieldset><legend>Verification method</legend>
${s.choices
  .map(
    (c, i) =>
      `<div class="choice"><input type="radio" id="mfa-${esc(c)}" name="mfaType" value="${esc(c)}"${i === 0 ? ' checked' : ''} required><label for="mfa-${esc(c)}">${esc(FACTOR_LABELS[c] ?? c)}</label></div>`,
  )
  .join('\n')}
</fieldset>`,
        submitName: 'selectMfaSubmitButton',
        submitLabel: 'Continue',
      };
    case 'WEB_AUTHN':
      return {
        title: 'Sign in',
        heading: 'Sign in with your passkey',
        inner: '<p class="note">Use the passkey saved on this device or your security key.</p>\n<input name="credential" type="hidden" value="">',
        submitName: 'passkeySubmitButton',
        submitLabel: 'Use a passkey',
      };
    case 'SELECT_CHALLENGE':
      return {
        title: 'Sign in',
        heading: 'How do you want to sign in?',
        inner: `<fieldset><legend>Sign-in method</legend>
${s.choices
  .map(
    (c, i) =>
      `<div class="choice"><input type="radio" id="factor-${esc(c)}" name="factor" value="${esc(c)}"${i === 0 ? ' checked' : ''} required><label for="factor-${esc(c)}">${esc(c === 'EMAIL_OTP' ? 'A code by email' : (FACTOR_LABELS[c] ?? c))}</label></div>`,
  )
  .join('\n')}
</fieldset>
${s.choices.includes('PASSWORD') ? field('password', 'password', 'Password (if you chose it)', 'password', 'autocomplete="current-password"') : ''}`,
        submitName: 'selectChallengeSubmitButton',
        submitLabel: 'Continue',
      };
    case 'MFA_SETUP': {
      const emailInner = field('setupEmail', 'email', 'Email address for sign-in codes', 'email', 'autocomplete="email" required', s.emailValue ?? '');
      if (!s.totp) {
        return {
          title: 'Set up MFA',
          heading: 'Set up sign-in codes by email',
          inner: emailInner,
          submitName: 'setupEmailSubmitButton',
          submitLabel: 'Send a code',
        };
      }
      return {
        title: 'Set up MFA',
        heading: 'Set up an authenticator app',
        inner: `<p class="note">Scan this QR code with your authenticator app, or type in the secret key, then enter the code the app shows.</p>
<img class="qr" id="totpQrCode" src="${esc(s.totp.qr)}" alt="QR code to add ${esc(s.totp.account)} to an authenticator app">
<p>Secret key: <span class="secret" id="totpSecret">${esc(s.totp.secret)}</span></p>
${codeField('Code from your authenticator app')}
${field('deviceName', 'deviceName', 'Device name (optional)', 'text', 'autocomplete="off"')}`,
        submitName: 'setupMfaSubmitButton',
        submitLabel: 'Verify and sign in',
        ...(s.email
          ? { alternative: { heading: 'Or get sign-in codes by email', inner: emailInner, submitName: 'setupEmailSubmitButton', submitLabel: 'Send a code' } }
          : {}),
      };
    }
  }
}

function step(p: StepPage): string {
  const b = stepBody(p.step);
  return document(
    b.title,
    `${appLine(p)}<h1>${esc(b.heading)}</h1>
${errorLine(p.error)}<form name="cognitoStepForm" id="stepForm" method="post" action="${esc(p.action)}" data-step="${esc(p.step.kind)}"${p.step.kind === 'WEB_AUTHN' ? ` data-webauthn="get" data-options="${esc(p.step.options)}"` : ''}>
<input name="_csrf" type="hidden" value="${esc(p.csrf)}">
<input name="_step" type="hidden" value="${esc(p.state)}">
${b.inner}
${submit(b.submitName, b.submitLabel)}
</form>${
      b.alternative
        ? `
<h2>${esc(b.alternative.heading)}</h2>
<form name="cognitoAlternativeForm" id="alternativeForm" method="post" action="${esc(p.action)}" data-step="${esc(p.step.kind)}">
<input name="_csrf" type="hidden" value="${esc(p.csrf)}">
<input name="_step" type="hidden" value="${esc(p.state)}">
${b.alternative.inner.replace('id="setupEmail"', 'id="alternativeEmail"').replace('for="setupEmail"', 'for="alternativeEmail"')}
${submit(b.alternative.submitName, b.alternative.submitLabel)}
</form>`
        : ''
    }${p.step.kind === 'WEB_AUTHN' ? '\n<script src="/passkeys.js"></script>' : ''}`,
    p.version,
  );
}

function passkeyAdd(p: PasskeyAddPage): string {
  return document(
    'Add a passkey',
    `${appLine(p)}<h1>Add a passkey</h1>
<p class="note">Sign in next time with this device's screen lock or a security key instead of your password.</p>
${errorLine(p.error)}<form name="passkeyAddForm" id="passkeyAddForm" method="post" action="${esc(p.action)}" data-webauthn="create" data-options="${esc(p.options)}">
<input name="_csrf" type="hidden" value="${esc(p.csrf)}">
<input name="credential" type="hidden" value="">
${submit('passkeyAddSubmitButton', 'Add a passkey')}
</form>
<script src="/passkeys.js"></script>`,
    p.version,
  );
}

const ACCOUNT_TITLES: Record<AccountPage['form'], [string, string, string]> = {
  signup: ['Signup', 'Sign up with a new account', 'Sign up'],
  confirm: ['Confirm', 'Confirm your account', 'Confirm account'],
  resendcode: ['Resend code', 'Send a new confirmation code', 'Send code'],
  forgotPassword: ['Forgot password', 'Forgot your password?', 'Reset my password'],
  confirmforgotPassword: ['Reset password', 'Reset your password', 'Change password'],
};

function accountInner(p: AccountPage): string {
  const v = p.values;
  const username = field('username', 'username', 'Username', 'text', 'autocapitalize="none" autocomplete="username" required', v.username ?? '');
  const newPassword = (label: string) => field('password', 'password', label, 'password', 'autocomplete="new-password" required');
  const rules = p.passwordRules?.length ? `<ul class="note" id="passwordRules">${p.passwordRules.map((r) => `<li>${esc(r)}</li>`).join('')}</ul>` : '';
  switch (p.form) {
    case 'signup':
      return `${username}
${(p.required ?? []).map((name) => field(`attr-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`, `requiredAttributes[${name}]`, name, name === 'email' ? 'email' : name === 'phone_number' ? 'tel' : 'text', 'required', v[`requiredAttributes[${name}]`] ?? '')).join('\n')}
${newPassword('Password')}
${rules}`;
    case 'confirm':
      return `${p.destination ? `<p class="note" id="codeDestination">We have sent a code to ${esc(p.destination)}.</p>\n` : ''}${username}\n${field('code', 'code', 'Verification code', 'text', 'inputmode="numeric" autocomplete="one-time-code" required')}`;
    case 'resendcode':
    case 'forgotPassword':
      return username;
    case 'confirmforgotPassword':
      return `${p.destination ? `<p class="note" id="codeDestination">We have sent a password reset code to ${esc(p.destination)}.</p>\n` : ''}${username}
${field('code', 'code', 'Code', 'text', 'inputmode="numeric" autocomplete="one-time-code" required')}
${newPassword('New password')}
${rules}`;
  }
}

function account(p: AccountPage): string {
  const [title, heading, label] = ACCOUNT_TITLES[p.form];
  return document(
    title,
    `${appLine(p)}<h1>${esc(heading)}</h1>
${infoLine(p.info)}${errorLine(p.error)}<form name="${p.form}Form" id="${p.form}Form" method="post" action="${esc(p.action)}">
<input name="_csrf" type="hidden" value="${esc(p.csrf)}">
${p.hidden ? `<input name="_step" type="hidden" value="${esc(p.hidden)}">\n` : ''}${accountInner(p)}
${submit(`${p.form}SubmitButton`, label)}
</form>
${links(p.links)}`,
    p.version,
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
    case 'account':
      return account(p);
    case 'passkey-add':
      return passkeyAdd(p);
  }
}
