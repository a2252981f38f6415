import { newDeviceMetadata } from '../devices/devices.ts';
import { deviceTrackingOn } from '../domain/pool.ts';
import { fail, messages } from '../errors.ts';
import { jwtClaims } from '../events/redact.ts';
import { traceStep } from '../events/trace.ts';
import { issueTokens } from '../tokens/issue.ts';
import { preTokenGeneration } from '../tokens/pre-token-generation.ts';
import { postAuthentication, tokenSource } from './triggers.ts';
import type { User } from '../domain/types.ts';
import type { AuthContext, AuthResponse } from './types.ts';

/**
 * A sign-in's tokens, once the policy decided it is done (the engine's last step). With device
 * tracking on, a sign-in that proved a known device binds the tokens to it; any other gets
 * NewDeviceMetadata for a new device (the refresh token is bound to it).
 */
export async function finish(ctx: AuthContext): Promise<AuthResponse> {
  const { services, pool, client, state } = ctx;
  const user = ctx.user;
  // Whatever the path (a Lambda may decide to issue tokens at once), a disabled user gets none.
  if (!user?.enabled) throw fail('NotAuthorizedException', user ? messages.userDisabled : messages.incorrectCredentials);
  let deviceKey: string | undefined;
  let newDevice: { DeviceKey: string; DeviceGroupKey: string } | undefined;
  if (deviceTrackingOn(pool)) {
    if (state.done.includes('device')) deviceKey = state.deviceKey;
    else {
      newDevice = await newDeviceMetadata(services, pool, user, ctx.ip !== undefined ? { ip: ctx.ip } : {});
      deviceKey = newDevice.DeviceKey;
    }
  }
  await postAuthentication(ctx, newDevice !== undefined);
  const groups = await services.stores.groups.groupsOf(pool.id, user.username);
  const result = await issueTokens(services, {
    pool,
    client,
    user,
    authTime: state.authTime ?? services.clock.now(),
    deviceKey,
    refreshToken: true,
    groups,
    adjust: preTokenGeneration(services, {
      pool,
      clientId: client.clientId,
      user,
      groups,
      source: tokenSource(ctx),
      clientMetadata: state.clientMetadata,
    }),
  });
  traceStep('tokens', {
    id: result.IdToken ? jwtClaims(result.IdToken) : undefined,
    access: jwtClaims(result.AccessToken),
    refreshToken: result.RefreshToken !== undefined,
    ...(newDevice ? { newDevice: newDevice.DeviceKey } : {}),
  });
  return { ChallengeParameters: {}, AuthenticationResult: newDevice ? { ...result, NewDeviceMetadata: newDevice } : result };
}

/** The end of a sign-in on the hosted pages: who signed in, and when (the code's auth_time). */
export interface HostedSignIn {
  kind: 'signed-in';
  user: User;
  authTime: number;
}

/**
 * The hosted pages' ending: PostAuthentication runs as for the API, but no device is remembered
 * (the hosted pages never offer it) and no tokens are minted here: the authorization server
 * turns the sign-in into a code (or, for the implicit grant, tokens) with the request's scopes.
 */
export async function hostedEnding(ctx: AuthContext): Promise<HostedSignIn> {
  const user = ctx.user;
  if (!user?.enabled) throw fail('NotAuthorizedException', user ? messages.userDisabled : messages.incorrectCredentials);
  await postAuthentication(ctx, false);
  return { kind: 'signed-in', user, authTime: ctx.state.authTime ?? ctx.services.clock.now() };
}
