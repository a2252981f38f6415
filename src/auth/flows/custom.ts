// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-custom-authentication-flow
// (auth-protocol.md §2.7)
import { checkSecretHash } from '../../crypto/secret-hash.ts';
import { advance, newState } from '../engine.ts';
import { requireParam } from '../params.ts';
import { assertAccountUsable, beforeSecret, resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { Flow } from './flow.ts';
import { clientA, phantomId } from './srp.ts';

/**
 * CUSTOM_AUTH: DefineAuthChallenge drives the sign-in. With CHALLENGE_NAME=SRP_A and SRP_A the
 * history starts with `SRP_A: true` and Define normally asks the built-in PASSWORD_VERIFIER first.
 */
export const CUSTOM_AUTH: Flow = {
  kind: 'custom',
  operations: 'both',
  notEnabled: 'Auth flow not enabled for this client',
  async start({ services, pool, client, admin, flow, params, clientMetadata }) {
    const typed = requireParam(params, 'USERNAME');
    const withSrp = params.CHALLENGE_NAME === 'SRP_A';
    const srpA = withSrp ? clientA(params) : undefined;
    const subject = await resolveSubject(services, pool, client, typed);
    checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
    await preAuthentication(services, subject, clientMetadata);
    if (withSrp) await beforeSecret(services, subject);
    else assertAccountUsable(subject);
    const phantom = subject.user === undefined;
    const state = newState(flow, phantom && withSrp ? phantomId(services, pool, typed) : subject.name, {
      ...(srpA ? { srpA } : {}),
      ...(phantom ? { phantom, typed } : {}),
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
      history: withSrp ? [{ challengeName: 'SRP_A', challengeResult: true }] : [],
    });
    return advance({ services, pool, client, user: subject.user, admin, state });
  },
};
