import type { z } from 'zod';
import { fail } from '../errors.ts';

/**
 * The translation of zod's issues into the AWS validation message clients see:
 * `1 validation error detected: Value at 'userPoolId' failed to satisfy constraint: Member must not be null`.
 * Values are never echoed (they may be passwords or codes).
 */

/** `UserPoolId` → `userPoolId`, as AWS names members in validation messages. */
function memberPath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((p) => (typeof p === 'number' ? `${p + 1}.member` : String(p).charAt(0).toLowerCase() + String(p).slice(1))).join('.');
}

function constraintOf(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? 'Member must not be null' : `Member must be of type ${issue.expected}`;
    case 'too_small':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Member must have length greater than or equal to ${issue.minimum}`
        : `Member must have value greater than or equal to ${issue.minimum}`;
    case 'too_big':
      return issue.origin === 'string' || issue.origin === 'array'
        ? `Member must have length less than or equal to ${issue.maximum}`
        : `Member must have value less than or equal to ${issue.maximum}`;
    case 'invalid_format':
      return issue.format === 'regex' && 'pattern' in issue
        ? `Member must satisfy regular expression pattern: ${String(issue.pattern).replace(/^\/|\/[a-z]*$/g, '')}`
        : 'Member must satisfy its format';
    case 'invalid_value':
      return `Member must satisfy enum value set: [${issue.values.map(String).join(', ')}]`;
    default:
      return issue.message;
  }
}

/** Parses `input` against `schema` or throws InvalidParameterException in AWS wording. */
export function validate<T extends z.ZodType>(schema: T, input: unknown): z.output<T> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = result.error.issues;
  const parts = issues.map((i) => `Value at '${memberPath(i.path)}' failed to satisfy constraint: ${constraintOf(i)}`);
  const count = parts.length === 1 ? '1 validation error detected' : `${parts.length} validation errors detected`;
  throw fail('InvalidParameterException', `${count}: ${parts.join('; ')}`);
}

/**
 * How deep a request body may nest. Cognito's deepest input shapes are a handful of levels; the
 * limit only exists so that walking a hostile body cannot exhaust the stack (a 500).
 */
const MAX_DEPTH = 64;

function walk(value: unknown, path: PropertyKey[], refuseNul: boolean): unknown {
  if (path.length > MAX_DEPTH) throw fail('SerializationException', 'The request body is nested too deeply.');
  // PostgreSQL text cannot hold U+0000: refused here, by name, before it can reach storage.
  const nul = (at: PropertyKey[]) =>
    fail(
      'InvalidParameterException',
      `1 validation error detected: Value at '${memberPath(at)}' failed to satisfy constraint: Member must not contain the NUL character`,
    );
  if (typeof value === 'string') {
    if (refuseNul && value.includes('\u0000')) throw nul(path);
    return value;
  }
  if (Array.isArray(value)) return value.map((v, i) => walk(v, [...path, i], refuseNul));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value)) {
      if (refuseNul && key.includes('\u0000')) throw nul(path);
      if (v === null) continue;
      // defineProperty: a `"__proto__"` member stays a plain member instead of replacing the prototype.
      Object.defineProperty(out, key, { value: walk(v, [...path, key], refuseNul), enumerable: true, writable: true, configurable: true });
    }
    return out;
  }
  return value;
}

/** Drops `null` members and map values recursively: acij sends `"DEVICE_KEY": null`. */
export function dropNulls(value: unknown): unknown {
  return walk(value, [], false);
}

/**
 * A parsed request body made ready for {@link validate}: nulls dropped (as {@link dropNulls}),
 * nesting beyond a sane depth refused with SerializationException, and strings or keys holding
 * U+0000 refused with InvalidParameterException naming the member.
 */
export function readInput(body: unknown): unknown {
  return walk(body, [], true);
}
