// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-settings-adaptive-authentication.html
import { timingSafeEqual } from 'node:crypto';
import type { AuthEvent } from '../domain/auth-event.ts';
import type { Page, User, UserPool } from '../domain/types.ts';
import { fail } from '../errors.ts';
import type { Services } from '../services.ts';

/**
 * A user's authentication events: listed newest first, and judged by feedback (the admin's, or
 * the user's with the event's feedback token). Cognito keeps them only for pools with threat
 * protection on (UserPoolAddOns AdvancedSecurityMode AUDIT or ENFORCED); cognate records them
 * for every pool, for its console, and the API shows them where Cognito would.
 */

/** AdminListUserAuthEvents needs threat protection on, as in Cognito. */
export function requireThreatProtection(pool: UserPool): void {
  const mode = (pool.config.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode;
  if (mode !== 'AUDIT' && mode !== 'ENFORCED') {
    // Our wording: the documentation names the exception, not its message.
    throw fail(
      'UserPoolAddOnNotEnabledException',
      'Threat protection (UserPoolAddOns AdvancedSecurityMode AUDIT or ENFORCED) is not enabled for this user pool.',
    );
  }
}

export function listAuthEvents(services: Services, pool: UserPool, user: User, limit: number, after: string | undefined): Promise<Page<AuthEvent>> {
  return services.stores.authEvents.listForUser(pool.id, user.username, limit, after);
}

const eventNotFound = () => fail('ResourceNotFoundException', 'Auth event not found.');

/** One of the user's events; another user's is as unknown as one that never existed. */
export async function loadAuthEvent(services: Services, pool: UserPool, user: User, eventId: string): Promise<AuthEvent> {
  const event = await services.stores.authEvents.get(pool.id, eventId);
  if (!event || event.username !== user.username) throw eventNotFound();
  return event;
}

/** Records feedback on one of the user's events; a user's feedback must carry the event's feedback token. */
export async function giveFeedback(
  services: Services,
  pool: UserPool,
  user: User,
  eventId: string,
  value: 'Valid' | 'Invalid',
  from: { provider: 'Admin' } | { provider: 'User'; token: string },
): Promise<void> {
  const event = await loadAuthEvent(services, pool, user, eventId);
  if (from.provider === 'User') {
    const expected = Buffer.from(services.sealer.open(event.feedbackToken));
    const given = Buffer.from(from.token);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw fail('NotAuthorizedException', 'Invalid feedback token.');
  }
  await services.stores.authEvents.setFeedback(pool.id, eventId, { FeedbackValue: value, Provider: from.provider, FeedbackDate: services.clock.now() });
}
