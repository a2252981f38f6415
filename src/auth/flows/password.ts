// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
import { checkSecretHash } from '../../crypto/secret-hash.ts';
import { advance, newState } from '../engine.ts';
import { requireParam } from '../params.ts';
import { checkPasswordFactor, resolveSubject } from '../subject.ts';
import type { Flow, FlowRequest } from './flow.ts';

/** USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password is checked at once. */
async function start({ services, pool, client, admin, flow, params, clientMetadata }: FlowRequest) {
  const typed = requireParam(params, 'USERNAME');
  const password = requireParam(params, 'PASSWORD');
  const subject = await resolveSubject(services, pool, client, typed);
  checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
  await checkPasswordFactor(services, subject, password);
  const state = newState(flow, subject.name, { authTime: services.clock.now(), done: ['firstFactor'], ...(clientMetadata ? { clientMetadata } : {}) });
  return advance({ services, pool, client, user: subject.user, admin, state });
}

export const USER_PASSWORD_AUTH: Flow = {
  kind: 'password',
  operations: 'public',
  notEnabled: 'USER_PASSWORD_AUTH flow not enabled for this client',
  start,
};

export const ADMIN_USER_PASSWORD_AUTH: Flow = {
  kind: 'admin_password',
  operations: 'admin',
  notEnabled: 'Auth flow not enabled for this client',
  start,
};
