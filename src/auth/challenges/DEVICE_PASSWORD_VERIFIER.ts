// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
// (auth-protocol.md §5.5, §5.8: SRP with DeviceGroupKey as pool name, DeviceKey as user, the device's random password)
import { randomBytes } from 'node:crypto';
import { fail, messages } from '../../errors.ts';
import { claimSignature, hexToBigInt, serverEphemeralAsync, serverKeyAsync, signaturesMatch } from '../../crypto/srp.ts';
import { deviceNotFound, deviceVerifier, findDevice, markAuthenticated } from '../../devices/devices.ts';
import { requireParam } from '../params.ts';
import { MAX_SKEW_MS, parseTimestamp } from '../timestamp.ts';
import type { AuthContext, Challenge } from '../types.ts';

async function deviceOf(ctx: AuthContext) {
  const device = await findDevice(ctx.services, ctx.pool, ctx.state.username, ctx.state.deviceKey ?? '');
  const verifier = device && deviceVerifier(device);
  if (!device || !verifier) throw deviceNotFound();
  return { device, verifier };
}

export const DEVICE_PASSWORD_VERIFIER: Challenge = {
  async issue(ctx) {
    const { device, verifier } = await deviceOf(ctx);
    const A = ctx.state.srpA!;
    delete ctx.state.srpA;
    const { b, B } = await serverEphemeralAsync(verifier.verifier);
    const block = randomBytes(64).toString('base64');
    return {
      parameters: { SALT: verifier.salt, SRP_B: B.toString(16), SECRET_BLOCK: block, DEVICE_KEY: device.deviceKey },
      state: { A, B: B.toString(16), b: b.toString(16), block },
    };
  },
  async answer(ctx, responses, st) {
    const block = requireParam(responses, 'PASSWORD_CLAIM_SECRET_BLOCK');
    const signature = requireParam(responses, 'PASSWORD_CLAIM_SIGNATURE');
    const timestamp = requireParam(responses, 'TIMESTAMP');
    const when = parseTimestamp(timestamp);
    const { device, verifier } = await deviceOf(ctx);
    const wrong = { kind: 'wrong', error: fail('NotAuthorizedException', messages.incorrectCredentials), retry: false } as const;
    if (block !== st.block || Math.abs(when - ctx.services.clock.now()) > MAX_SKEW_MS) return wrong;
    const key = await serverKeyAsync(hexToBigInt(String(st.A)), hexToBigInt(String(st.B)), hexToBigInt(String(st.b)), verifier.verifier);
    if (!key) return wrong;
    const expected = claimSignature(key, device.groupKey, device.deviceKey, Buffer.from(block, 'base64'), timestamp);
    if (!signaturesMatch(expected, signature)) return wrong;
    await markAuthenticated(ctx.services, device);
    return { kind: 'passed', stage: 'device' };
  },
};
