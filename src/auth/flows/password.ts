// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html
import { checkSecretHash } from '../../domain/secret-hash.ts';
import { hasTrigger } from '../../triggers/invoker.ts';
import { migrateUser } from '../../users/migrate-user.ts';
import { requireParam } from '../params.ts';
import { standard } from '../policies/standard.ts';
import { newState } from '../../sessions/state.ts';
import { findUser } from '../../users/find-user.ts';
import { checkPasswordFactor, resolveSubject } from '../subject.ts';
import { preAuthentication } from '../triggers.ts';
import type { Flow, FlowRequest, FlowStart } from '../types.ts';

/**
 * USER_PASSWORD_AUTH and ADMIN_USER_PASSWORD_AUTH: the password is checked at once. An unknown
 * user of a pool with a UserMigration trigger is asked for there first (with the typed password).
 */
async function start({ services, pool, client, admin, flow, params, clientMetadata }: FlowRequest): Promise<FlowStart> {
  const typed = requireParam(params, 'USERNAME');
  const password = requireParam(params, 'PASSWORD');
  if (hasTrigger(pool, 'UserMigration')) {
    if (!(await findUser(services, pool, typed))) {
      checkSecretHash(client, params.SECRET_HASH, [typed]);
      await migrateUser(services, pool, {
        source: 'UserMigration_Authentication',
        userName: typed,
        clientId: client.clientId,
        password,
        // InitiateAuth's ClientMetadata reaches UserMigration as its validationData only.
        validationData: clientMetadata,
      });
    }
  }
  const subject = await resolveSubject(services, pool, client, typed);
  checkSecretHash(client, params.SECRET_HASH, [typed, subject.name]);
  await preAuthentication(services, subject, clientMetadata);
  await checkPasswordFactor(services, subject, password);
  const state = newState(flow, subject.name, {
    authTime: services.clock.now(),
    done: ['firstFactor'],
    // Admin flows do no device authentication.
    ...(params.DEVICE_KEY && !admin ? { deviceKey: params.DEVICE_KEY } : {}),
  });
  return { kind: 'sign-in', user: subject.user, state, first: { kind: 'decide' } };
}

export const USER_PASSWORD_AUTH: Flow = {
  kind: 'password',
  operations: 'public',
  notEnabled: 'USER_PASSWORD_AUTH flow not enabled for this client',
  policy: standard,
  start,
};

export const ADMIN_USER_PASSWORD_AUTH: Flow = {
  kind: 'admin_password',
  operations: 'admin',
  notEnabled: 'Auth flow not enabled for this client',
  policy: standard,
  start,
};
