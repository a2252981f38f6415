// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#amazon-cognito-user-pools-custom-authentication-flow
import { checkSecretHash } from '../../domain/secret-hash.ts';
import { requireParam } from '../params.ts';
import { custom } from '../policies/custom.ts';
import { clientA } from '../srp-a.ts';
import { newState } from '../../sessions/state.ts';
import { assertAccountUsable, beforeSecret, phantomId, resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { Flow } from '../types.ts';

/**
 * CUSTOM_AUTH: DefineAuthChallenge drives the sign-in. With CHALLENGE_NAME=SRP_A and SRP_A the
 * history starts with `SRP_A: true` and Define normally asks the built-in PASSWORD_VERIFIER first.
 */
export const CUSTOM_AUTH: Flow = {
  kind: 'custom',
  operations: 'both',
  notEnabled: 'Auth flow not enabled for this client',
  policy: custom,
  async start({ services, pool, client, flow, params, clientMetadata }) {
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
      typed,
      ...(phantom ? { phantom } : {}),
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
      history: withSrp ? [{ challengeName: 'SRP_A', challengeResult: true }] : [],
    });
    return { kind: 'sign-in', user: subject.user, state, first: { kind: 'decide' } };
  },
};
