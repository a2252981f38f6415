// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-working-with-lambda-triggers.html
import { eventAttributes, type EventOrigin, metadataOf } from '../triggers/event.ts';
import { hasTrigger, invokeTrigger } from '../triggers/invoker.ts';
import { postAuthenticationEvent } from '../triggers/PostAuthentication.ts';
import { preAuthenticationEvent } from '../triggers/PreAuthentication.ts';
import type { PreTokenGenerationSource } from '../triggers/PreTokenGeneration.ts';
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
