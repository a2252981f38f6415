// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html#cognito-user-pools-lambda-trigger-syntax-shared

import type { User, UserPool } from '../domain/types.ts';
import { aliasesOf } from '../domain/user.ts';
import { z } from 'zod';

/**
 * The envelope every trigger event shares, and the pieces of `request`
 * several triggers carry. Functions must return the whole event; Cognito reads only `response`.
 */

/** `callerContext.clientId` for events an admin operation caused (no app client). */
export const CLIENT_ID_NOT_APPLICABLE = 'CLIENT_ID_NOT_APPLICABLE';

/** What Cognito puts in `callerContext.awsSdkVersion` when it cannot tell the caller's SDK. */
const UNKNOWN_SDK = 'aws-sdk-unknown-unknown';

export interface CallerContext {
  awsSdkVersion: string;
  clientId: string;
}

/** A trigger event: `version` is `"1"` except for PreTokenGeneration V2/V3 (`"2"`, `"3"`). */
export interface TriggerEvent<Source extends string, Request, Response> {
  version: string;
  triggerSource: Source;
  region: string;
  userPoolId: string;
  userName: string;
  callerContext: CallerContext;
  request: Request;
  response: Response;
}

/** Who caused the event: the pool, the user name as Cognito reports it, and the app client if any. */
export interface EventOrigin {
  pool: UserPool;
  /** The internal username; for events before the user exists, what the caller typed. */
  userName: string;
  /** The app client of a public operation; absent for admin operations. */
  clientId?: string | undefined;
  /** The caller's SDK (`aws-sdk-js-3.x`), when known. */
  sdkVersion?: string | undefined;
}

/** The region of a pool id (`us-east-1_AbC123` → `us-east-1`). */
export const regionOf = (poolId: string): string => poolId.slice(0, poolId.indexOf('_'));

/** Builds the common envelope around a trigger's request and pre-filled response. */
export function envelope<Source extends string, Request, Response>(
  origin: EventOrigin,
  triggerSource: Source,
  request: Request,
  response: Response,
  version = '1',
): TriggerEvent<Source, Request, Response> {
  return {
    version,
    triggerSource,
    region: regionOf(origin.pool.id),
    userPoolId: origin.pool.id,
    userName: origin.userName,
    callerContext: {
      awsSdkVersion: origin.sdkVersion ?? UNKNOWN_SDK,
      clientId: origin.clientId ?? CLIENT_ID_NOT_APPLICABLE,
    },
    request,
    response,
  };
}

/**
 * A user's attributes as events carry them: every value a string, `sub` included, plus the
 * pseudo-attribute `cognito:user_status` and, in alias pools, `cognito:email_alias` /
 * `cognito:phone_number_alias` for the aliases the user holds.
 */
export function eventAttributes(pool: UserPool, user: User): Record<string, string> {
  const out: Record<string, string> = { ...user.attributes, 'cognito:user_status': user.status };
  if ((pool.config.AliasAttributes?.length ?? 0) > 0) {
    for (const alias of aliasesOf(pool, user, (_kind, value) => value)) {
      if (alias.kind === 'email') out['cognito:email_alias'] = alias.valueKey;
      if (alias.kind === 'phone_number') out['cognito:phone_number_alias'] = alias.valueKey;
    }
  }
  return out;
}

/** `[{Name, Value}]` (ValidationData) as the map events carry, or null when absent (optional keys are null, not omitted). */
export function attributeMap(list: { Name: string; Value?: string | undefined }[] | undefined): Record<string, string> | null {
  if (!list || list.length === 0) return null;
  return Object.fromEntries(list.map((a) => [a.Name, a.Value ?? '']));
}

/** ClientMetadata as events carry it: null when absent. */
export const metadataOf = (metadata: Record<string, string> | undefined): Record<string, string> | null =>
  metadata && Object.keys(metadata).length > 0 ? metadata : null;

/** One entry of the custom-auth session history (DefineAuthChallenge, CreateAuthChallenge). */
export interface ChallengeResult {
  challengeName:
    | 'SRP_A'
    | 'PASSWORD_VERIFIER'
    | 'CUSTOM_CHALLENGE'
    | 'SMS_MFA'
    | 'SOFTWARE_TOKEN_MFA'
    | 'EMAIL_OTP'
    | 'DEVICE_SRP_AUTH'
    | 'DEVICE_PASSWORD_VERIFIER'
    | 'ADMIN_NO_SRP_AUTH';
  challengeResult: boolean;
  challengeMetadata?: string | null;
}

// Response members: Cognito reads them into typed fields, so a wrong type is an unusable
// response, while unknown members are ignored (zod strips them). Null means "not set".

/** An optional boolean response member. */
export const flag = () => z.boolean().nullish();

/** An optional string response member. */
export const text = () => z.string().nullish();

/**
 * A string → string map in a response. Scalars are accepted and turned into strings, as
 * Cognito's JSON reader does for map values.
 */
export const stringRecord = () =>
  z
    .record(
      z.string(),
      z.union([z.string(), z.number(), z.boolean()]).transform((v) => String(v)),
    )
    .nullish();

/** A list of strings in a response. */
export const stringList = () => z.array(z.string()).nullish();

/** The response of triggers whose answer Cognito ignores (PostConfirmation, PreAuthentication, …). */
export const emptyResponse = z.looseObject({});
