// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#Using-SRP-password-verification-in-custom-authentication-flow
// (USER_SRP_AUTH: auth-protocol.md §2.3, §4.10)
import { createHmac } from 'node:crypto';
import { fail } from '../../errors.ts';
import { parseClientA } from '../../crypto/srp.ts';
import { checkSecretHash } from '../../crypto/secret-hash.ts';
import type { UserPool } from '../../domain/types.ts';
import type { Services } from '../../services.ts';
import { issueChallenge, newState } from '../engine.ts';
import { requireParam } from '../params.ts';
import { beforeSecret, resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { Flow } from './flow.ts';

/**
 * A phantom's USER_ID_FOR_SRP, shaped like a real user's: where usernames are generated (email
 * or phone as username) a UUID stable per (pool, typed name); elsewhere the name as typed.
 */
export function phantomId(services: Services, pool: UserPool, typed: string): string {
  if ((pool.config.UsernameAttributes?.length ?? 0) === 0) return typed;
  const h = createHmac('sha256', services.sealer.derive('phantom-id')).update(`${pool.id}:${typed}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** SRP_A checked (A mod N ≠ 0, hex of any case and length), as lowercase hex. */
export function clientA(params: Record<string, string>): string {
  const A = parseClientA(requireParam(params, 'SRP_A'));
  if (A === undefined) throw fail('InvalidParameterException', 'SRP_A is not a valid SRP value.');
  return A.toString(16);
}

/** USER_SRP_AUTH: the first step answers PASSWORD_VERIFIER with SALT, SRP_B and SECRET_BLOCK. */
export const USER_SRP_AUTH: Flow = {
  kind: 'srp',
  operations: 'both',
  notEnabled: 'USER_SRP_AUTH is not enabled for the client.',
  async start({ services, pool, client, admin, flow, params, clientMetadata }) {
    const typed = requireParam(params, 'USERNAME');
    const srpA = clientA(params);
    const subject = await resolveSubject(services, pool, client, typed);
    checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
    await preAuthentication(services, subject, clientMetadata);
    await beforeSecret(services, subject);
    const phantom = subject.user === undefined;
    const state = newState(flow, phantom ? phantomId(services, pool, typed) : subject.name, {
      srpA,
      ...(phantom ? { phantom, typed } : {}),
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
    });
    return issueChallenge({ services, pool, client, user: subject.user, admin, state }, 'PASSWORD_VERIFIER');
  },
};
