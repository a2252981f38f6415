// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html

import type { UserPool } from '../domain/types.ts';
import { z } from 'zod';
import { type EventOrigin, type TriggerEvent, envelope, stringList, stringRecord, text } from './event.ts';

/**
 * PreTokenGeneration: the last look at the claims before tokens are signed. Version 1 (the
 * legacy `PreTokenGeneration` ARN, or `PreTokenGenerationConfig` V1_0) changes the ID token;
 * V2_0 and V3_0 change both tokens and the access token's scopes.
 *
 * {@link tokenOverrides} reads any version's response into one shape and
 * {@link applyTokenOverrides} applies it to the claims with Cognito's rules: suppress beats add,
 * protected claims never change, a group override replaces the groups.
 */

export type PreTokenGenerationSource =
  | 'TokenGeneration_HostedAuth'
  | 'TokenGeneration_Authentication'
  | 'TokenGeneration_NewPasswordChallenge'
  | 'TokenGeneration_AuthenticateDevice'
  | 'TokenGeneration_RefreshTokens'
  | 'TokenGeneration_ClientCredentials';

export type PreTokenGenerationVersion = 'V1_0' | 'V2_0' | 'V3_0';

/** The version a pool's trigger is configured with (V1_0 for the legacy ARN). */
function preTokenGenerationVersion(pool: UserPool): PreTokenGenerationVersion {
  const config = pool.config.LambdaConfig?.PreTokenGenerationConfig as { LambdaVersion?: PreTokenGenerationVersion } | undefined;
  return config?.LambdaVersion ?? 'V1_0';
}

export interface GroupConfiguration {
  groupsToOverride: string[];
  iamRolesToOverride: string[];
  preferredRole: string | null;
}

export interface PreTokenGenerationRequest {
  userAttributes: Record<string, string>;
  groupConfiguration: GroupConfiguration;
  /** RespondToAuthChallenge / GetTokensFromRefreshToken ClientMetadata; null at InitiateAuth. */
  clientMetadata: Record<string, string> | null;
  /** V2_0 / V3_0 only: the scopes of the access token. */
  scopes?: string[];
}

const groupOverrideDetails = z
  .object({
    groupsToOverride: stringList(),
    iamRolesToOverride: stringList(),
    preferredRole: text(),
  })
  .nullish();

/** V1 claims are strings. */
const preTokenGenerationV1Response = z.object({
  claimsOverrideDetails: z
    .object({
      claimsToAddOrOverride: stringRecord(),
      claimsToSuppress: stringList(),
      groupOverrideDetails,
    })
    .nullish(),
});

const claimValue = z.union([z.string(), z.number(), z.boolean(), z.array(z.unknown()), z.record(z.string(), z.unknown())]);

const tokenGeneration = {
  claimsToAddOrOverride: z.record(z.string(), claimValue).nullish(),
  claimsToSuppress: stringList(),
};

/** V2 / V3: claims may be any JSON value but null. */
const preTokenGenerationV2Response = z.object({
  claimsAndScopeOverrideDetails: z
    .object({
      idTokenGeneration: z.object(tokenGeneration).nullish(),
      accessTokenGeneration: z.object({ ...tokenGeneration, scopesToAdd: stringList(), scopesToSuppress: stringList() }).nullish(),
      groupOverrideDetails,
    })
    .nullish(),
});

export type PreTokenGenerationV1Response = z.output<typeof preTokenGenerationV1Response>;
export type PreTokenGenerationV2Response = z.output<typeof preTokenGenerationV2Response>;
export type PreTokenGenerationResponse = PreTokenGenerationV1Response | PreTokenGenerationV2Response;

export type PreTokenGenerationEvent = TriggerEvent<PreTokenGenerationSource, PreTokenGenerationRequest, PreTokenGenerationResponse>;

/** The response schema for an event: V1 for `version: "1"`, else V2 (V3 shares it). */
export const preTokenGenerationResponseFor = (event: { version: string }) =>
  event.version === '1' ? preTokenGenerationV1Response : preTokenGenerationV2Response;

/** Builds the event of the pool's configured version (`"1"`, `"2"` or `"3"`). */
export function preTokenGenerationEvent(
  origin: EventOrigin,
  source: PreTokenGenerationSource,
  request: Omit<PreTokenGenerationRequest, 'scopes'> & { scopes: string[] },
): PreTokenGenerationEvent {
  const version = preTokenGenerationVersion(origin.pool);
  if (version === 'V1_0') {
    const { scopes: _scopes, ...v1 } = request;
    return envelope(origin, source, v1, { claimsOverrideDetails: null }, '1');
  }
  return envelope(origin, source, request, { claimsAndScopeOverrideDetails: null }, version === 'V2_0' ? '2' : '3');
}

/** What to change in one token. */
export interface ClaimChanges {
  add: Record<string, unknown>;
  suppress: string[];
}

/** Any version's answer, read into one shape. */
export interface TokenOverrides {
  id: ClaimChanges;
  access: ClaimChanges & { scopesToAdd: string[]; scopesToSuppress: string[] };
  /** Present when the function replaced the group configuration. */
  groups?: GroupConfiguration;
}

export function tokenOverrides(response: PreTokenGenerationResponse): TokenOverrides {
  const none = (): ClaimChanges => ({ add: {}, suppress: [] });
  const out: TokenOverrides = { id: none(), access: { ...none(), scopesToAdd: [], scopesToSuppress: [] } };
  let groups: z.output<typeof groupOverrideDetails>;
  if ('claimsOverrideDetails' in response) {
    const d = response.claimsOverrideDetails;
    out.id = { add: { ...(d?.claimsToAddOrOverride ?? {}) }, suppress: [...(d?.claimsToSuppress ?? [])] };
    groups = d?.groupOverrideDetails;
  } else if ('claimsAndScopeOverrideDetails' in response) {
    const d = response.claimsAndScopeOverrideDetails;
    out.id = { add: { ...(d?.idTokenGeneration?.claimsToAddOrOverride ?? {}) }, suppress: [...(d?.idTokenGeneration?.claimsToSuppress ?? [])] };
    const a = d?.accessTokenGeneration;
    out.access = {
      add: { ...(a?.claimsToAddOrOverride ?? {}) },
      suppress: [...(a?.claimsToSuppress ?? [])],
      scopesToAdd: [...(a?.scopesToAdd ?? [])],
      scopesToSuppress: [...(a?.scopesToSuppress ?? [])],
    };
    groups = d?.groupOverrideDetails;
  }
  if (groups) {
    out.groups = {
      groupsToOverride: groups.groupsToOverride ?? [],
      iamRolesToOverride: groups.iamRolesToOverride ?? [],
      preferredRole: groups.preferredRole ?? null,
    };
  }
  return out;
}

const PROTECTED = new Set([
  'acr',
  'amr',
  'aud',
  'at_hash',
  'auth_time',
  'azp',
  'client_id',
  'device_key',
  'event_id',
  'exp',
  'iat',
  'identities',
  'iss',
  'jti',
  'nbf',
  'nonce',
  'origin_jti',
  'scope',
  'sub',
  'token_use',
  'username',
  'version',
]);
const GROUP_CLAIMS = new Set(['cognito:groups', 'cognito:roles', 'cognito:preferred_role']);

/** Whether a function may set or remove `claim` (it may never touch these; `dev:` ones may only be suppressed). */
function isProtectedClaim(claim: string): boolean {
  return PROTECTED.has(claim) || (claim.startsWith('cognito:') && !GROUP_CLAIMS.has(claim));
}

/** ID token claims that stay scalars: a JSON object or array there is not applied. */
const SCALAR_ID_CLAIMS = new Set(['email_verified', 'phone_number_verified', 'updated_at', 'address']);

type Claims = Record<string, unknown>;

function change(claims: Claims, changes: ClaimChanges, kind: 'id' | 'access'): void {
  const suppressed = new Set(changes.suppress.filter((c) => !isProtectedClaim(c)));
  for (const [claim, value] of Object.entries(changes.add)) {
    if (suppressed.has(claim) || isProtectedClaim(claim) || claim.startsWith('dev:')) continue;
    if (kind === 'id' && SCALAR_ID_CLAIMS.has(claim) && typeof value === 'object') continue;
    claims[claim] = value;
  }
  for (const claim of suppressed) {
    delete claims[claim];
    // Without groups there are no roles to speak for.
    if (claim === 'cognito:groups') {
      delete claims['cognito:roles'];
      delete claims['cognito:preferred_role'];
    }
  }
}

/**
 * Applies a trigger's overrides to the claims of the tokens being minted (in place): the group
 * override first (it replaces groups, roles and preferred role; empty lists remove them), then
 * each token's additions and suppressions, then the access token's scopes. Attempts on
 * protected claims are ignored.
 */
export function applyTokenOverrides(claims: { id: Claims; access: Claims }, overrides: TokenOverrides): void {
  if (overrides.groups) {
    const g = overrides.groups;
    for (const token of [claims.id, claims.access]) {
      if (g.groupsToOverride.length > 0) token['cognito:groups'] = [...g.groupsToOverride];
      else delete token['cognito:groups'];
    }
    if (g.iamRolesToOverride.length > 0) claims.id['cognito:roles'] = [...g.iamRolesToOverride];
    else delete claims.id['cognito:roles'];
    if (g.preferredRole) claims.id['cognito:preferred_role'] = g.preferredRole;
    else delete claims.id['cognito:preferred_role'];
  }
  change(claims.id, overrides.id, 'id');
  change(claims.access, overrides.access, 'access');
  const scopes = typeof claims.access.scope === 'string' ? claims.access.scope.split(' ').filter(Boolean) : [];
  const removed = new Set(overrides.access.scopesToSuppress);
  const next = [...scopes, ...overrides.access.scopesToAdd.filter((s) => s !== '' && !/\s/.test(s))].filter((s) => !removed.has(s));
  if (overrides.access.scopesToAdd.length > 0 || removed.size > 0) claims.access.scope = [...new Set(next)].join(' ');
}
