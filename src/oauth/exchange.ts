import type { Page } from '../pages/pages.ts';

/**
 * The authorization server's endpoints take a request in these plain terms and answer one of
 * these; src/http/oauth.ts adapts them to HTTP (and renders pages with src/pages). Nothing here
 * knows Fastify.
 */
export interface OAuthRequest {
  method: string;
  query: URLSearchParams;
  /** The body's parameters when it is `application/x-www-form-urlencoded`, else empty. */
  form: URLSearchParams;
  /** Whether the body was a form (or there was none). */
  formBody: boolean;
  /** Lowercase header names. */
  headers: Record<string, string | string[] | undefined>;
  /** The Host header as sent (port included), which may name a pool's domain. */
  host: string | undefined;
  /** `scheme://host` the request came to: our own absolute URLs (`/login`, `/error`) start with it. */
  origin: string;
  cookies: Record<string, string>;
  /** Whether it came over TLS (cookies are then Secure). */
  secure: boolean;
}

export interface Cookie {
  name: string;
  value: string;
  /** Seconds; 0 deletes it. Absent: a session cookie. */
  maxAge?: number;
}

export type OAuthResponse =
  | { kind: 'redirect'; location: string; cookies?: Cookie[] }
  | { kind: 'json'; status: number; body: unknown; headers?: Record<string, string> }
  | { kind: 'empty'; status: number; headers?: Record<string, string> }
  | { kind: 'page'; status: number; page: Page; cookies?: Cookie[] };

/** A header's single value (the first when repeated). */
export function header(req: OAuthRequest, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

export const page = (status: number, p: Page, cookies?: Cookie[]): OAuthResponse => ({ kind: 'page', status, page: p, ...(cookies ? { cookies } : {}) });
