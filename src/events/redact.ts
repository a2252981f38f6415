/**
 * What a trace may show of a value: secrets never. Members whose name says they hold a secret
 * (passwords, codes, answers, SRP values, sessions, tokens, private parameters) are replaced
 * whole; a JWT anywhere keeps its header and claims but loses its signature; strings are cut
 * short. The console shows only what went through here.
 */

const SECRET_NAME =
  /pass(word)?|(^|_)code$|codeparameter|answer|secret|session|^srp_|^salt$|signature|private|token$|^tokens?$|verifier|^credential$|cookie|authorization/i;
const JWT = /\beyJ[\w-]+\.eyJ[\w-]+\.[\w-]+/g;
const MAX_STRING = 2000;
const MAX_DEPTH = 8;

export const REDACTED = '[redacted]';

function redactString(s: string): string {
  const cut = s.replace(JWT, (jwt) => `${jwt.slice(0, jwt.lastIndexOf('.'))}.${REDACTED}`);
  return cut.length > MAX_STRING ? `${cut.slice(0, MAX_STRING)}…` : cut;
}

/** A copy of `value` safe to show. */
export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactString(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '…';
  if (Array.isArray(value)) return value.slice(0, 100).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    out[k] = SECRET_NAME.test(k) && v !== null && v !== undefined && typeof v !== 'boolean' ? REDACTED : redact(v, depth + 1);
  }
  return out;
}

/** A JWT's claims (its payload), for showing what a token says without the token itself. */
export function jwtClaims(jwt: string): unknown {
  try {
    return JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString('utf8'));
  } catch {
    return undefined;
  }
}
