import type { SchemaAttribute, StoredPassword, User, UserPool } from '../domain/types.ts';
import { usesUsernameAttributes } from '../domain/user.ts';
import { primarySecret } from '../pools/client-secrets.ts';
import type { Services } from '../services.ts';

/**
 * `cognate export --pool ID`: the pool as a seed file (docs/configuration.md, "Seed file"), with
 * what a seed written by hand has not: each user's sub, password verifier (never a password: the
 * server has none), MFA settings and TOTP secret, so that `cognate import` (or `--config`)
 * recreates the pool with the same ids and its users sign in as before. The file is as
 * sensitive as the database: it says so in its `//` member.
 */

export const SENSITIVE_NOTE =
  'SENSITIVE: written by cognate export. It holds client secrets, password verifiers and MFA secrets: whoever has it can sign in as the clients and attack the passwords offline. Keep it as you keep the database.';

async function all<T>(page: (after: string | undefined) => Promise<{ items: T[]; next: string | undefined }>): Promise<T[]> {
  const out: T[] = [];
  let after: string | undefined;
  do {
    const p = await page(after);
    out.push(...p.items);
    after = p.next;
  } while (after !== undefined);
  return out;
}

const verifierOut = (p: StoredPassword) => ({ Salt: p.salt, Verifier: p.verifier });

/** What the seed's user needs to be this user again. */
async function exportUser(services: Services, pool: UserPool, user: User): Promise<Record<string, unknown>> {
  const { sub: _sub, ...attributes } = user.attributes;
  // In a pool with UsernameAttributes the seed names the user by email or phone (the internal
  // username is the sub, which Sub keeps).
  const username = usesUsernameAttributes(pool) ? (attributes.email ?? attributes.phone_number ?? user.username) : user.username;
  const groups = (await services.stores.groups.groupsOf(pool.id, user.username)).map((g) => g.name);
  const m = user.mfa;
  const mfa = {
    ...(m.smsEnabled || m.smsOptions ? { SmsMfaEnabled: true } : {}),
    ...(m.totpEnabled ? { SoftwareTokenMfaEnabled: true } : {}),
    ...(m.emailEnabled ? { EmailMfaEnabled: true } : {}),
    ...(m.preferred ? { PreferredMfa: m.preferred } : {}),
    ...(m.totpSecret ? { SoftwareTokenSecret: m.totpSecret } : {}),
    ...(m.totpFriendlyName ? { SoftwareTokenFriendlyName: m.totpFriendlyName } : {}),
  };
  return {
    Username: username,
    Sub: user.sub,
    Status: user.status,
    ...(user.enabled ? {} : { Enabled: false }),
    ...(Object.keys(attributes).length > 0 ? { Attributes: attributes } : {}),
    Groups: groups,
    ...(user.password ? { PasswordVerifier: verifierOut(user.password) } : {}),
    ...(user.passwordHistory?.length ? { PasswordHistory: user.passwordHistory.map(verifierOut) } : {}),
    ...(Object.keys(mfa).length > 0 ? { Mfa: mfa } : {}),
  };
}

/** A schema attribute as CreateUserPool declares it: AddCustomAttributes stores custom ones with their prefix. */
function declaredAttribute(a: SchemaAttribute): SchemaAttribute {
  if (a.Name.startsWith('dev:custom:')) return { ...a, Name: a.Name.slice('dev:custom:'.length), DeveloperOnlyAttribute: true };
  if (a.Name.startsWith('custom:')) return { ...a, Name: a.Name.slice('custom:'.length) };
  return a;
}

/** The pool `poolId` as a seed document; an Error naming the pool when it does not exist. */
export async function exportPool(services: Services, poolId: string): Promise<Record<string, unknown>> {
  const { stores } = services;
  const pool = await stores.pools.get(poolId);
  if (!pool) throw new Error(`user pool ${poolId} does not exist`);
  const clients = await all((after) => stores.clients.list(pool.id, 60, after));
  const groups = await all((after) => stores.groups.list(pool.id, 60, after));
  const users = await all((after) => stores.users.list(pool.id, { limit: 60, after }));
  const domains = await stores.domains.ofPool(pool.id);
  const resourceServers = await stores.resourceServers.all(pool.id);
  const exported: Record<string, unknown> = {
    Id: pool.id,
    PoolName: pool.name,
    ...pool.config,
    ...(pool.config.Schema ? { Schema: pool.config.Schema.map(declaredAttribute) } : {}),
    ...(domains.length > 0
      ? {
          Domains: domains.map((d) => ({
            Domain: d.domain,
            ManagedLoginVersion: d.managedLoginVersion,
            ...(d.customDomainConfig ? { CustomDomainConfig: d.customDomainConfig } : {}),
          })),
        }
      : {}),
    ...(resourceServers.length > 0 ? { ResourceServers: resourceServers.map((r) => ({ Identifier: r.identifier, Name: r.name, Scopes: r.scopes })) } : {}),
    Clients: clients.map((c) => {
      const secret = primarySecret(c);
      const additional = c.secrets[1]?.value;
      return {
        ClientId: c.clientId,
        ClientName: c.name,
        ...(secret !== undefined ? { ClientSecret: secret } : {}),
        ...(additional !== undefined ? { AdditionalClientSecret: additional } : {}),
        ...c.config,
      };
    }),
    Groups: groups.map((g) => ({
      GroupName: g.name,
      ...(g.description !== undefined ? { Description: g.description } : {}),
      ...(g.precedence !== undefined ? { Precedence: g.precedence } : {}),
      ...(g.roleArn !== undefined ? { RoleArn: g.roleArn } : {}),
    })),
    Users: await Promise.all(users.map((u) => exportUser(services, pool, u))),
  };
  return { '//': SENSITIVE_NOTE, UserPools: [exported] };
}
