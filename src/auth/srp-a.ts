import { parseClientA } from '../crypto/srp.ts';
import { fail } from '../errors.ts';
import { requireParam } from './params.ts';

/** SRP_A checked (A mod N ≠ 0, hex of any case and length), as lowercase hex. */
export function clientA(params: Record<string, string>): string {
  const A = parseClientA(requireParam(params, 'SRP_A'));
  if (A === undefined) throw fail('InvalidParameterException', 'SRP_A is not a valid SRP value.');
  return A.toString(16);
}
