// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateManagedLoginBranding.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateManagedLoginBranding.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/managed-login-brandingdesigner.html
import { randomUUID } from 'node:crypto';
import { fail } from '../errors.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { PoolDocument } from '../storage/ports.ts';

/**
 * Managed login styles: a Settings document and image assets, one style per app client. Stored
 * and returned as given; cognate has no branding designer defaults to merge in.
 */

const KIND = 'managed-login-branding';
/** Which style an app client has: one per client, claimed atomically. */
const BY_CLIENT = 'managed-login-branding-client';

export interface Asset {
  Category: string;
  ColorMode: string;
  Extension: string;
  /** Base64 of the image bytes. */
  Bytes?: string | undefined;
  ResourceId?: string | undefined;
}

export interface BrandingInput {
  UseCognitoProvidedValues?: boolean | undefined;
  Settings?: unknown;
  Assets?: (Omit<Asset, 'Bytes'> & { Bytes?: Buffer | undefined })[] | undefined;
}

interface StoredBranding {
  UseCognitoProvidedValues: boolean;
  Settings?: unknown;
  Assets?: Asset[];
}

const notFound = (id: string) => fail('ResourceNotFoundException', `Managed login branding ${id} does not exist.`);

function readAssets(assets: BrandingInput['Assets']): Asset[] | undefined {
  if (assets === undefined) return undefined;
  const seen = new Set<string>();
  return assets.map((a) => {
    const key = `${a.Category}/${a.ColorMode}`;
    if (seen.has(key)) throw fail('InvalidParameterException', `Only one asset per category and color mode is allowed: ${a.Category} ${a.ColorMode}.`);
    seen.add(key);
    const { Bytes, ...rest } = a;
    return { ...rest, ...(Bytes !== undefined ? { Bytes: Bytes.toString('base64') } : {}) };
  });
}

function stored(input: BrandingInput, previous?: StoredBranding): StoredBranding {
  if (input.UseCognitoProvidedValues && (input.Settings !== undefined || input.Assets !== undefined)) {
    throw fail('InvalidParameterException', 'Settings and Assets must be left out when UseCognitoProvidedValues is true.');
  }
  if (input.Settings !== undefined && (input.Settings === null || typeof input.Settings !== 'object' || Array.isArray(input.Settings))) {
    throw fail('InvalidParameterException', 'Settings must be a JSON object.');
  }
  // Cognito's own values replace any style; otherwise what is given replaces what was there.
  if (input.UseCognitoProvidedValues) return { UseCognitoProvidedValues: true };
  const assets = readAssets(input.Assets);
  return {
    UseCognitoProvidedValues: false,
    ...(input.Settings !== undefined ? { Settings: input.Settings } : previous?.Settings !== undefined ? { Settings: previous.Settings } : {}),
    ...(assets !== undefined ? { Assets: assets } : previous?.Assets !== undefined ? { Assets: previous.Assets } : {}),
  };
}

/** ManagedLoginBrandingType. */
export function describeBranding(doc: PoolDocument<StoredBranding>) {
  return {
    ManagedLoginBrandingId: doc.key,
    UserPoolId: doc.poolId,
    UseCognitoProvidedValues: doc.body.UseCognitoProvidedValues,
    ...(doc.body.Settings !== undefined ? { Settings: doc.body.Settings } : {}),
    Assets: doc.body.Assets ?? [],
    CreationDate: doc.createdAt / 1000,
    LastModifiedDate: doc.updatedAt / 1000,
  };
}

/** Creates the style of an app client (one per client). */
export async function createBranding(services: Services, pool: UserPool, client: AppClient, input: BrandingInput) {
  const body = stored(input);
  const now = services.clock.now();
  const id = randomUUID();
  const doc: PoolDocument<StoredBranding> = { poolId: pool.id, kind: KIND, key: id, clientId: client.clientId, body, createdAt: now, updatedAt: now };
  await services.stores.transaction(async (stores) => {
    const claimed = await stores.poolDocuments.insert({ ...doc, kind: BY_CLIENT, key: client.clientId, body: { id } });
    if (!claimed) throw fail('ManagedLoginBrandingExistsException', `App client ${client.clientId} already has a managed login branding style.`);
    await stores.poolDocuments.insert(doc);
  });
  return describeBranding(doc);
}

export async function loadBranding(services: Services, pool: UserPool, id: string) {
  const doc = await services.stores.poolDocuments.get<StoredBranding>(pool.id, KIND, id);
  if (!doc) throw notFound(id);
  return doc;
}

/** The style of an app client. */
export async function brandingOfClient(services: Services, pool: UserPool, client: AppClient) {
  const claim = await services.stores.poolDocuments.get<{ id: string }>(pool.id, BY_CLIENT, client.clientId);
  const doc = claim && (await services.stores.poolDocuments.get<StoredBranding>(pool.id, KIND, claim.body.id));
  if (!doc) throw fail('ResourceNotFoundException', `App client ${client.clientId} has no managed login branding style.`);
  return doc;
}

/** Changes a style: Cognito's values, or the Settings and Assets given (those left out are kept). */
export async function updateBranding(services: Services, pool: UserPool, id: string, input: BrandingInput) {
  const doc = await loadBranding(services, pool, id);
  const updated = { ...doc, body: stored(input, doc.body), updatedAt: services.clock.now() };
  await services.stores.poolDocuments.put(updated);
  return describeBranding(updated);
}

export async function deleteBranding(services: Services, pool: UserPool, id: string): Promise<void> {
  const doc = await loadBranding(services, pool, id);
  await services.stores.transaction(async (stores) => {
    await stores.poolDocuments.delete(pool.id, KIND, id);
    if (doc.clientId !== undefined) await stores.poolDocuments.delete(pool.id, BY_CLIENT, doc.clientId);
  });
}
