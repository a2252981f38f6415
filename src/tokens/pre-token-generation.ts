// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-pre-token-generation.html
import type { Group, User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { eventAttributes, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { applyTokenOverrides, preTokenGenerationEvent, type PreTokenGenerationSource, tokenOverrides } from '../triggers/PreTokenGeneration.ts';
import { type Claims, SIGNIN_SCOPE } from './issue.ts';

/**
 * The `adjust` hook of issueTokens for PreTokenGeneration (V1, V2 or V3 as configured), or
 * undefined when the pool has none.
 */
export function preTokenGeneration(
  services: Services,
  req: {
    pool: UserPool;
    clientId: string;
    user: User;
    groups: Group[];
    source: PreTokenGenerationSource;
    clientMetadata?: Record<string, string> | undefined;
  },
): ((claims: { id: Claims; access: Claims }) => Promise<void>) | undefined {
  const { pool, user } = req;
  if (!hasTrigger(pool, 'PreTokenGeneration')) return undefined;
  return async (claims) => {
    const roles = req.groups.filter((g) => g.roleArn !== undefined).map((g) => g.roleArn!);
    const response = await invokeTrigger(
      services,
      pool,
      'PreTokenGeneration',
      preTokenGenerationEvent({ pool, userName: user.username, clientId: req.clientId }, req.source, {
        userAttributes: eventAttributes(pool, user),
        groupConfiguration: {
          groupsToOverride: req.groups.map((g) => g.name),
          iamRolesToOverride: roles,
          preferredRole: typeof claims.id['cognito:preferred_role'] === 'string' ? (claims.id['cognito:preferred_role'] as string) : null,
        },
        clientMetadata: metadataOf(req.clientMetadata),
        scopes: typeof claims.access.scope === 'string' ? claims.access.scope.split(' ') : [SIGNIN_SCOPE],
      }),
    );
    applyTokenOverrides(claims, tokenOverrides(response));
  };
}

/**
 * The hook of issueClientCredentialsToken: PreTokenGeneration with TokenGeneration_ClientCredentials
 * (`userName` ClientCredentials, no attributes, the token request's `aws_client_metadata` as
 * clientMetadata). Cognito sends machine-to-machine grants only to a version 3 trigger; undefined
 * otherwise.
 */
export function clientCredentialsPreTokenGeneration(
  services: Services,
  req: { pool: UserPool; clientId: string; clientMetadata?: Record<string, string> | undefined },
): ((access: Claims) => Promise<void>) | undefined {
  const { pool } = req;
  const config = pool.config.LambdaConfig?.PreTokenGenerationConfig as { LambdaVersion?: string } | undefined;
  if (!hasTrigger(pool, 'PreTokenGeneration') || config?.LambdaVersion !== 'V3_0') return undefined;
  return async (access) => {
    const response = await invokeTrigger(
      services,
      pool,
      'PreTokenGeneration',
      preTokenGenerationEvent({ pool, userName: 'ClientCredentials', clientId: req.clientId }, 'TokenGeneration_ClientCredentials', {
        userAttributes: {},
        groupConfiguration: { groupsToOverride: [], iamRolesToOverride: [], preferredRole: null },
        clientMetadata: metadataOf(req.clientMetadata),
        scopes: typeof access.scope === 'string' ? access.scope.split(' ') : [],
      }),
    );
    // Only the access token exists: what the function says of an ID token goes nowhere.
    applyTokenOverrides({ id: {}, access }, tokenOverrides(response));
  };
}
