// https://docs.aws.amazon.com/cognito/latest/developerguide/amazon-cognito-user-pools-device-tracking.html
// SRP with the DeviceGroupKey as pool name, the DeviceKey as user name and the device's random password.
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { fail, messages } from '../../errors.ts';
import { claimSignature, hexToBigInt, serverEphemeralAsync, serverKeyAsync, signaturesMatch } from '../../crypto/srp.ts';
import { deviceNotFound, deviceVerifier, findDevice, markAuthenticated } from '../../devices/devices.ts';
import { requireParam } from '../params.ts';
import { MAX_SKEW_MS, parseTimestamp } from '../timestamp.ts';
import type { AuthContext, Challenge } from '../types.ts';

const stateSchema = z.object({ A: z.string(), B: z.string(), b: z.string(), block: z.string() });

async function deviceOf(ctx: AuthContext) {
  const device = await findDevice(ctx.services, ctx.pool, ctx.state.username, ctx.state.deviceKey ?? '');
  const verifier = device && deviceVerifier(device);
  if (!device || !verifier) throw deviceNotFound();
  return { device, verifier };
}

export const DEVICE_PASSWORD_VERIFIER: Challenge<z.output<typeof stateSchema>> = {
  state: stateSchema,
  async issue(ctx) {
    const { device, verifier } = await deviceOf(ctx);
    const A = ctx.state.srpA!;
    delete ctx.state.srpA;
    const { b, B } = await serverEphemeralAsync(ctx.services.modexp, verifier.verifier);
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
    const key = await serverKeyAsync(ctx.services.modexp, hexToBigInt(st.A), hexToBigInt(st.B), hexToBigInt(st.b), verifier.verifier);
    if (!key) return wrong;
    const expected = claimSignature(key, device.groupKey, device.deviceKey, Buffer.from(block, 'base64'), timestamp);
    if (!signaturesMatch(expected, signature)) return wrong;
    await markAuthenticated(ctx.services, device, ctx.ip !== undefined ? { ip: ctx.ip } : {});
    return { kind: 'passed', stage: 'device' };
  },
};
