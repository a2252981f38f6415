import type { Destination } from '../messages/outbox.ts';
import { emailOf, phoneOf } from '../messages/outbox.ts';
import { markDone } from '../sessions/state.ts';
import { phantomDestination } from '../users/unknown-users.ts';
import type { AuthContext, Outcome } from './types.ts';

/**
 * What the passwordless first factors share: where a phantom's code "goes" (a destination that
 * looks real, derived from what was typed, so existence does not leak; nothing is sent), and
 * what a success records.
 */
export function otpDestination(ctx: AuthContext, channel: 'EMAIL' | 'SMS'): Destination | undefined {
  if (ctx.user) return channel === 'EMAIL' ? emailOf(ctx.user) : phoneOf(ctx.user);
  return phantomDestination(ctx.services, ctx.pool, ctx.state.typed ?? ctx.state.username, [channel]);
}

/** A passwordless first factor passed: the sign-in is authenticated now; MFA does not follow. */
export function passwordlessPassed(ctx: AuthContext, extra: 'mfa' | undefined = undefined): Outcome {
  ctx.state.firstFactor = 'passwordless';
  ctx.state.authTime = ctx.services.clock.now();
  if (extra) markDone(ctx.state, extra);
  return { kind: 'passed', stage: 'firstFactor' };
}
