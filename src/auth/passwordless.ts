import { createHmac } from 'node:crypto';
import type { Destination } from '../messages/outbox.ts';
import { emailOf, phoneOf } from '../messages/outbox.ts';
import { markDone } from './state.ts';
import type { AuthContext, Outcome } from './types.ts';

/**
 * What the passwordless first factors share: where a phantom's code "goes" (a destination that
 * looks real, derived from what was typed, so existence does not leak; nothing is sent), and
 * what a success records.
 */
export function otpDestination(ctx: AuthContext, channel: 'EMAIL' | 'SMS'): Destination | undefined {
  if (ctx.user) return channel === 'EMAIL' ? emailOf(ctx.user) : phoneOf(ctx.user);
  const typed = ctx.state.typed ?? ctx.state.username;
  const h = createHmac('sha256', ctx.services.sealer.derive('phantom-destination')).update(`${ctx.pool.id}:${typed}`).digest('hex');
  if (channel === 'EMAIL') {
    const address = typed.includes('@') ? typed : `${typed.charAt(0) || 'u'}${h.slice(0, 6)}@${h.slice(6, 12)}.com`;
    return { channel, attributeName: 'email', address };
  }
  const digits = BigInt(`0x${h.slice(0, 12)}`)
    .toString()
    .padStart(10, '0')
    .slice(0, 10);
  return { channel, attributeName: 'phone_number', address: typed.startsWith('+') ? typed : `+1${digits}` };
}

/** A passwordless first factor passed: the sign-in is authenticated now; MFA does not follow. */
export function passwordlessPassed(ctx: AuthContext, extra: 'mfa' | undefined = undefined): Outcome {
  ctx.state.firstFactor = 'passwordless';
  ctx.state.authTime = ctx.services.clock.now();
  if (extra) markDone(ctx.state, extra);
  return { kind: 'passed', stage: 'firstFactor' };
}
