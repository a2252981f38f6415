import { createDiffieHellman, createHash, createHmac, type DiffieHellman, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import type { ModexpGroup, ModexpThreads } from './modexp.ts';

/**
 * Cognito's SRP-6a, exactly as amazon-cognito-identity-js (AuthenticationHelper) and Amplify
 * compute it: RFC 5054 3072-bit group, SHA-256, padHex everywhere,
 * x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)), K = HKDF(S, u, "Caldera Derived Key").
 *
 * Modular exponentiation goes through OpenSSL (node:crypto Diffie-Hellman): about six times
 * faster than BigInt square-and-multiply. One DH object is built once and reused; its calls are
 * synchronous so sharing it is safe. The server's request paths use the `…Async` forms, which
 * do the same through worker threads (./modexp.ts) so the event loop is not held; the
 * synchronous forms are the reference they are tested against.
 */

const N_HEX =
  'FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD129024E088A67CC74020BBEA63B139B22514A08798E3404DD' +
  'EF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245E485B576625E7EC6F44C42E9A637ED6B0BFF5CB6F406B7ED' +
  'EE386BFB5A899FA5AE9F24117C4B1FE649286651ECE45B3DC2007CB8A163BF0598DA48361C55D39A69163FA8FD24CF5F' +
  '83655D23DCA3AD961C62F356208552BB9ED529077096966D670C354E4ABC9804F1746C08CA18217C32905E462E36CE3B' +
  'E39E772C180E86039B2783A2EC07A28FB5C55DF06F4C52C9DE2BCBF6955817183995497CEA956AE515D2261898FA0510' +
  '15728E5A8AAAC42DAD33170D04507A33A85521ABDF1CBA64ECFB850458DBEF0A8AEA71575D060C7DB3970F85A6E1E4C7' +
  'ABF5AE8CDB0933D71E8C94E04A25619DCEE3D2261AD2EE6BF12FFA06D98A0864D87602733EC86A64521F2B18177B200C' +
  'BBE117577A615D6C770988C0BAD946E208E24FA074E5AB3143DB5BFCE0FD108E4B82D120A93AD2CAFFFFFFFFFFFFFFFF';

export const N = BigInt(`0x${N_HEX}`);
export const g = 2n;
const N_BYTES = 384;

const dh = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([2]));

/**
 * The DH object whose computeSecret (the base as the peer's public key) computes base^exp for
 * bases other than g: `dh` itself where computeSecret takes any base in [2, N-2], as on Node 20
 * and 24. Node 22 (seen on 22.23) knows this prime with generator 2 as a standard group (it is
 * RFC 3526's 3072-bit MODP group) and then checks that the peer's key lies in the prime-order
 * subgroup: computeSecret throws "Unspecified validation error" for half of all bases (the
 * quadratic non-residues) and spends another 3072-bit exponentiation on the others. Built with
 * another generator, the group is not recognised and only the range is checked; that object
 * costs a primality check of the prime when it is made (the `verifyError` check of
 * https://nodejs.org/api/crypto.html#diffiehellmanverifyerror, a second or two), so it is made
 * only where it is needed. The modexp threads (./modexp.ts) choose the same way.
 */
let forBases: DiffieHellman | undefined;

function basesDh(): DiffieHellman {
  if (forBases) return forBases;
  // N - 4 = -(2²) is a non-residue: -1 is one modulo a safe prime (N ≡ 3 mod 4), 4 is a square.
  dh.setPrivateKey(Buffer.from([1]));
  try {
    dh.computeSecret(toBuffer(N - 4n));
    forBases = dh;
  } catch {
    forBases = createDiffieHellman(Buffer.from(N_HEX, 'hex'), Buffer.from([3]));
  }
  return forBases;
}

/** Lowercase hex, even length, with `00` prepended when the top bit is set (Java toByteArray). */
export function padHex(n: bigint): string {
  let hex = n.toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  else if ('89abcdef'.includes(hex[0]!)) hex = `00${hex}`;
  return hex;
}

/** Parses hex of any case and length (SRP_A arrives unpadded, odd length possible). */
export function hexToBigInt(hex: string): bigint {
  if (!/^[0-9a-fA-F]+$/.test(hex)) throw new RangeError('not hex');
  return BigInt(`0x${hex}`);
}

function hashHex(hex: string): string {
  return createHash('sha256').update(Buffer.from(hex, 'hex')).digest('hex');
}

function hashUtf8(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function toBuffer(n: bigint, length = N_BYTES): Buffer {
  return Buffer.from(n.toString(16).padStart(length * 2, '0'), 'hex');
}

function fromBuffer(b: Buffer): bigint {
  return b.length === 0 ? 0n : BigInt(`0x${b.toString('hex')}`);
}

/** Plain BigInt square-and-multiply: the reference the OpenSSL path is tested against. */
export function modPowBigInt(base: bigint, exp: bigint, mod: bigint): bigint {
  let result = 1n;
  let b = base % mod;
  let e = exp;
  while (e > 0n) {
    if (e & 1n) result = (result * b) % mod;
    b = (b * b) % mod;
    e >>= 1n;
  }
  return result;
}

/** base^exp mod N through OpenSSL. */
export function modPowN(base: bigint, exp: bigint): bigint {
  const b = ((base % N) + N) % N;
  if (exp === 0n) return 1n;
  const e = toBuffer(exp, Math.ceil(exp.toString(16).length / 2));
  if (b === g) {
    dh.setPrivateKey(e);
    dh.generateKeys();
    return fromBuffer(dh.getPublicKey());
  }
  // OpenSSL refuses "public keys" outside [2, N-2]; those bases only come from a hostile peer.
  if (b < 2n || b > N - 2n) return modPowBigInt(b, exp, N);
  const withBases = basesDh();
  withBases.setPrivateKey(e);
  return fromBuffer(withBases.computeSecret(toBuffer(b)));
}

/**
 * base^exp mod N, asynchronously: on a server's modexp threads, or on the calling thread. The
 * SRP steps of a sign-in take one, so each server decides where its modexps run.
 */
export type ModPowN = (base: bigint, exp: bigint) => Promise<bigint>;

/** The 3072-bit group as the modexp threads take it. */
export const srpGroup: ModexpGroup = { primeHex: N_HEX, generator: 2 };

/** A ModPowN over `threads` (same answer as modPowN; on the calling thread when there are none or they fail). */
export function modPowOn(threads: ModexpThreads | undefined): ModPowN {
  return async (base, exp) => {
    const b = ((base % N) + N) % N;
    if (!threads || exp === 0n || (b !== g && (b < 2n || b > N - 2n))) return modPowN(b, exp);
    const e = toBuffer(exp, Math.ceil(exp.toString(16).length / 2));
    try {
      return fromBuffer(await threads.run(e, b === g ? undefined : toBuffer(b)));
    } catch {
      // A thread that died (or none left): the same answer, computed here.
      return modPowN(b, exp);
    }
  };
}

export const k = hexToBigInt(hashHex(padHex(N) + padHex(g)));

/** x = H(padHex(salt) ‖ H(poolName ‖ userId ‖ ":" ‖ password)). */
export function computeX(poolName: string, userId: string, password: string, salt: bigint): bigint {
  const inner = hashUtf8(`${poolName}${userId}:${password}`);
  return hexToBigInt(hashHex(padHex(salt) + inner));
}

export interface PasswordVerifier {
  /** Hex of the salt integer (as SALT is sent). */
  salt: string;
  /** Hex of v = g^x mod N. */
  verifier: string;
}

/** Derives a fresh salt and the verifier v = g^x mod N for a password. */
export function createVerifier(poolName: string, userId: string, password: string): PasswordVerifier {
  const salt = fromBuffer(randomBytes(16));
  const v = modPowN(g, computeX(poolName, userId, password, salt));
  return { salt: salt.toString(16), verifier: v.toString(16) };
}

/** Checks a plain password against a stored verifier (USER_PASSWORD_AUTH and friends). */
export function verifyPassword(poolName: string, userId: string, password: string, stored: PasswordVerifier): boolean {
  return verifierMatches(stored, modPowN(g, computeX(poolName, userId, password, hexToBigInt(stored.salt))));
}

/** verifyPassword with the modexp done by `pow` (off the event loop). */
export async function verifyPasswordAsync(pow: ModPowN, poolName: string, userId: string, password: string, stored: PasswordVerifier): Promise<boolean> {
  return verifierMatches(stored, await pow(g, computeX(poolName, userId, password, hexToBigInt(stored.salt))));
}

/** Constant-time comparison of a computed g^x with a stored verifier. */
function verifierMatches(stored: PasswordVerifier, v: bigint): boolean {
  const expected = Buffer.from(padHex(hexToBigInt(stored.verifier)), 'hex');
  const actual = Buffer.from(padHex(v), 'hex');
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}

/** The pool name that goes into x and the proof: the pool id between the first and any second `_`. */
export function srpPoolName(poolId: string): string {
  return poolId.split('_')[1] ?? '';
}

export interface ServerEphemeral {
  b: bigint;
  B: bigint;
}

/** b: 256 random bits; B = (k·v + g^b) mod N, never 0 mod N. */
export function serverEphemeral(verifier: bigint): ServerEphemeral {
  for (;;) {
    const b = fromBuffer(randomBytes(32));
    const B = (k * verifier + modPowN(g, b)) % N;
    if (B !== 0n) return { b, B };
  }
}

/** serverEphemeral with g^b done by `pow` (off the event loop). */
export async function serverEphemeralAsync(pow: ModPowN, verifier: bigint): Promise<ServerEphemeral> {
  for (;;) {
    const b = fromBuffer(randomBytes(32));
    const B = (k * verifier + (await pow(g, b))) % N;
    if (B !== 0n) return { b, B };
  }
}

/** A client's SRP_A is acceptable when it parses and A mod N ≠ 0. */
export function parseClientA(srpA: string): bigint | undefined {
  if (srpA.length === 0 || srpA.length > 1024) return undefined;
  let A: bigint;
  try {
    A = hexToBigInt(srpA);
  } catch {
    return undefined;
  }
  return A % N === 0n ? undefined : A;
}

/** u = H(padHex(A) ‖ padHex(B)). */
export function scrambler(A: bigint, B: bigint): bigint {
  return hexToBigInt(hashHex(padHex(A) + padHex(B)));
}

/** Server side premaster secret S = (A · v^u)^b mod N and K = HKDF(S, u). Undefined when u = 0. */
export function serverKey(A: bigint, B: bigint, b: bigint, verifier: bigint): Buffer | undefined {
  const u = scrambler(A, B);
  if (u === 0n) return undefined;
  const S = modPowN((A * modPowN(verifier, u)) % N, b);
  return deriveKey(S, u);
}

/** serverKey with both modexps done by `pow` (off the event loop). */
export async function serverKeyAsync(pow: ModPowN, A: bigint, B: bigint, b: bigint, verifier: bigint): Promise<Buffer | undefined> {
  const u = scrambler(A, B);
  if (u === 0n) return undefined;
  const S = await pow((A * (await pow(verifier, u))) % N, b);
  return deriveKey(S, u);
}

/** K = HKDF-SHA256(ikm = padHex(S), salt = padHex(u), info = "Caldera Derived Key", 16 bytes). */
export function deriveKey(S: bigint, u: bigint): Buffer {
  return Buffer.from(hkdfSync('sha256', Buffer.from(padHex(S), 'hex'), Buffer.from(padHex(u), 'hex'), 'Caldera Derived Key', 16));
}

/** HMAC-SHA256(K, poolName ‖ userId ‖ secretBlock ‖ timestamp), base64. */
export function claimSignature(key: Buffer, poolName: string, userId: string, secretBlock: Buffer, timestamp: string): string {
  return createHmac('sha256', key)
    .update(Buffer.from(poolName, 'utf8'))
    .update(Buffer.from(userId, 'utf8'))
    .update(secretBlock)
    .update(Buffer.from(timestamp, 'utf8'))
    .digest('base64');
}

/** Constant-time comparison of a client's PASSWORD_CLAIM_SIGNATURE with the expected one. */
export function signaturesMatch(expectedBase64: string, givenBase64: string): boolean {
  const expected = Buffer.from(expectedBase64, 'base64');
  const given = Buffer.from(givenBase64, 'base64');
  return expected.length === given.length && timingSafeEqual(expected, given);
}

/** Client side, for tests and the bench driver: S = (B − k·g^x)^(a + u·x) mod N. */
export function clientKey(a: bigint, A: bigint, B: bigint, x: bigint): Buffer {
  const u = scrambler(A, B);
  const base = (((B - k * modPowN(g, x)) % N) + N) % N;
  const S = modPowN(base, a + u * x);
  return deriveKey(S, u);
}
