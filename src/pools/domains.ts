// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolDomain.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateUserPoolDomain.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DeleteUserPoolDomain.html
import { fail } from '../errors.ts';
import { HOST_NAME, PREFIX_PATTERN, reservedDomainWords, type UserPoolDomain } from '../domain/oauth.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** What CreateUserPoolDomain / UpdateUserPoolDomain (and the seed file) give. */
export interface DomainSettings {
  ManagedLoginVersion?: number | undefined;
  CustomDomainConfig?: { CertificateArn: string; SecurityPolicy?: string | undefined } | undefined;
}

const invalid = (message: string): never => {
  throw fail('InvalidParameterException', message);
};

function managedLoginVersion(given: number | undefined, current: 1 | 2 = 1): 1 | 2 {
  if (given === undefined) return current;
  if (given !== 1 && given !== 2) invalid('ManagedLoginVersion must be 1 (the classic hosted UI) or 2 (managed login).');
  return given as 1 | 2;
}

/** Checks a domain name: a prefix against the prefix pattern and reserved words, a custom domain as a host name. */
function checkName(name: string, custom: boolean): void {
  if (custom) {
    if (!HOST_NAME.test(name)) invalid(`The custom domain ${name} is not a valid domain name.`);
    return;
  }
  if (!PREFIX_PATTERN.test(name)) {
    invalid(
      'The domain name contains an invalid character. Domain names can only contain lower-case letters, numbers, and hyphens. Please enter a different name that follows this format: ^[a-z0-9](?:[a-z0-9\\-]{0,61}[a-z0-9])?$',
    );
  }
  const word = reservedDomainWords.find((w) => name.includes(w));
  if (word) invalid(`The domain name cannot contain the reserved word ${word}. Please enter a different name.`);
}

/**
 * CreateUserPoolDomain: a prefix domain, or a custom domain when CustomDomainConfig is given.
 * Active at once (Cognito takes up to a minute, or an hour for a custom domain's certificate).
 * A pool has at most one of each kind; a name is taken across every pool of the server.
 */
export async function createDomain(services: Services, pool: UserPool, name: string, settings: DomainSettings): Promise<UserPoolDomain> {
  const custom = settings.CustomDomainConfig !== undefined;
  checkName(name, custom);
  const version = managedLoginVersion(settings.ManagedLoginVersion);
  const kind = custom ? 'custom' : 'prefix';
  const existing = await services.stores.domains.ofPool(pool.id);
  if (existing.some((d) => d.kind === kind)) invalid('User Pool already has domain configured.');
  const now = services.clock.now();
  const domain: UserPoolDomain = {
    domain: name,
    poolId: pool.id,
    kind,
    managedLoginVersion: version,
    customDomainConfig: settings.CustomDomainConfig,
    createdAt: now,
    updatedAt: now,
  };
  if (!(await services.stores.domains.create(domain))) {
    const holder = await services.stores.domains.get(name);
    // Two concurrent creations for the same pool: the loser sees the winner's row.
    if (holder?.poolId === pool.id) invalid('User Pool already has domain configured.');
    invalid('Domain already associated with another user pool.');
  }
  return domain;
}

/** The pool's domain named `name`, or Cognito's refusal. */
export async function domainOfPool(services: Services, pool: UserPool, name: string): Promise<UserPoolDomain> {
  const domain = await services.stores.domains.get(name);
  if (!domain || domain.poolId !== pool.id) invalid('No such domain or user pool exists.');
  return domain!;
}

/** UpdateUserPoolDomain: the managed login version, and a custom domain's certificate; a name never changes. */
export async function updateDomain(services: Services, pool: UserPool, name: string, settings: DomainSettings): Promise<UserPoolDomain> {
  const domain = await domainOfPool(services, pool, name);
  if (settings.CustomDomainConfig !== undefined && domain.kind !== 'custom') {
    invalid('User pool should have a custom domain associated, failed to update the certificate.');
  }
  const updated: UserPoolDomain = {
    ...domain,
    managedLoginVersion: managedLoginVersion(settings.ManagedLoginVersion, domain.managedLoginVersion),
    customDomainConfig: settings.CustomDomainConfig ?? domain.customDomainConfig,
    updatedAt: services.clock.now(),
  };
  await services.stores.domains.update(updated);
  return updated;
}

export async function deleteDomain(services: Services, pool: UserPool, name: string): Promise<void> {
  const domain = await domainOfPool(services, pool, name);
  await services.stores.domains.delete(domain.domain);
}
