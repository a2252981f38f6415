import { z } from 'zod';

/**
 * Input shapes of the Cognito model, written with zod: the members' length and pattern
 * constraints (unanchored, as in the AWS model). protocol/validate.ts turns a failed parse into
 * the AWS validation message. Unknown members are stripped.
 */

interface StringOptions {
  min?: number;
  /**
   * Every string member has one: the model's, or {@link FREE_TEXT_MAX} where the model gives
   * none (tokens, pagination keys), so no member takes an unbounded value.
   */
  max: number;
  pattern?: RegExp;
}

/** The model's StringType bound, used for members whose own type sets no maximum. */
export const FREE_TEXT_MAX = 131072;

/** A string member with the model's length and pattern constraints. */
export function str(options: StringOptions) {
  let s = z.string();
  if (options.min !== undefined) s = s.min(options.min);
  // An over-long value skips the pattern: unanchored patterns such as the pool id's backtrack
  // quadratically, and a 200 KB string would hold the event loop for minutes.
  s = s.max(options.max, { abort: true });
  if (options.pattern) s = s.regex(options.pattern);
  return s;
}

/** The model's StringType: free text of at most 131072 characters. */
export const text = () => str({ max: FREE_TEXT_MAX });

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * A blob member (base64 in JSON) of at most `max` bytes, as the model bounds blobs; the decoded
 * bytes are what the handler gets.
 */
export function blob(options: { max: number }) {
  return z
    .string()
    .max(Math.ceil(options.max / 3) * 4, { abort: true })
    .regex(BASE64, { abort: true })
    .transform((value, ctx) => {
      const bytes = Buffer.from(value, 'base64');
      if (bytes.length > options.max) {
        ctx.addIssue({ code: 'too_big', maximum: options.max, origin: 'string', inclusive: true, input: value });
        return z.NEVER;
      }
      return bytes;
    })
    .meta({ maxBytes: options.max });
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

/**
 * A map member with the model's bounds on its number of entries (reported, as AWS does, as a
 * length); the bounds are also kept as the schema's metadata, for tests that read shapes.
 */
export function sizedMap<K extends z.ZodType<string>, V extends z.ZodType>(key: K, value: V, size: { min?: number; max?: number }) {
  return z
    .record(key, value)
    .check((ctx) => {
      const n = Object.keys(ctx.value).length;
      if (size.min !== undefined && n < size.min) {
        ctx.issues.push({ code: 'too_small', minimum: size.min, origin: 'array', inclusive: true, input: ctx.value });
      }
      if (size.max !== undefined && n > size.max) {
        ctx.issues.push({ code: 'too_big', maximum: size.max, origin: 'array', inclusive: true, input: ctx.value });
      }
    })
    .meta({ minSize: size.min, maxSize: size.max });
}

/** Maps of string → string (AuthParameters, ClientMetadata, …); null values were dropped before. */
export function stringMap(options: { keyMax?: number; valueMax?: number } = {}) {
  return z.record(str({ max: options.keyMax ?? FREE_TEXT_MAX }), str({ max: options.valueMax ?? FREE_TEXT_MAX }));
}

export const enumOf = <const T extends readonly [string, ...string[]]>(values: T) => z.enum(values);

/** The model's pattern of printable names (usernames, group and attribute names, …). */
export const printable = /[\p{L}\p{M}\p{S}\p{N}\p{P}]+/u;

// Identifier shapes shared by many operations, as the API reference's data types define them
// (https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_Types.html).
export const shapes = {
  userPoolId: () => str({ min: 1, max: 55, pattern: /[\w-]+_[0-9a-zA-Z]+/ }),
  clientId: () => str({ min: 1, max: 128, pattern: /[\w+]+/ }),
  clientSecret: () => str({ min: 24, max: 64, pattern: /[\w+]+/ }),
  username: () => str({ min: 1, max: 128, pattern: printable }),
  password: () => str({ max: 256, pattern: /[\S]+/ }),
  confirmationCode: () => str({ min: 1, max: 2048, pattern: /[\S]+/ }),
  secretHash: () => str({ min: 1, max: 128, pattern: /[\w+=/]+/ }),
  token: () => str({ max: FREE_TEXT_MAX, pattern: /[A-Za-z0-9-_=.]+/ }),
  session: () => str({ min: 20, max: 2048 }),
  groupName: () => str({ min: 1, max: 128, pattern: printable }),
  attributeName: () => str({ min: 1, max: 32, pattern: printable }),
  attributeValue: () => str({ max: 2048 }),
  attributeList: () => list(z.object({ Name: shapes.attributeName(), Value: shapes.attributeValue().optional() })),
  attributeNames: () => list(shapes.attributeName()),
  clientMetadata: () => stringMap(),
  paginationToken: () => str({ min: 1, max: FREE_TEXT_MAX, pattern: /[\S]+/ }),
  /** The `Limit` of the user, group and device listings: 0 (or none) means 60. */
  limit: () => int({ min: 0, max: 60 }),
  deviceKey: () => str({ min: 1, max: 55, pattern: /[\w-]+_[0-9a-f-]+/ }),
  arn: () => str({ min: 20, max: 2048, pattern: /arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?/ }),
};

/** UserContextData and AnalyticsMetadata: accepted by the public operations (UserContextData's IpAddress goes into sign-in events). */
export const contextMembers = {
  UserContextData: z.object({ IpAddress: text().optional(), EncodedData: text().optional() }).optional(),
  AnalyticsMetadata: z.object({ AnalyticsEndpointId: text().optional() }).optional(),
};
