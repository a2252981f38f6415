import { randomBytes, randomUUID } from 'node:crypto';
import type { AuthEventResponse } from '../domain/auth-event.ts';
import type { Services } from '../services.ts';
import type { Trace } from './trace.ts';

/** Where a request came from, as far as it is known: EventContextData. */
export interface RequestOrigin {
  ip?: string | undefined;
  userAgent?: string | undefined;
}

/** A short device name from a User-Agent: its first product token, as an event's DeviceName. */
export function deviceName(userAgent: string | undefined): string | undefined {
  const first = userAgent?.trim().split(/\s+/)[0];
  return first ? first.slice(0, 64) : undefined;
}

/**
 * Writes what one call of a sign-in learnt to the sign-in's event: creates it on the call that
 * began the sign-in, adds to it on later calls. Failures to record are logged, never raised: the
 * sign-in's answer does not depend on its event.
 */
export async function recordSignIn(
  services: Services,
  call: { poolId: string; username: string; eventId: string; begins: boolean; origin: RequestOrigin | undefined },
  trace: Trace,
  response: AuthEventResponse,
): Promise<void> {
  const now = services.clock.now();
  try {
    if (call.begins) {
      await services.stores.authEvents.create({
        poolId: call.poolId,
        username: call.username,
        eventId: call.eventId,
        eventType: 'SignIn',
        createdAt: trace.startedAt,
        updatedAt: now,
        response,
        challenges: trace.challenges,
        context: {
          ...(call.origin?.ip ? { IpAddress: call.origin.ip } : {}),
          ...(deviceName(call.origin?.userAgent) ? { DeviceName: deviceName(call.origin?.userAgent) } : {}),
        },
        feedbackToken: services.sealer.seal(randomBytes(24).toString('base64url')),
        trace: trace.steps,
      });
    } else {
      await services.stores.authEvents.append(call.poolId, call.eventId, { response, challenges: trace.challenges, trace: trace.steps, now });
    }
  } catch (error) {
    services.log.warn({ err: error, userPoolId: call.poolId, eventId: call.eventId }, 'could not record the sign-in event');
  }
}

/** A new event id (Cognito's are UUIDs). */
export const newEventId = (): string => randomUUID();
