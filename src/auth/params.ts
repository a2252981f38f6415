import { fail } from '../errors.ts';

/** A required AuthParameters / ChallengeResponses member. */
export function requireParam(params: Record<string, string>, name: string): string {
  const value = params[name];
  if (value === undefined || value === '') throw fail('InvalidParameterException', `Missing required parameter ${name}`);
  return value;
}
