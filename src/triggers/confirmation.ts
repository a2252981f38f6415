import type { User, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import { eventAttributes, metadataOf } from './event.ts';
import { hasTrigger, invokeTrigger } from './invoker.ts';
import { type PostConfirmationSource, postConfirmationEvent } from './PostConfirmation.ts';

/**
 * Runs the pool's PostConfirmation function, if any, for a user just confirmed or just given a
 * new password (https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-lambda-post-confirmation.html): its error reaches the caller, but what happened stays done.
 */
export async function runPostConfirmation(
  services: Services,
  pool: UserPool,
  user: User,
  source: PostConfirmationSource,
  clientId: string | undefined,
  clientMetadata: Record<string, string> | undefined,
): Promise<void> {
  if (!hasTrigger(pool, 'PostConfirmation')) return;
  await invokeTrigger(
    services,
    pool,
    'PostConfirmation',
    postConfirmationEvent({ pool, userName: user.username, clientId }, source, {
      userAttributes: eventAttributes(pool, user),
      clientMetadata: metadataOf(clientMetadata),
    }),
  );
}
