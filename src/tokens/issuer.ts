import type { Services } from '../services.ts';

/**
 * The `iss` of a pool's tokens. `aws` gives the exact form aws-jwt-verify's CognitoJwtVerifier
 * derives from the pool id (region taken from the id, as it does); `local` is this server's own
 * origin, under which the JWKS and discovery documents are served.
 */
export function issuerFor(services: Services, poolId: string): string {
  if (services.config.issuer === 'aws') {
    const region = poolId.includes('_') ? poolId.split('_')[0] : services.config.region;
    return `https://cognito-idp.${region}.amazonaws.com/${poolId}`;
  }
  return localBase(services, poolId);
}

/** `<baseUrl>/<poolId>`: where this server serves a pool's `.well-known` documents. */
export function localBase(services: Services, poolId: string): string {
  return `${services.baseUrl().replace(/\/+$/, '')}/${poolId}`;
}

/** The pool id an issuer names (its last path segment), or undefined when it is not one of ours. */
export function poolIdOfIssuer(iss: unknown): string | undefined {
  if (typeof iss !== 'string') return undefined;
  const id = iss.slice(iss.lastIndexOf('/') + 1);
  return /^[\w-]+_[0-9a-zA-Z]+$/.test(id) ? id : undefined;
}
