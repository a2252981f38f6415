// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-authentication-flow-methods.html#Built-in-authentication-flow-and-challenges
// The SRP proof of the password.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { claimSignature, hexToBigInt, serverEphemeralAsync, serverKeyAsync, signaturesMatch } from '../../crypto/srp.ts';
import { deviceNotFound, findDevice } from '../../devices/devices.ts';
import { deviceTrackingOn, poolName } from '../../domain/pool.ts';
import type { StoredPassword } from '../../domain/types.ts';
import { fail, messages } from '../../errors.ts';
import { requireParam } from '../params.ts';
import { openBlock, sealBlock } from '../secret-block.ts';
import { sessionLifetime } from '../../sessions/session.ts';
import { parseState, type SessionState } from '../../sessions/state.ts';
import { afterSecret, beforeSecret, phantomVerifier, reserveSecretAttempt, subjectOf } from '../subject.ts';
import { MAX_SKEW_MS, parseTimestamp } from '../timestamp.ts';
import type { AuthContext, Challenge } from '../types.ts';

/** This step's SRP values (hex), and the block's expiry (ms) and nonce: it answers once, within the client's session lifetime. */
const stateSchema = z.object({ A: z.string(), B: z.string(), b: z.string(), e: z.number(), n: z.string() });
type VerifierState = z.output<typeof stateSchema>;

/**
 * What SECRET_BLOCK seals: the pool, the client, the sign-in state so far (flow, user, history,
 * device key, …) and this step's state. A phantom's block must be a real user's twin in size:
 * the phantom mark is a digit (`x`), both carry the name as typed, and the SRP values are
 * zero-padded to their full width.
 */
interface BlockPayload extends VerifierState {
  p: string;
  c: string;
  s: Omit<SessionState, 'pending' | 'phantom'>;
  x: 0 | 1;
}

const HEX_N = 768;
const HEX_b = 64;

/** The verifier B was built from: the user's, or a phantom's stable fake one. */
function verifierOf(ctx: AuthContext) {
  const subject = subjectOf(ctx);
  const u = ctx.user;
  return u?.password && u.status !== 'RESET_REQUIRED' ? u.password : phantomVerifier(ctx.services, ctx.pool, subject.name);
}

export const PASSWORD_VERIFIER: Challenge<VerifierState> = {
  state: stateSchema,

  async issue(ctx) {
    const { services, client, state } = ctx;
    const A = state.srpA;
    if (A === undefined) throw fail('InternalErrorException', 'An internal error occurred.', 'PASSWORD_VERIFIER issued without SRP_A');
    delete state.srpA;
    const stored = verifierOf(ctx);
    const { b, B } = await serverEphemeralAsync(services.modexp, hexToBigInt(stored.verifier));
    const { pending: _pending, phantom, ...rest } = state;
    const step: VerifierState = {
      A,
      B: B.toString(16).padStart(HEX_N, '0'),
      b: b.toString(16).padStart(HEX_b, '0'),
      e: services.clock.now() + sessionLifetime(client),
      n: randomBytes(12).toString('base64url'),
    };
    const payload: BlockPayload = { p: ctx.pool.id, c: client.clientId, s: rest, x: phantom ? 1 : 0, ...step };
    return {
      parameters: {
        SALT: hexToBigInt(stored.salt).toString(16),
        SRP_B: B.toString(16),
        SECRET_BLOCK: sealBlock(services, payload),
        USER_ID_FOR_SRP: state.username,
      },
      state: step,
    };
  },

  async restore(services, client, responses) {
    const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const payload = openBlock<BlockPayload>(services, block);
    if (!payload || payload.c !== client.clientId || payload.p !== client.poolId) {
      throw fail('NotAuthorizedException', messages.invalidSession);
    }
    if (payload.e <= services.clock.now()) throw fail('NotAuthorizedException', messages.sessionExpired);
    const { A, B, b, e, n } = payload;
    const state = parseState({ ...payload.s, ...(payload.x === 1 ? { phantom: true } : {}), pending: { name: 'PASSWORD_VERIFIER', state: { A, B, b, e, n } } });
    if (!state) throw fail('NotAuthorizedException', messages.invalidSession, 'SECRET_BLOCK state does not parse');
    return state;
  },

  async answer(ctx, responses, st) {
    const { services, pool } = ctx;
    const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireParam(responses, 'TIMESTAMP');
    const when = parseTimestamp(timestamp);
    // An unknown device key is answered before anything is consumed: amazon-cognito-identity-js
    // and Amplify drop the key and send the very same proof again.
    const deviceKey = responses.DEVICE_KEY;
    if (deviceKey !== undefined && deviceTrackingOn(pool)) {
      const device = ctx.user && (await findDevice(services, pool, ctx.user.username, deviceKey));
      if (!device) throw deviceNotFound();
      ctx.state.deviceKey = deviceKey;
    }
    // A replayed proof (or the same block answered twice) is refused before any work is done.
    if (!(await services.stores.usedTokens.markUsed(`srp:${st.n}`, st.e))) {
      return { kind: 'wrong', error: fail('NotAuthorizedException', messages.sessionUsed), retry: false };
    }
    const subject = subjectOf(ctx);
    let stored: StoredPassword;
    try {
      stored = await beforeSecret(services, subject);
      await reserveSecretAttempt(services, subject);
    } catch (error) {
      return { kind: 'wrong', error: error as never, retry: false };
    }
    const key = await serverKeyAsync(services.modexp, hexToBigInt(st.A), hexToBigInt(st.B), hexToBigInt(st.b), hexToBigInt(stored.verifier));
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
