import { z } from 'zod';
import { fail } from '../errors.ts';

/**
 * Input shapes of the Cognito model, written with zod, and the translation of zod's issues into
 * the AWS validation message clients see:
 * `1 validation error detected: Value at 'userPoolId' failed to satisfy constraint: Member must not be null`.
 * Values are never echoed (they may be passwords or codes). Unknown members are stripped.
 * Patterns are unanchored, as in the AWS model.
 */

interface StringOptions {
  min?: number;
  max?: number;
  pattern?: RegExp;
}

/** A string member with the model's length and pattern constraints. */
export function str(options: StringOptions = {}) {
  let s = z.string();
  if (options.min !== undefined) s = s.min(options.min);
  // An over-long value skips the pattern: unanchored patterns such as the pool id's backtrack
  // quadratically, and a 200 KB string would hold the event loop for minutes.
  if (options.max !== undefined) s = s.max(options.max, { abort: true });
  if (options.pattern) s = s.regex(options.pattern);
  return s;
}

export function int(options: { min?: number; max?: number } = {}) {
  let n = z.number().int();
  if (options.min !== undefined) n = n.min(options.min);
  if (options.max !== undefined) n = n.max(options.max);
  return n;
}

export const bool = () => z.boolean();

export function list<T extends z.ZodType>(item: T, options: { min?: number; max?: number } = {}) {
  let l = z.array(item);
  if (options.min !== undefined) l = l.min(options.min);
  if (options.max !== undefined) l = l.max(options.max);
  return l;
}

/** Maps of string → string (AuthParameters, ClientMetadata, …); null values were dropped before. */
export function stringMap(options: { keyMax?: number; valueMax?: number } = {}) {
  return z.record(str({ min: 1, max: options.keyMax ?? 131072 }), str({ max: options.valueMax ?? 131072 }));
}

export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

// Identifier shapes shared by many operations (auth-protocol.md §1.7, pool-model.md §2.3).
export const shapes = {
  userPoolId: () => str({ min: 1, max: 55, pattern: /[\w-]+_[0-9a-zA-Z]+/ }),
  clientId: () => str({ min: 1, max: 128, pattern: /[\w+]+/ }),
  clientSecret: () => str({ min: 1, max: 64, pattern: /[\w+]+/ }),
  username: () => str({ min: 1, max: 128, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}]+/u }),
  password: () => str({ max: 256, pattern: /[\S]+/ }),
  confirmationCode: () => str({ min: 1, max: 2048, pattern: /[\S]+/ }),
  secretHash: () => str({ min: 1, max: 128, pattern: /[\w+=/]+/ }),
  token: () => str({ pattern: /[A-Za-z0-9-_=.]+/ }),
  session: () => str({ min: 20, max: 2048 }),
  groupName: () => str({ min: 1, max: 128, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}]+/u }),
  attributeName: () => str({ min: 1, max: 32, pattern: /[\p{L}\p{M}\p{S}\p{N}\p{P}]+/u }),
  attributeValue: () => str({ max: 2048 }),
  attributeList: () => list(z.object({ Name: shapes.attributeName(), Value: shapes.attributeValue().optional() })),
  clientMetadata: () => stringMap(),
  paginationToken: () => str({ min: 1, pattern: /[\S]+/ }),
  deviceKey: () => str({ min: 1, max: 55, pattern: /[\w-]+_[0-9a-f-]+/ }),
  arn: () => str({ min: 20, max: 2048 }),
};

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

export { z };
