// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#Using-SRP-password-verification-in-custom-authentication-flow
import { checkSecretHash } from '../../domain/secret-hash.ts';
import { requireParam } from '../params.ts';
import { standard } from '../policies/standard.ts';
import { clientA } from '../srp-a.ts';
import { newState } from '../../sessions/state.ts';
import { beforeSecret, phantomId, resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { Flow } from '../types.ts';

/** USER_SRP_AUTH: the first step answers PASSWORD_VERIFIER with SALT, SRP_B and SECRET_BLOCK. */
export const USER_SRP_AUTH: Flow = {
  kind: 'srp',
  operations: 'both',
  notEnabled: 'USER_SRP_AUTH is not enabled for the client.',
  policy: standard,
  async start({ services, pool, client, flow, params, clientMetadata }) {
    const typed = requireParam(params, 'USERNAME');
    const srpA = clientA(params);
    const subject = await resolveSubject(services, pool, client, typed);
    checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
    await preAuthentication(services, subject, clientMetadata);
    await beforeSecret(services, subject);
    const phantom = subject.user === undefined;
    const state = newState(flow, phantom ? phantomId(services, pool, typed) : subject.name, {
      srpA,
      typed,
      ...(phantom ? { phantom } : {}),
      ...(params.DEVICE_KEY ? { deviceKey: params.DEVICE_KEY } : {}),
    });
    return { kind: 'sign-in', user: subject.user, state, first: { kind: 'ask', challenge: 'PASSWORD_VERIFIER' } };
  },
};
