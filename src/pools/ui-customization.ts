// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUICustomization.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUICustomization.html
import { fail } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { PoolDocument } from '../storage/ports.ts';

/**
 * The classic hosted UI's customization: CSS and a logo, for every app client of the pool
 * (stored under `ALL`, as Cognito names it) or for one client, which then overrides the pool's.
 */

const KIND = 'ui-customization';
/** The key and ClientId of the pool-wide customization. */
export const ALL_CLIENTS = 'ALL';

export interface UiCustomization {
  CSS?: string;
  /** The logo, base64, and its image type. */
  image?: { base64: string; contentType: 'image/png' | 'image/jpeg' };
  /** Changes with every SetUICustomization, so the logo's URL does too (caches). */
  CSSVersion: string;
}

function imageType(bytes: Buffer): 'image/png' | 'image/jpeg' | undefined {
  if (bytes.length >= 8 && bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return 'image/jpeg';
  return undefined;
}

/** The logo's URL: served by cognate (`GET /_cognate/ui/<pool>/<client or ALL>/<version>/logo`). */
export function logoUrl(services: Services, poolId: string, key: string, version: string): string {
  return `${services.baseUrl()}/_cognate/ui/${encodeURIComponent(poolId)}/${encodeURIComponent(key)}/${version}/logo`;
}

/** UICustomizationType for the document found (or none: only the ids). */
export function describeUiCustomization(services: Services, pool: UserPool, clientId: string, found: PoolDocument<UiCustomization> | undefined) {
  if (!found) return { UserPoolId: pool.id, ClientId: clientId };
  const c = found.body;
  return {
    UserPoolId: pool.id,
    ClientId: found.key,
    ...(c.image ? { ImageUrl: logoUrl(services, pool.id, found.key, c.CSSVersion) } : {}),
    ...(c.CSS !== undefined ? { CSS: c.CSS } : {}),
    CSSVersion: c.CSSVersion,
    CreationDate: found.createdAt / 1000,
    LastModifiedDate: found.updatedAt / 1000,
  };
}

/**
 * Sets the customization of one client (`clientId`) or of the whole pool; like Cognito, a
 * member left out is removed. The logo must be a PNG or JPEG image.
 */
export async function setUiCustomization(
  services: Services,
  pool: UserPool,
  clientId: string | undefined,
  css: string | undefined,
  image: Buffer | undefined,
): Promise<PoolDocument<UiCustomization>> {
  let stored: UiCustomization['image'];
  if (image !== undefined) {
    const contentType = imageType(image);
    if (!contentType) throw fail('InvalidParameterException', 'The image file must be a PNG or JPEG image.');
    stored = { base64: image.toString('base64'), contentType };
  }
  const now = services.clock.now();
  const key = clientId ?? ALL_CLIENTS;
  const previous = await services.stores.poolDocuments.get<UiCustomization>(pool.id, KIND, key);
  const doc: PoolDocument<UiCustomization> = {
    poolId: pool.id,
    kind: KIND,
    key,
    clientId,
    body: { ...(css !== undefined ? { CSS: css } : {}), ...(stored ? { image: stored } : {}), CSSVersion: String(now) },
    createdAt: previous?.createdAt ?? now,
    updatedAt: now,
  };
  await services.stores.poolDocuments.put(doc);
  return doc;
}

/** The customization that applies to a client (its own, else the pool's), or the pool's. */
export async function uiCustomizationFor(services: Services, pool: UserPool, clientId: string | undefined) {
  const docs = services.stores.poolDocuments;
  const own = clientId !== undefined ? await docs.get<UiCustomization>(pool.id, KIND, clientId) : undefined;
  return own ?? (await docs.get<UiCustomization>(pool.id, KIND, ALL_CLIENTS));
}

/** The logo stored under `key`, if its version is still `version`. */
export async function uiLogo(services: Services, poolId: string, key: string, version: string) {
  const doc = await services.stores.poolDocuments.get<UiCustomization>(poolId, KIND, key);
  if (!doc?.body.image || doc.body.CSSVersion !== version) return undefined;
  return { bytes: Buffer.from(doc.body.image.base64, 'base64'), contentType: doc.body.image.contentType };
}
