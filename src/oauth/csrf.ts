import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Cookie, OAuthRequest } from './exchange.ts';

/**
 * CSRF protection of every hosted form: the double submit of Cognito's hosted UI. The page
 * carries `_csrf`, the browser the same value in its XSRF-TOKEN cookie (HttpOnly, SameSite=Lax);
 * a post is taken only when both match.
 */

const CSRF_COOKIE = 'XSRF-TOKEN';

/** The CSRF token of the browser's XSRF-TOKEN cookie, or a new one (with the cookie to set). */
export function csrfToken(req: OAuthRequest): { token: string; cookies: Cookie[] } {
  const existing = req.cookies[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{32,128}$/.test(existing)) return { token: existing, cookies: [] };
  const token = randomBytes(32).toString('base64url');
  return { token, cookies: [{ name: CSRF_COOKIE, value: token }] };
}

/** Whether the form's `_csrf` is the cookie's value (compared in constant time). */
export function csrfMatches(req: OAuthRequest): boolean {
  const cookie = req.cookies[CSRF_COOKIE];
  const field = req.form.get('_csrf');
  if (!cookie || !field) return false;
  const a = Buffer.from(cookie);
  const b = Buffer.from(field);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** What a post without a matching token gets. */
export const csrfRefused = {
  page: 'error',
  error: 'invalid_request',
  message: 'The sign-in form has expired or was not sent by this page. Go back and sign in again.',
} as const;
