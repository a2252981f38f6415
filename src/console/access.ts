import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { parseAdminCredentials } from '../config/admin-credentials.ts';
import type { ServerConfig } from '../config/schema.ts';
import type { Sealer } from '../crypto/seal.ts';

/**
 * Who may use the console, and the proofs its requests carry.
 *
 * - Local mode: open to whoever reaches the server; the browser still gets a session cookie, so
 *   that every form carries a CSRF token bound to it (another site's page cannot post to it).
 * - Production mode: only after signing in with one of the `--admin-credentials` access keys
 *   (id and secret, compared in constant time). Without configured keys nobody can sign in.
 *
 * The session is a cookie signed with an HMAC key derived from the master secret, so any process
 * of the server accepts it, and it names the access key it was opened with: removing that key
 * from `--admin-credentials` ends its sessions. A CSRF token is an HMAC of the session cookie.
 */

export const COOKIE = 'cognate_console';
/** How long a console session lasts. */
export const SESSION_MS = 8 * 60 * 60 * 1000;

/** Production mode (the `production` setting), read so that it compiles with or without it. */
export const isProduction = (config: ServerConfig): boolean => (config as { production?: boolean }).production === true;

export interface ConsoleSession {
  /** The access key id signed in with; empty for a local-mode (or not yet signed-in) session. */
  key: string;
  expires: number;
  /** The cookie's text (CSRF tokens are bound to it). */
  cookie: string;
}

export interface ConsoleAccess {
  /** The session a cookie carries, when its signature holds and it has not expired. */
  session(cookie: string | undefined, now: number): ConsoleSession | undefined;
  /** A new session (a fresh cookie), signed in with `key` or anonymous. */
  open(key: string, now: number): ConsoleSession;
  /** Whether `session` may use the console (local mode: any; production: one signed in with a key still configured). */
  admitted(session: ConsoleSession | undefined): boolean;
  /** The access key id the credentials belong to, or undefined; the work does not depend on which key matched. */
  checkCredentials(accessKeyId: string, secret: string): string | undefined;
  csrf(session: ConsoleSession): string;
  csrfValid(session: ConsoleSession | undefined, token: string | undefined): boolean;
  readonly production: boolean;
}

const b64 = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/** Equal in constant time; the HMAC makes both sides the same length whatever was typed. */
function sameSecret(macKey: Buffer, a: string, b: string): boolean {
  const ha = createHmac('sha256', macKey).update(a, 'utf8').digest();
  const hb = createHmac('sha256', macKey).update(b, 'utf8').digest();
  return timingSafeEqual(ha, hb);
}

export function consoleAccess(config: ServerConfig, sealer: Sealer): ConsoleAccess {
  const key = sealer.derive('console-session');
  const compareKey = sealer.derive('console-compare');
  const parsed = config.adminCredentials === undefined ? [] : parseAdminCredentials(config.adminCredentials);
  const credentials = Array.isArray(parsed) ? parsed : [];
  const sign = (payload: string) => b64(createHmac('sha256', key).update(`session:${payload}`).digest());

  const access: ConsoleAccess = {
    get production() {
      return isProduction(config);
    },
    session(cookie, now) {
      if (!cookie || cookie.length > 1024) return undefined;
      const dot = cookie.indexOf('.');
      if (dot < 1) return undefined;
      const payload = cookie.slice(0, dot);
      const given = Buffer.from(cookie.slice(dot + 1));
      const expected = Buffer.from(sign(payload));
      if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
      try {
        const body = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as { k?: unknown; e?: unknown };
        if (typeof body.k !== 'string' || typeof body.e !== 'number' || body.e <= now) return undefined;
        return { key: body.k, expires: body.e, cookie };
      } catch {
        return undefined;
      }
    },
    open(accessKey, now) {
      const payload = b64(JSON.stringify({ k: accessKey, e: now + SESSION_MS, n: b64(randomBytes(12)) }));
      const cookie = `${payload}.${sign(payload)}`;
      return { key: accessKey, expires: now + SESSION_MS, cookie };
    },
    admitted(session) {
      if (!session) return false;
      if (!isProduction(config)) return true;
      return session.key !== '' && credentials.some((c) => c.accessKeyId === session.key);
    },
    checkCredentials(accessKeyId, secret) {
      let found: string | undefined;
      // Every configured key is compared, matching or not.
      for (const c of credentials) {
        const idOk = sameSecret(compareKey, c.accessKeyId, accessKeyId);
        const secretOk = sameSecret(compareKey, c.secretAccessKey, secret);
        if (idOk && secretOk) found = c.accessKeyId;
      }
      return found;
    },
    csrf(session) {
      return b64(createHmac('sha256', key).update(`csrf:${session.cookie}`).digest());
    },
    csrfValid(session, token) {
      if (!session || token === undefined) return false;
      const given = Buffer.from(token);
      const expected = Buffer.from(access.csrf(session));
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
  return access;
}
