// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateTerms.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-managed-login.html#managed-login-terms-documents
import { randomUUID } from 'node:crypto';
import { fail } from '../errors.ts';
import type { AppClient, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';
import type { PoolDocument } from '../storage/ports.ts';

/**
 * Terms documents (terms of use, privacy policy) that managed login links to: per app client, at
 * most one of each name, as links by language.
 */

const KIND = 'terms';
/** `<client id>/<terms name>`: one document of each name per client, claimed atomically. */
const BY_NAME = 'terms-name';

export interface TermsInput {
  TermsName: string;
  TermsSource: 'LINK';
  Enforcement: 'NONE';
  Links: Record<string, string>;
}

interface StoredTerms extends TermsInput {
  ClientId: string;
}

const notFound = (id: string) => fail('ResourceNotFoundException', `Terms ${id} do not exist.`);
const exists = (client: string, name: string) => fail('TermsExistsException', `App client ${client} already has terms named ${name}.`);

/** TermsType. */
export function describeTerms(doc: PoolDocument<StoredTerms>) {
  const t = doc.body;
  return {
    TermsId: doc.key,
    UserPoolId: doc.poolId,
    ClientId: t.ClientId,
    TermsName: t.TermsName,
    TermsSource: t.TermsSource,
    Enforcement: t.Enforcement,
    Links: t.Links,
    CreationDate: doc.createdAt / 1000,
    LastModifiedDate: doc.updatedAt / 1000,
  };
}

export async function createTerms(services: Services, pool: UserPool, client: AppClient, input: TermsInput) {
  const now = services.clock.now();
  const doc: PoolDocument<StoredTerms> = {
    poolId: pool.id,
    kind: KIND,
    key: randomUUID(),
    clientId: client.clientId,
    body: { ClientId: client.clientId, TermsName: input.TermsName, TermsSource: input.TermsSource, Enforcement: input.Enforcement, Links: input.Links },
    createdAt: now,
    updatedAt: now,
  };
  await services.stores.transaction(async (stores) => {
    const claimed = await stores.poolDocuments.insert({ ...doc, kind: BY_NAME, key: `${client.clientId}/${input.TermsName}`, body: { id: doc.key } });
    if (!claimed) throw exists(client.clientId, input.TermsName);
    await stores.poolDocuments.insert(doc);
  });
  return describeTerms(doc);
}

export async function loadTerms(services: Services, pool: UserPool, id: string) {
  const doc = await services.stores.poolDocuments.get<StoredTerms>(pool.id, KIND, id);
  if (!doc) throw notFound(id);
  return doc;
}

/** The client's terms of this name. */
export async function termsOfClient(services: Services, pool: UserPool, client: AppClient, name: string) {
  const claim = await services.stores.poolDocuments.get<{ id: string }>(pool.id, BY_NAME, `${client.clientId}/${name}`);
  const doc = claim && (await services.stores.poolDocuments.get<StoredTerms>(pool.id, KIND, claim.body.id));
  if (!doc) throw fail('ResourceNotFoundException', `App client ${client.clientId} has no terms named ${name}.`);
  return doc;
}

/** One page of the pool's terms (TermsDescriptionType), ordered by id. */
export async function listTerms(services: Services, pool: UserPool, limit: number, after: string | undefined) {
  const page = await services.stores.poolDocuments.list<StoredTerms>(pool.id, KIND, limit, after);
  return {
    terms: page.items.map((d) => ({
      TermsId: d.key,
      TermsName: d.body.TermsName,
      Enforcement: d.body.Enforcement,
      CreationDate: d.createdAt / 1000,
      LastModifiedDate: d.updatedAt / 1000,
    })),
    next: page.next,
  };
}

/** Changes the members given; a new name must be free for the client. */
export async function updateTerms(services: Services, pool: UserPool, id: string, changes: Partial<TermsInput>) {
  const doc = await loadTerms(services, pool, id);
  const body: StoredTerms = { ...doc.body, ...Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined)) };
  const updated = { ...doc, body, updatedAt: services.clock.now() };
  await services.stores.transaction(async (stores) => {
    if (body.TermsName !== doc.body.TermsName) {
      const claimed = await stores.poolDocuments.insert({ ...doc, kind: BY_NAME, key: `${body.ClientId}/${body.TermsName}`, body: { id } });
      if (!claimed) throw exists(body.ClientId, body.TermsName);
      await stores.poolDocuments.delete(pool.id, BY_NAME, `${doc.body.ClientId}/${doc.body.TermsName}`);
    }
    await stores.poolDocuments.put(updated);
  });
  return describeTerms(updated);
}

export async function deleteTerms(services: Services, pool: UserPool, id: string): Promise<void> {
  const doc = await loadTerms(services, pool, id);
  await services.stores.transaction(async (stores) => {
    await stores.poolDocuments.delete(pool.id, KIND, id);
    await stores.poolDocuments.delete(pool.id, BY_NAME, `${doc.body.ClientId}/${doc.body.TermsName}`);
  });
}
