import { type KeyObject, randomBytes, sign } from 'node:crypto';

/**
 * A minimal X.509 v3 certificate writer (DER, RFC 5280) for self-signed RSA certificates signed
 * with SHA-256, so cognate needs no certificate library. Node reads what it writes
 * (crypto.X509Certificate), and tests check the signature and fields that way.
 */

function length(n: number): Buffer {
  if (n < 0x80) return Buffer.from([n]);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Buffer.from([0x80 | bytes.length, ...bytes]);
}

const tlv = (tag: number, ...content: Buffer[]): Buffer => {
  const body = Buffer.concat(content);
  return Buffer.concat([Buffer.from([tag]), length(body.length), body]);
};

const sequence = (...items: Buffer[]) => tlv(0x30, ...items);
const set = (...items: Buffer[]) => tlv(0x31, ...items);
const explicit = (n: number, item: Buffer) => tlv(0xa0 + n, item);
const NULL = Buffer.from([0x05, 0x00]);

function integer(bytes: Buffer): Buffer {
  let b = bytes;
  while (b.length > 1 && b[0] === 0 && b[1]! < 0x80) b = b.subarray(1);
  return tlv(0x02, b[0]! >= 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
}

function oid(dotted: string): Buffer {
  const [a, b, ...rest] = dotted.split('.').map(Number);
  const out = [40 * a! + b!];
  for (const n of rest) {
    const digits: number[] = [];
    for (let v = n; ; v = Math.floor(v / 128)) {
      digits.unshift((v % 128) | (digits.length > 0 ? 0x80 : 0));
      if (v < 128) break;
    }
    out.push(...digits);
  }
  return tlv(0x06, Buffer.from(out));
}

const utf8 = (s: string) => tlv(0x0c, Buffer.from(s, 'utf8'));
const printable = (s: string) => tlv(0x13, Buffer.from(s, 'ascii'));

/** UTCTime until 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5). */
function time(date: Date): Buffer {
  const iso = date.toISOString().replace(/[-:T]/g, '').slice(0, 14);
  return date.getUTCFullYear() < 2050 ? tlv(0x17, Buffer.from(`${iso.slice(2)}Z`, 'ascii')) : tlv(0x18, Buffer.from(`${iso}Z`, 'ascii'));
}

const OID = {
  sha256WithRSA: '1.2.840.113549.1.1.11',
  country: '2.5.4.6',
  organization: '2.5.4.10',
  organizationalUnit: '2.5.4.11',
  commonName: '2.5.4.3',
  basicConstraints: '2.5.29.19',
  keyUsage: '2.5.29.15',
};

export interface SubjectName {
  country?: string;
  organization?: string;
  organizationalUnit?: string;
  commonName: string;
}

function name(n: SubjectName): Buffer {
  const rdns: Buffer[] = [];
  if (n.country) rdns.push(set(sequence(oid(OID.country), printable(n.country))));
  if (n.organization) rdns.push(set(sequence(oid(OID.organization), utf8(n.organization))));
  if (n.organizationalUnit) rdns.push(set(sequence(oid(OID.organizationalUnit), utf8(n.organizationalUnit))));
  rdns.push(set(sequence(oid(OID.commonName), utf8(n.commonName))));
  return sequence(...rdns);
}

/**
 * A self-signed certificate for `publicKey`, signed with `privateKey` (RSA, SHA-256): an end
 * entity (not a CA) whose key signs (digitalSignature), valid from `notBefore` to `notAfter`.
 * Resolves the DER bytes.
 */
export function selfSignedCertificate(options: { subject: SubjectName; publicKey: KeyObject; privateKey: KeyObject; notBefore: Date; notAfter: Date }): Buffer {
  const algorithm = sequence(oid(OID.sha256WithRSA), NULL);
  const subject = name(options.subject);
  const serial = randomBytes(16);
  serial[0]! &= 0x7f;
  const extensions = explicit(
    3,
    sequence(
      // basicConstraints, critical: not a CA.
      sequence(oid(OID.basicConstraints), tlv(0x01, Buffer.from([0xff])), tlv(0x04, sequence())),
      // keyUsage, critical: digitalSignature (bit 0).
      sequence(oid(OID.keyUsage), tlv(0x01, Buffer.from([0xff])), tlv(0x04, tlv(0x03, Buffer.from([0x07, 0x80])))),
    ),
  );
  const tbs = sequence(
    explicit(0, integer(Buffer.from([2]))),
    integer(serial),
    algorithm,
    subject,
    sequence(time(options.notBefore), time(options.notAfter)),
    subject,
    options.publicKey.export({ type: 'spki', format: 'der' }),
    extensions,
  );
  const signature = sign('sha256', tbs, options.privateKey);
  return sequence(tbs, algorithm, tlv(0x03, Buffer.from([0]), signature));
}
