import { randomBytes } from 'node:crypto';
import { N, claimSignature, clientKey, computeX, g, hexToBigInt, modPowN } from '../../src/crypto/srp.ts';
import { formatTimestamp } from '../../src/auth/timestamp.ts';

/**
 * The client side of Cognito's SRP, as amazon-cognito-identity-js computes it, for raw SDK tests (the
 * acij and Amplify tests use those libraries' own code instead).
 */
export interface SrpClient {
  /** SRP_A as clients send it: lowercase hex, unpadded. */
  A: string;
  /** The PASSWORD_VERIFIER answer for a challenge's parameters. */
  answer(params: Record<string, string>, options?: { poolName?: string; now?: number; timestamp?: string }): Record<string, string>;
}

export function srpClient(poolId: string, password: string, aHex?: string): SrpClient {
  const a = hexToBigInt(aHex ?? randomBytes(128).toString('hex'));
  const A = modPowN(g, a);
  return {
    A: A.toString(16),
    answer(params, options = {}) {
      const poolName = options.poolName ?? poolId.split('_')[1]!;
      const userId = params.USER_ID_FOR_SRP!;
      const B = hexToBigInt(params.SRP_B!);
      if (B % N === 0n) throw new Error('B cannot be zero.');
      const x = computeX(poolName, userId, password, hexToBigInt(params.SALT!));
      const key = clientKey(a, A, B, x);
      const timestamp = options.timestamp ?? formatTimestamp(options.now ?? Date.now());
      const block = params.SECRET_BLOCK!;
      return {
        USERNAME: userId,
        PASSWORD_CLAIM_SECRET_BLOCK: block,
        TIMESTAMP: timestamp,
        PASSWORD_CLAIM_SIGNATURE: claimSignature(key, poolName, userId, Buffer.from(block, 'base64'), timestamp),
      };
    },
  };
}
