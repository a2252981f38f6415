import { createHash, generateKeyPairSync, type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A software WebAuthn authenticator for tests, written from the specification (no library that
 * fakes one): ES256 keys from node:crypto, `none` attestation, and a small CBOR encoder for the
 * attestation object and the COSE key. Overrides let a test forge or replay what a real
 * authenticator and browser would never send.
 */

// ---- CBOR (RFC 8949): unsigned and negative integers, byte and text strings, arrays, maps ----

export type CborValue = number | string | Uint8Array | CborValue[] | Map<CborValue, CborValue> | { [key: string]: CborValue };

function cborHead(major: number, n: number): Buffer {
  if (n < 24) return Buffer.from([(major << 5) | n]);
  if (n < 0x100) return Buffer.from([(major << 5) | 24, n]);
  if (n < 0x10000) {
    const b = Buffer.alloc(3);
    b[0] = (major << 5) | 25;
    b.writeUInt16BE(n, 1);
    return b;
  }
  const b = Buffer.alloc(5);
  b[0] = (major << 5) | 26;
  b.writeUInt32BE(n, 1);
  return b;
}

export function cbor(value: CborValue): Buffer {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new Error('only integers are supported');
    return value >= 0 ? cborHead(0, value) : cborHead(1, -1 - value);
  }
  if (typeof value === 'string') {
    const bytes = Buffer.from(value, 'utf8');
    return Buffer.concat([cborHead(3, bytes.length), bytes]);
  }
  if (value instanceof Uint8Array) return Buffer.concat([cborHead(2, value.length), value]);
  if (Array.isArray(value)) return Buffer.concat([cborHead(4, value.length), ...value.map(cbor)]);
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  return Buffer.concat([cborHead(5, entries.length), ...entries.flatMap(([k, v]) => [cbor(k), cbor(v)])]);
}

// ---- the authenticator ----

const FLAG_UP = 0x01;
const FLAG_UV = 0x04;
const FLAG_AT = 0x40;

const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest();

function counterBytes(counter: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(counter >>> 0);
  return b;
}

/** A credential the authenticator holds. */
export interface SoftCredential {
  id: Buffer;
  privateKey: KeyObject;
  publicKey: KeyObject;
  rpId: string;
  userHandle: string;
  counter: number;
}

/** What navigator.credentials.create() is given (the CredentialCreationOptions document). */
export interface CreationOptions {
  challenge: string;
  rp: { id?: string; name: string };
  user: { id: string; name: string; displayName: string };
  [member: string]: unknown;
}

/** What navigator.credentials.get() is given (CREDENTIAL_REQUEST_OPTIONS, parsed). */
export interface RequestOptions {
  challenge: string;
  rpId?: string;
  allowCredentials?: { id: string; type: string; transports?: string[] }[];
  [member: string]: unknown;
}

export interface RegisterOverrides {
  /** The page's origin the browser puts in clientDataJSON (default: the authenticator's). */
  origin?: string;
  /** The RP id the credential gets bound to (default: `rp.id` of the options). */
  rpId?: string;
  challenge?: string;
  type?: string;
  userVerified?: boolean;
  /** The attestation format; anything but `none` comes with an empty, hence invalid, statement. */
  fmt?: string;
  /** Reuse a credential id (default: 32 random bytes). */
  credentialId?: Buffer;
  attachment?: 'platform' | 'cross-platform' | null;
  transports?: string[];
}

export interface AssertOverrides {
  origin?: string;
  /** The RP id whose hash goes into authenticatorData (default: `rpId` of the options). */
  rpId?: string;
  challenge?: string;
  type?: string;
  /** The signature counter to report (default: the credential's counter plus one). */
  counter?: number;
  userVerified?: boolean;
  userPresent?: boolean;
  /** Sign something other than authenticatorData ‖ hash(clientDataJSON): a forged assertion. */
  forgeSignature?: boolean;
  /** Which credential to use (default: the first of allowCredentials this authenticator holds). */
  credentialId?: string;
  /** The user handle to report; null leaves it out (default: the one registered). */
  userHandle?: string | null;
}

export interface RegistrationResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  response: {
    clientDataJSON: string;
    attestationObject: string;
    transports: string[];
    publicKeyAlgorithm: number;
    publicKey: string;
    authenticatorData: string;
  };
  clientExtensionResults: Record<string, unknown>;
  authenticatorAttachment?: 'platform' | 'cross-platform';
}

export interface AuthenticationResponse {
  id: string;
  rawId: string;
  type: 'public-key';
  response: { clientDataJSON: string; authenticatorData: string; signature: string; userHandle?: string };
  clientExtensionResults: Record<string, unknown>;
  authenticatorAttachment: 'platform';
}

/** A platform authenticator in a browser at `origin`. */
export function softwareAuthenticator(origin: string) {
  const credentials = new Map<string, SoftCredential>();

  function clientData(type: string, challenge: string, pageOrigin: string): Buffer {
    return Buffer.from(JSON.stringify({ type, challenge, origin: pageOrigin, crossOrigin: false }), 'utf8');
  }

  return {
    origin,
    credentials,

    /** navigator.credentials.create(): a new ES256 credential, answered as RegistrationResponseJSON. */
    register(options: CreationOptions, o: RegisterOverrides = {}): RegistrationResponse {
      const rpId = o.rpId ?? options.rp.id ?? new URL(origin).hostname;
      const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
      const jwk = publicKey.export({ format: 'jwk' });
      const coseKey = cbor(
        new Map<CborValue, CborValue>([
          [1, 2], // kty: EC2
          [3, -7], // alg: ES256
          [-1, 1], // crv: P-256
          [-2, Buffer.from(jwk.x!, 'base64url')],
          [-3, Buffer.from(jwk.y!, 'base64url')],
        ]),
      );
      const id = o.credentialId ?? randomBytes(32);
      const idLength = Buffer.alloc(2);
      idLength.writeUInt16BE(id.length);
      const flags = FLAG_UP | FLAG_AT | (o.userVerified === false ? 0 : FLAG_UV);
      const authData = Buffer.concat([sha256(rpId), Buffer.from([flags]), counterBytes(0), Buffer.alloc(16), idLength, id, coseKey]);
      const fmt = o.fmt ?? 'none';
      const attestationObject = cbor({ fmt, attStmt: {}, authData });
      const data = clientData(o.type ?? 'webauthn.create', o.challenge ?? options.challenge, o.origin ?? origin);
      credentials.set(b64u(id), { id, privateKey, publicKey, rpId, userHandle: options.user.id, counter: 0 });
      const attachment = o.attachment === undefined ? 'platform' : o.attachment;
      return {
        id: b64u(id),
        rawId: b64u(id),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(data),
          attestationObject: b64u(attestationObject),
          transports: o.transports ?? ['internal', 'hybrid'],
          publicKeyAlgorithm: -7,
          publicKey: b64u(publicKey.export({ format: 'der', type: 'spki' })),
          authenticatorData: b64u(authData),
        },
        clientExtensionResults: { credProps: { rk: true } },
        ...(attachment !== null ? { authenticatorAttachment: attachment } : {}),
      };
    },

    /** navigator.credentials.get(): an assertion as AuthenticationResponseJSON. */
    assert(options: RequestOptions | string, o: AssertOverrides = {}): AuthenticationResponse {
      const opts: RequestOptions = typeof options === 'string' ? JSON.parse(options) : options;
      const allowed = (opts.allowCredentials ?? []).map((c) => c.id);
      const id = o.credentialId ?? allowed.find((c) => credentials.has(c)) ?? [...credentials.keys()][0];
      const credential = id === undefined ? undefined : credentials.get(id);
      if (!credential) throw new Error('the authenticator holds no credential for these options');
      const rpId = o.rpId ?? opts.rpId ?? credential.rpId;
      const counter = o.counter ?? credential.counter + 1;
      credential.counter = Math.max(credential.counter, counter);
      const flags = (o.userPresent === false ? 0 : FLAG_UP) | (o.userVerified === false ? 0 : FLAG_UV);
      const authData = Buffer.concat([sha256(rpId), Buffer.from([flags]), counterBytes(counter)]);
      const data = clientData(o.type ?? 'webauthn.get', o.challenge ?? opts.challenge, o.origin ?? origin);
      const signed = Buffer.concat([authData, sha256(o.forgeSignature ? Buffer.concat([data, Buffer.from('forged')]) : data)]);
      // ES256 signatures are DER-encoded in WebAuthn, node's default for EC keys.
      const signature = sign('sha256', signed, credential.privateKey);
      const userHandle = o.userHandle === undefined ? credential.userHandle : o.userHandle;
      return {
        id: b64u(credential.id),
        rawId: b64u(credential.id),
        type: 'public-key',
        response: {
          clientDataJSON: b64u(data),
          authenticatorData: b64u(authData),
          signature: b64u(signature),
          ...(userHandle !== null ? { userHandle } : {}),
        },
        clientExtensionResults: {},
        authenticatorAttachment: 'platform',
      };
    },
  };
}

export type SoftwareAuthenticator = ReturnType<typeof softwareAuthenticator>;
