import { fail } from '../errors.ts';

/**
 * The TIMESTAMP of an SRP proof: `ddd MMM D HH:mm:ss UTC YYYY`, English names, day of month not
 * padded, as amazon-cognito-identity-js and Amplify format it. Cognito validates the Java pattern `EEE MMM d HH:mm:ss z yyyy`;
 * a zero-padded day is accepted here too (the HMAC is over the string as received).
 */
const PATTERN = /^(Sun|Mon|Tue|Wed|Thu|Fri|Sat) (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) (\d{1,2}) (\d{2}):(\d{2}):(\d{2}) UTC (\d{4})$/;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Clients whose clock is further off than this fail, as with Cognito (about 5 minutes). */
export const MAX_SKEW_MS = 5 * 60_000;

/** Epoch ms of a well-formed TIMESTAMP; InvalidParameterException otherwise. */
export function parseTimestamp(text: string): number {
  const m = PATTERN.exec(text);
  const when = m ? Date.UTC(Number(m[7]), MONTHS.indexOf(m[2]!), Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])) : Number.NaN;
  if (!m || Number.isNaN(when) || Number(m[3]) < 1 || Number(m[3]) > 31 || Number(m[4]) > 23 || Number(m[5]) > 59 || Number(m[6]) > 60) {
    throw fail('InvalidParameterException', 'TIMESTAMP format should be EEE MMM d HH:mm:ss z yyyy in english.');
  }
  return when;
}

/** Formats an instant the way both JS clients do (for tests and the bench driver). */
export function formatTimestamp(ms: number): string {
  const d = new Date(ms);
  const day = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'][d.getUTCDay()];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${day} ${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
