// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#Built-in-authentication-flow-and-challenges
// (SRP proof of the password: auth-protocol.md §2.3, §3.3, §4)
import { randomBytes } from 'node:crypto';
import { fail, messages } from '../../errors.ts';
import { claimSignature, hexToBigInt, serverEphemeralAsync, serverKeyAsync, signaturesMatch } from '../../crypto/srp.ts';
import { deviceTrackingOn, poolName } from '../../domain/pool.ts';
import { deviceNotFound, findDevice } from '../../devices/devices.ts';
import { requireParam } from '../params.ts';
import { openBlock, sealBlock } from '../secret-block.ts';
import { sessionLifetime } from '../session.ts';
import { afterSecret, beforeSecret, phantomVerifier, subjectOf } from '../subject.ts';
import { MAX_SKEW_MS, parseTimestamp } from '../timestamp.ts';
import type { StoredPassword } from '../../domain/types.ts';
import type { AuthContext, Challenge, SessionState } from '../types.ts';

interface BlockPayload {
  p: string;
  c: string;
  /** The sign-in state so far (flow, user, history, device key, …). */
  s: Omit<SessionState, 'pending'>;
  A: string;
  B: string;
  b: string;
  /** Expiry (ms) and nonce: the block answers once, within the client's session lifetime. */
  e: number;
  n: string;
}

/** The verifier B was built from: the user's, or a phantom's stable fake one. */
function verifierOf(ctx: AuthContext) {
  const subject = subjectOf(ctx);
  const u = ctx.user;
  return u?.password && u.status !== 'RESET_REQUIRED' ? u.password : phantomVerifier(ctx.services, ctx.pool, subject.name);
}

export const PASSWORD_VERIFIER: Challenge = {
  async issue(ctx) {
    const { services, client, state } = ctx;
    const A = state.srpA;
    if (A === undefined) throw fail('InternalErrorException', 'An internal error occurred.', 'PASSWORD_VERIFIER issued without SRP_A');
    delete state.srpA;
    const stored = verifierOf(ctx);
    const { b, B } = await serverEphemeralAsync(hexToBigInt(stored.verifier));
    const { pending: _pending, ...rest } = state;
    const payload: BlockPayload = {
      p: ctx.pool.id,
      c: client.clientId,
      s: rest,
      A,
      B: B.toString(16),
      b: b.toString(16),
      e: services.clock.now() + sessionLifetime(client),
      n: randomBytes(12).toString('base64url'),
    };
    return {
      parameters: {
        SALT: hexToBigInt(stored.salt).toString(16),
        SRP_B: B.toString(16),
        SECRET_BLOCK: sealBlock(services, payload),
        USER_ID_FOR_SRP: state.username,
      },
    };
  },

  async restore(services, client, responses) {
    const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const payload = openBlock<BlockPayload>(services, block);
    if (!payload || payload.c !== client.clientId || payload.p !== client.poolId) {
      throw fail('NotAuthorizedException', messages.invalidSession);
    }
    if (payload.e <= services.clock.now()) throw fail('NotAuthorizedException', messages.sessionExpired);
    return {
      ...payload.s,
      pending: { name: 'PASSWORD_VERIFIER', state: { A: payload.A, B: payload.B, b: payload.b, e: payload.e, n: payload.n }, wrongAnswers: 0 },
    };
  },

  async answer(ctx, responses, st) {
    const { services, pool } = ctx;
    const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireParam(responses, 'TIMESTAMP');
    const when = parseTimestamp(timestamp);
    // An unknown device key is answered before anything is consumed: both clients drop the key
    // and send the very same proof again (auth-protocol.md §5.6).
    const deviceKey = responses.DEVICE_KEY;
    if (deviceKey !== undefined && deviceTrackingOn(pool)) {
      const device = ctx.user && (await findDevice(services, pool, ctx.user.username, deviceKey));
      if (!device) throw deviceNotFound();
      ctx.state.deviceKey = deviceKey;
    }
    // A replayed proof (or the same block answered twice) is refused before any work is done.
    if (!(await services.stores.usedTokens.markUsed(`srp:${String(st.n)}`, Number(st.e)))) {
      return { kind: 'wrong', error: fail('NotAuthorizedException', messages.sessionUsed), retry: false };
    }
    const subject = subjectOf(ctx);
    let stored: StoredPassword;
    try {
      stored = await beforeSecret(services, subject);
    } catch (error) {
      return { kind: 'wrong', error: error as never, retry: false };
    }
    const key = await serverKeyAsync(hexToBigInt(String(st.A)), hexToBigInt(String(st.B)), hexToBigInt(String(st.b)), hexToBigInt(stored.verifier));
    const inTime = Math.abs(when - services.clock.now()) <= MAX_SKEW_MS;
    const expected = key ? claimSignature(key, poolName(pool), ctx.state.username, Buffer.from(block, 'base64'), timestamp) : '';
    const correct = key !== undefined && inTime && signaturesMatch(expected, signature);
    try {
      await afterSecret(services, subject, correct);
    } catch (error) {
      return { kind: 'wrong', error: error as never, retry: false };
    }
    ctx.state.authTime = services.clock.now();
    return { kind: 'passed', stage: 'firstFactor' };
  },
};
