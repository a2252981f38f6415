// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetSigningCertificate.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-SAML-signing-encryption.html
import { generateKeyPair } from 'node:crypto';
import { promisify } from 'node:util';
import { selfSignedCertificate } from '../crypto/x509.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * The pool's SAML request-signing certificate: made on first request (RSA 2048, SHA-256, valid
 * ten years as Cognito's are) and the same one from then on; its private key is sealed at rest.
 */

const KIND = 'signing-certificate';
const VALID_YEARS = 10;

interface StoredCertificate {
  /** Base64 of the DER certificate. */
  certificate: string;
  /** Sealed PKCS#8 PEM. */
  privateKey: string;
}

const generateRsa = promisify(generateKeyPair);

/** The certificate, base64 of its DER encoding (a PEM body without the armor lines). */
export async function signingCertificate(services: Services, pool: UserPool): Promise<string> {
  const docs = services.stores.poolDocuments;
  const stored = await docs.get<StoredCertificate>(pool.id, KIND, '');
  if (stored) return stored.body.certificate;

  const { publicKey, privateKey } = await generateRsa('rsa', { modulusLength: 2048 });
  const now = services.clock.now();
  const notBefore = new Date(now);
  const notAfter = new Date(now);
  notAfter.setUTCFullYear(notAfter.getUTCFullYear() + VALID_YEARS);
  const der = selfSignedCertificate({
    subject: { country: 'US', organization: 'cognate', organizationalUnit: 'user pool SAML signing', commonName: pool.id },
    publicKey,
    privateKey,
    notBefore,
    notAfter,
  });
  const body: StoredCertificate = {
    certificate: der.toString('base64'),
    privateKey: services.sealer.seal(privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
  };
  // Of concurrent first requests (other processes included) one certificate is kept: the first stored.
  await docs.insert({ poolId: pool.id, kind: KIND, key: '', clientId: undefined, body, createdAt: now, updatedAt: now });
  return (await docs.get<StoredCertificate>(pool.id, KIND, ''))!.body.certificate;
}
