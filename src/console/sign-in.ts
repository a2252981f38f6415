import { esc, input, postForm, urls } from './layout.ts';

/** The console's sign-in page (production mode): an access key id and its secret from --admin-credentials. */

export function signInBody(csrf: string, configured: boolean): string {
  if (!configured) {
    return `<p class="error" role="alert">This server runs in production mode without <code>--admin-credentials</code>: nobody can sign in to the console. Start it with an access key to use the console.</p>`;
  }
  return `<p>This server runs in production mode. Sign in with one of the access keys given to <code>--admin-credentials</code>.</p>
<section>${postForm(
    urls.signIn,
    csrf,
    `${input('Access key id', 'accessKeyId', { required: true, autocomplete: 'username' })}
${input('Secret access key', 'secretAccessKey', { type: 'password', required: true, autocomplete: 'current-password' })}`,
    'Sign in',
  )}</section>
<p class="muted">${esc('The session lasts eight hours, in a cookie only this server reads.')}</p>`;
}
