// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
import type { Group, User } from '../domain/types.ts';
import type { Claims } from '../tokens/issue.ts';
import { SIGNIN_SCOPE } from '../tokens/issue.ts';
import { eventAttributes, type EventOrigin, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { postAuthenticationEvent } from '../triggers/PostAuthentication.ts';
import { preAuthenticationEvent } from '../triggers/PreAuthentication.ts';
import { applyTokenOverrides, preTokenGenerationEvent, type PreTokenGenerationSource, tokenOverrides } from '../triggers/PreTokenGeneration.ts';
import type { AuthContext } from './types.ts';
import type { Subject } from './subject.ts';
import type { Services } from '../services.ts';
import { hidesUserExistence } from '../domain/client.ts';

/**
 * The engine's fixed trigger points: PreAuthentication (before the first factor is judged),
 * PostAuthentication (before tokens), PreTokenGeneration (the claims of every token). Each runs
 * only when the pool configures it, and never inside a write transaction.
 */

export const origin = (ctx: Pick<AuthContext, 'pool' | 'client' | 'state'>): EventOrigin => ({
  pool: ctx.pool,
  userName: ctx.state.username,
  clientId: ctx.client.clientId,
});

/** PreAuthentication_Authentication: a thrown error denies the sign-in. */
export async function preAuthentication(services: Services, subject: Subject, validationData: Record<string, string> | undefined): Promise<void> {
  const { pool, client, user } = subject;
  if (!hasTrigger(pool, 'PreAuthentication')) return;
  if (!user && !hidesUserExistence(client)) return;
  await invokeTrigger(
    services,
    pool,
    'PreAuthentication',
    preAuthenticationEvent(
      { pool, userName: subject.name, clientId: client.clientId },
      {
        userAttributes: user ? eventAttributes(pool, user) : {},
        validationData: metadataOf(validationData),
        ...(hidesUserExistence(client) ? { userNotFound: user === undefined } : {}),
      },
    ),
  );
}

/** PostAuthentication_Authentication: after the last challenge, before the tokens; an error fails the sign-in. */
export async function postAuthentication(ctx: AuthContext, newDeviceUsed: boolean): Promise<void> {
  const { services, pool, user, state } = ctx;
  if (!user || !hasTrigger(pool, 'PostAuthentication')) return;
  await invokeTrigger(
    services,
    pool,
    'PostAuthentication',
    postAuthenticationEvent(origin(ctx), {
      userAttributes: eventAttributes(pool, user),
      newDeviceUsed,
      clientMetadata: metadataOf(state.clientMetadata),
    }),
  );
}

/** The trigger source of a sign-in's tokens. */
export function tokenSource(ctx: AuthContext): PreTokenGenerationSource {
  if (ctx.state.done.includes('newPassword')) return 'TokenGeneration_NewPasswordChallenge';
  if (ctx.state.done.includes('device')) return 'TokenGeneration_AuthenticateDevice';
  return 'TokenGeneration_Authentication';
}

/**
 * The `adjust` hook of issueTokens for PreTokenGeneration (V1, V2 or V3 as configured), or
 * undefined when the pool has none.
 */
export function preTokenGeneration(
  services: Services,
  req: {
    pool: AuthContext['pool'];
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
