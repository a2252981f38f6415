// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pool-managing-errors.html
import { fail, messages } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import { looksLikeEmail, looksLikePhone } from '../domain/user.ts';
import type { Channel } from '../messages/channel.ts';
import type { Destination } from '../messages/outbox.ts';
import type { Services } from '../services.ts';

/**
 * What a caller naming a user who does not exist gets. With PreventUserExistenceErrors LEGACY
 * (the API default) an error says so; with ENABLED the answer looks like a real user's, and
 * codes "go" to a phantom destination.
 */

/** The LEGACY answer for an unknown user in the public sign-up and recovery operations. */
export const unknownUserForClient = () => fail('UserNotFoundException', messages.usernameNotFoundForClient);

const LETTERS = 'abcdefghijklmnopqrstuvwxyz';

/**
 * A delivery to nobody for an unknown user: the channel a real user typing this name would most
 * likely get among `channels` (an email-shaped name → EMAIL, a phone-shaped one → SMS, else the
 * first), and an address that is the name itself when it has the channel's shape, else derived
 * from a keyed hash of (pool, name) so that repeated probes see the same masked value. Nothing
 * is stored or sent.
 */
export function phantomDestination(services: Services, pool: UserPool, name: string, channels: readonly Channel[]): Destination {
  const channel = channels.find((c) => (c === 'EMAIL' ? looksLikeEmail(name) : looksLikePhone(name))) ?? channels[0] ?? 'EMAIL';
  if (channel === 'EMAIL') {
    if (looksLikeEmail(name)) return { channel, attributeName: 'email', address: name };
    const h = services.sealer.digest(`simulated-destination:${pool.id}:${name}`);
    const letter = (i: number) => LETTERS[parseInt(h.slice(i, i + 2), 16) % LETTERS.length];
    return { channel, attributeName: 'email', address: `${letter(0)}@${letter(2)}.com` };
  }
  if (looksLikePhone(name)) return { channel, attributeName: 'phone_number', address: name };
  const h = services.sealer.digest(`simulated-destination:${pool.id}:${name}`);
  const digits = [...h.slice(0, 10)].map((c) => String(parseInt(c, 16) % 10)).join('');
  return { channel, attributeName: 'phone_number', address: `+1${digits}` };
}
