import { readFileSync } from 'node:fs';
import { CognitoError } from '../errors.ts';
import { verifyPassword } from '../crypto/srp.ts';
import { newClientSecret } from '../domain/ids.ts';
import { checkPasswordPolicy } from '../domain/password.ts';
import { poolName } from '../domain/pool.ts';
import type { AppClient, Group, PoolConfig, StoredPassword, User, UserMfa, UserPool } from '../domain/types.ts';
import { checkAttributes, missingRequired } from '../domain/user.ts';
import { clientName, clientSettings } from '../operations/client-shapes.ts';
import { groupMembers } from '../operations/group-shapes.ts';
import { findUser } from '../users/find-user.ts';
import { createUser, resolveNewUsername, saveUser } from '../users/write-user.ts';
import { setPassword } from '../users/passwords.ts';
import { createUserPoolInput, poolCreationOnly } from '../operations/pool-shapes.ts';
import { input as mfaConfigInput } from '../operations/SetUserPoolMfaConfig.ts';
import { z } from 'zod';
import { bool, enumOf, list, shapes, str } from '../operations/shapes.ts';
import { clientConfig } from '../pools/client-settings.ts';
import { checkOAuthSettings } from '../pools/client-oauth.ts';
import { createDomain, type DomainSettings, updateDomain } from '../pools/domains.ts';
import { createResourceServer, updateResourceServer } from '../pools/resource-servers.ts';
import { domainMembers, domainName } from '../operations/domain-shapes.ts';
import { resourceServerIdentifier, resourceServerName, resourceServerScopes } from '../operations/resource-server-shapes.ts';
import { primarySecret, secretRecord } from '../pools/client-secrets.ts';
import { insertClient } from '../pools/create-client.ts';
import { createPool } from '../pools/create-pool.ts';
import { checkPoolConfig, replacePoolSettings } from '../pools/pool-settings.ts';
import { dropNulls, validate } from '../protocol/validate.ts';
import type { Services } from '../services.ts';

/**
 * The `--config FILE` seed: pools with fixed ids, their app clients (fixed ids and secrets),
 * groups and users, created or brought up to date at start. Applying the same file twice changes
 * nothing; a setting changed in the file is changed in the pool. The file is the truth for what
 * it declares and silent about the rest (users, clients and groups it does not name are kept).
 * Format: docs/configuration.md, "Seed file (--config)".
 */

// Stricter than the model's pattern: amazon-cognito-identity-js and Amplify derive the region from
// the pool id (the part before `_`).
const seedPoolId = () => str({ min: 1, max: 55, pattern: /^[a-z]{2}(-gov)?-[a-z]+-\d_[0-9a-zA-Z]+$/ });

/** An SRP password verifier as `cognate export` writes it: hex of the salt and of v = g^x mod N. */
const seedVerifier = z.strictObject({
  Salt: str({ min: 1, max: 128, pattern: /^[0-9a-f]+$/ }),
  Verifier: str({ min: 1, max: 1024, pattern: /^[0-9a-f]+$/ }),
});

/** MFA settings and the TOTP secret, as `cognate export` writes them. */
const seedMfa = z.strictObject({
  SmsMfaEnabled: bool().optional(),
  SoftwareTokenMfaEnabled: bool().optional(),
  EmailMfaEnabled: bool().optional(),
  PreferredMfa: enumOf(['SMS_MFA', 'SOFTWARE_TOKEN_MFA', 'EMAIL_OTP']).optional(),
  SoftwareTokenSecret: str({ min: 16, max: 256, pattern: /^[A-Z2-7]+=*$/ }).optional(),
  SoftwareTokenFriendlyName: str({ min: 1, max: 131072 }).optional(),
});

const seedUser = z.strictObject({
  Username: shapes.username(),
  Password: shapes.password().optional(),
  Attributes: z.record(str({ min: 1, max: 32 }), str({ max: 2048 })).optional(),
  Groups: list(shapes.groupName()).optional(),
  Status: enumOf(['CONFIRMED', 'UNCONFIRMED', 'FORCE_CHANGE_PASSWORD', 'RESET_REQUIRED', 'EXTERNAL_PROVIDER']).optional(),
  // Written by `cognate export`, so that an imported user is the same user:
  Sub: str({ min: 1, max: 64, pattern: /^[0-9a-f-]+$/ }).optional(),
  Enabled: bool().optional(),
  PasswordVerifier: seedVerifier.optional(),
  PasswordHistory: list(seedVerifier, { max: 24 }).optional(),
  Mfa: seedMfa.optional(),
});

const seedGroup = z.strictObject({
  GroupName: groupMembers.GroupName,
  Description: groupMembers.Description,
  RoleArn: groupMembers.RoleArn,
  Precedence: groupMembers.Precedence,
});

const seedClient = z.strictObject({
  ClientId: shapes.clientId(),
  ClientSecret: shapes.clientSecret().optional(),
  // A second active secret (AddUserPoolClientSecret), as `cognate export` writes one being rotated in.
  AdditionalClientSecret: shapes.clientSecret().optional(),
  ClientName: clientName(),
  GenerateSecret: bool().optional(),
  ...clientSettings,
});

const seedDomain = z.strictObject({ Domain: domainName(), ...domainMembers });

const seedResourceServer = z.strictObject({
  Identifier: resourceServerIdentifier(),
  Name: resourceServerName(),
  Scopes: resourceServerScopes().optional(),
});

/** What SetUserPoolMfaConfig sets besides MfaConfiguration (CreateUserPool does not take them). */
const { SmsMfaConfiguration, SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration } = mfaConfigInput.shape;
const mfaMembers = { SmsMfaConfiguration, SoftwareTokenMfaConfiguration, EmailMfaConfiguration, WebAuthnConfiguration };
const mfaKeys = Object.keys(mfaMembers) as (keyof typeof mfaMembers)[];

const seedPool = z.strictObject({
  Id: seedPoolId(),
  ...createUserPoolInput.shape,
  ...mfaMembers,
  Domains: list(seedDomain, { max: 2 }).optional(),
  ResourceServers: list(seedResourceServer).optional(),
  Clients: list(seedClient).optional(),
  Groups: list(seedGroup).optional(),
  Users: list(seedUser).optional(),
});

// `//` is a comment (an export says there that it is sensitive).
const seedFile = z.strictObject({ '//': z.string().optional(), UserPools: list(seedPool) });

type SeedPool = z.output<typeof seedPool>;
type SeedClient = z.output<typeof seedClient>;
type SeedGroup = z.output<typeof seedGroup>;
type SeedDomain = z.output<typeof seedDomain>;
type SeedResourceServer = z.output<typeof seedResourceServer>;
type SeedUser = z.output<typeof seedUser>;

/** A seed failure: one line naming the file and the thing that is wrong. */
class SeedError extends Error {}

const creationOnlyKeys = Object.keys(poolCreationOnly).filter((k) => k !== 'EmailVerificationMessage') as (keyof PoolConfig)[];

/** JSON with sorted keys, to compare settings whatever order they were written in. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : v,
  );
}
const same = (a: unknown, b: unknown) => canonical(a ?? null) === canonical(b ?? null);

function duplicates(values: string[]): string | undefined {
  const seen = new Set<string>();
  for (const v of values) {
    if (seen.has(v)) return v;
    seen.add(v);
  }
  return undefined;
}

function readSeed(path: string): z.output<typeof seedFile> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const e = error as NodeJS.ErrnoException;
    throw new SeedError(e.code === 'ENOENT' ? 'file not found' : `cannot read the file (${e.code ?? e.message})`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new SeedError(`not valid JSON: ${(error as Error).message}`);
  }
  let seed: z.output<typeof seedFile>;
  try {
    seed = validate(seedFile, dropNulls(json));
  } catch (error) {
    throw new SeedError((error as Error).message);
  }
  const dupPool = duplicates(seed.UserPools.map((p) => p.Id));
  if (dupPool) throw new SeedError(`pool ${dupPool} is declared twice`);
  const dupClient = duplicates(seed.UserPools.flatMap((p) => (p.Clients ?? []).map((c) => c.ClientId)));
  if (dupClient) throw new SeedError(`client ${dupClient} is declared twice`);
  for (const p of seed.UserPools) {
    const dupGroup = duplicates((p.Groups ?? []).map((g) => g.GroupName));
    if (dupGroup) throw new SeedError(`pool ${p.Id}: group ${dupGroup} is declared twice`);
    const dupUser = duplicates((p.Users ?? []).map((u) => u.Username));
    if (dupUser) throw new SeedError(`pool ${p.Id}: user ${dupUser} is declared twice`);
  }
  return seed;
}

/** Runs `work`, prefixing any failure with where in the file it happened. */
async function within<T>(where: string, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof SeedError) throw new SeedError(`${where}: ${error.message}`);
    if (error instanceof CognitoError) throw new SeedError(`${where}: ${error.type}: ${error.message}`);
    throw error;
  }
}

async function applyPool(services: Services, seed: SeedPool): Promise<UserPool> {
  const { Id, Clients: _c, Groups: _g, Users: _u, Domains: _d, ResourceServers: _r, PoolName, ...declared } = seed;
  const region = Id.split('_')[0];
  if (region !== services.config.region) {
    throw new SeedError(`the pool id's region ${region} is not the server's region ${services.config.region} (--region)`);
  }
  const config = declared as PoolConfig;
  checkPoolConfig(config);
  const { pools } = services.stores;
  let pool = await pools.get(Id);
  if (!pool) {
    try {
      return await createPool(services, PoolName, config, Id);
    } catch (error) {
      // Another process sharing the database seeded it first.
      pool = await pools.get(Id);
      if (!pool) throw error;
    }
  }
  for (const key of creationOnlyKeys) {
    if (!same(pool.config[key], config[key])) {
      throw new SeedError(`${key} cannot be changed once the pool exists (delete the pool, or the data, to change it)`);
    }
  }
  const next = replacePoolSettings(pool.config, config);
  // The MFA factor settings the file declares replace the pool's; those it leaves out are kept.
  for (const key of mfaKeys) if (config[key] !== undefined) (next as Record<string, unknown>)[key] = config[key];
  if (pool.name !== PoolName || !same(next, pool.config)) {
    pool = { ...pool, name: PoolName, config: next, updatedAt: services.clock.now() };
    await pools.update(pool);
  }
  return pool;
}

async function applyClient(services: Services, pool: UserPool, seed: SeedClient): Promise<void> {
  const { AdditionalClientSecret: additional, ...rest } = seed;
  if (additional !== undefined && seed.ClientSecret === undefined) throw new SeedError('AdditionalClientSecret needs ClientSecret');
  if (additional !== undefined && additional === seed.ClientSecret) throw new SeedError('AdditionalClientSecret is the same as ClientSecret');
  await applyClientSettings(services, pool, rest);
  if (additional === undefined) return;
  const { clients } = services.stores;
  const client = (await clients.get(seed.ClientId))!;
  if (client.secrets.length === 2 && client.secrets[0]!.value === seed.ClientSecret && client.secrets[1]!.value === additional) return;
  const now = services.clock.now();
  const first = client.secrets.find((x) => x.value === seed.ClientSecret) ?? secretRecord(seed.ClientId, seed.ClientSecret!, now);
  const second = secretRecord(seed.ClientId, additional, now, [first]);
  if (!(await clients.replaceSecrets(seed.ClientId, client.secrets, [first, second]))) {
    throw new SeedError('the client secrets were changed meanwhile by another process; start again');
  }
}

async function applyClientSettings(services: Services, pool: UserPool, seed: Omit<SeedClient, 'AdditionalClientSecret'>): Promise<void> {
  const { ClientId, ClientSecret, ClientName, GenerateSecret, ...settings } = seed;
  if (ClientSecret !== undefined && GenerateSecret === false) {
    throw new SeedError('ClientSecret is given but GenerateSecret is false');
  }
  const { clients } = services.stores;
  const existing = await clients.get(ClientId);
  if (existing && existing.poolId !== pool.id) throw new SeedError(`the client id is already used by pool ${existing.poolId}`);
  const config = clientConfig(pool, settings, existing ? 'updating' : 'creating');
  const current = existing && primarySecret(existing);
  const secret = ClientSecret ?? (GenerateSecret ? (current ?? newClientSecret()) : undefined);
  await checkOAuthSettings(services, pool, config, secret !== undefined);
  if (!existing) {
    try {
      await insertClient(services, pool, ClientName, config, secret, ClientId);
      return;
    } catch (error) {
      if ((await clients.get(ClientId)) === undefined) throw error;
      return applyClientSettings(services, pool, seed);
    }
  }
  if (current === secret && existing.name === ClientName && same(existing.config, config)) return;
  const now = services.clock.now();
  const updated: AppClient = { ...existing, name: ClientName, config, updatedAt: now };
  if (current === secret) {
    await clients.update(updated);
  } else {
    // A changed secret replaces the record (and any secret being rotated in).
    const secrets = secret === undefined ? [] : [secretRecord(ClientId, secret, now)];
    await services.stores.transaction(async (stores) => {
      await stores.clients.delete(ClientId);
      await stores.clients.create({ ...updated, secrets });
    });
  }
}

/** Creates the resource server, or gives it the file's name and scopes. */
async function applyResourceServer(services: Services, pool: UserPool, seed: SeedResourceServer): Promise<void> {
  const existing = await services.stores.resourceServers.get(pool.id, seed.Identifier);
  const scopes = seed.Scopes ?? [];
  if (!existing) {
    await createResourceServer(services, pool, seed.Identifier, seed.Name, scopes);
    return;
  }
  if (existing.name === seed.Name && same(existing.scopes, scopes)) return;
  await updateResourceServer(services, pool, seed.Identifier, seed.Name, scopes);
}

/** Creates the domain, or gives it the file's managed login version and certificate. */
async function applyDomain(services: Services, pool: UserPool, seed: SeedDomain): Promise<void> {
  const { Domain, ...settings } = seed;
  const existing = await services.stores.domains.get(Domain);
  if (existing && existing.poolId !== pool.id) throw new SeedError(`the domain is already used by pool ${existing.poolId}`);
  if (!existing) {
    await createDomain(services, pool, Domain, settings as DomainSettings);
    return;
  }
  if (existing.managedLoginVersion === (settings.ManagedLoginVersion ?? 1) && same(existing.customDomainConfig, settings.CustomDomainConfig)) return;
  await updateDomain(services, pool, Domain, { ManagedLoginVersion: settings.ManagedLoginVersion ?? 1, CustomDomainConfig: settings.CustomDomainConfig });
}

async function applyGroup(services: Services, pool: UserPool, seed: SeedGroup): Promise<void> {
  const { groups } = services.stores;
  const existing = await groups.get(pool.id, seed.GroupName);
  const wanted = { description: seed.Description, roleArn: seed.RoleArn, precedence: seed.Precedence };
  if (!existing) {
    const now = services.clock.now();
    const group: Group = { poolId: pool.id, name: seed.GroupName, ...wanted, createdAt: now, updatedAt: now };
    if (await groups.create(group)) return;
    return applyGroup(services, pool, seed);
  }
  if (existing.description === wanted.description && existing.roleArn === wanted.roleArn && existing.precedence === wanted.precedence) return;
  await groups.update({ ...existing, ...wanted, updatedAt: services.clock.now() });
}

async function applyUser(services: Services, pool: UserPool, seed: SeedUser): Promise<void> {
  const attributes = checkAttributes(
    pool,
    Object.entries(seed.Attributes ?? {}).map(([Name, Value]) => ({ Name, Value })),
    'create',
  );
  if (seed.Password !== undefined && seed.PasswordVerifier !== undefined) throw new SeedError('give Password or PasswordVerifier, not both');
  if (seed.Password !== undefined) checkPasswordPolicy(pool, seed.Password, 'other');
  let user: User | undefined = await findUser(services, pool, seed.Username);
  if (user && seed.Sub !== undefined && user.sub !== seed.Sub) throw new SeedError(`the user exists with another sub (${user.sub})`);
  let created = false;
  if (!user) {
    const missing = missingRequired(pool, resolveNewUsername(pool, seed.Username, attributes).attributes);
    if (missing.length > 0) throw new SeedError(`required attributes are missing: ${missing.join(', ')}`);
    try {
      user = await createUser(services, pool, {
        username: seed.Username,
        attributes,
        status: seed.Status ?? 'CONFIRMED',
        ...(seed.Password !== undefined ? { password: seed.Password } : {}),
        ...(seed.PasswordVerifier !== undefined ? { storedPassword: storedPassword(seed.PasswordVerifier) } : {}),
        ...(seed.Sub !== undefined ? { sub: seed.Sub } : {}),
      });
      created = true;
    } catch (error) {
      user = await findUser(services, pool, seed.Username);
      if (!user) throw error;
    }
  }
  // A user just created has its attributes, password and status: only what creation does not set is left.
  if (!created) await updateUser(services, pool, user, seed, attributes);
  else if (seed.Enabled !== undefined || seed.Mfa !== undefined || seed.PasswordHistory !== undefined) {
    await updateUser(services, pool, user, { Username: seed.Username, Enabled: seed.Enabled, Mfa: seed.Mfa, PasswordHistory: seed.PasswordHistory }, {});
  }
  if (seed.Groups !== undefined) await applyMembership(services, pool, user, seed.Groups);
}

const storedPassword = (v: { Salt: string; Verifier: string }): StoredPassword => ({ salt: v.Salt, verifier: v.Verifier });

/** The user's MFA document with what the file declares (members it leaves out are kept). */
function withMfa(mfa: UserMfa, seed: NonNullable<SeedUser['Mfa']>): UserMfa {
  const next: UserMfa = { ...mfa };
  if (seed.SmsMfaEnabled !== undefined) next.smsEnabled = seed.SmsMfaEnabled;
  if (seed.SoftwareTokenMfaEnabled !== undefined) next.totpEnabled = seed.SoftwareTokenMfaEnabled;
  if (seed.EmailMfaEnabled !== undefined) next.emailEnabled = seed.EmailMfaEnabled;
  if (seed.PreferredMfa !== undefined) next.preferred = seed.PreferredMfa;
  if (seed.SoftwareTokenSecret !== undefined) next.totpSecret = seed.SoftwareTokenSecret;
  if (seed.SoftwareTokenFriendlyName !== undefined) next.totpFriendlyName = seed.SoftwareTokenFriendlyName;
  return next;
}

/** Brings an existing user to what the file declares: attributes, password, status, and what an export adds. */
async function updateUser(services: Services, pool: UserPool, user: User, seed: SeedUser, attributes: Record<string, string>): Promise<void> {
  let changed = false;
  for (const [name, value] of Object.entries(attributes)) {
    if (user.attributes[name] !== value) {
      user.attributes[name] = value;
      changed = true;
    }
  }
  if (seed.Password !== undefined && (!user.password || !verifyPassword(poolName(pool), user.username, seed.Password, user.password))) {
    setPassword(services, pool, user, seed.Password);
    changed = true;
  }
  if (seed.PasswordVerifier !== undefined && !same(user.password, storedPassword(seed.PasswordVerifier))) {
    user.password = storedPassword(seed.PasswordVerifier);
    user.passwordSetAt = services.clock.now();
    changed = true;
  }
  if (seed.PasswordHistory !== undefined && !same(user.passwordHistory ?? [], seed.PasswordHistory.map(storedPassword))) {
    user.passwordHistory = seed.PasswordHistory.map(storedPassword);
    changed = true;
  }
  if (seed.Status !== undefined && user.status !== seed.Status) {
    user.status = seed.Status;
    changed = true;
  }
  if (seed.Enabled !== undefined && user.enabled !== seed.Enabled) {
    user.enabled = seed.Enabled;
    changed = true;
  }
  if (seed.Mfa !== undefined && !same(withMfa(user.mfa, seed.Mfa), user.mfa)) {
    user.mfa = withMfa(user.mfa, seed.Mfa);
    changed = true;
  }
  if (changed) await saveUser(services, pool, user);
}

/** Makes the user's groups exactly the declared ones. */
async function applyMembership(services: Services, pool: UserPool, user: User, wanted: string[]): Promise<void> {
  const { groups } = services.stores;
  for (const name of wanted) {
    if (!(await groups.get(pool.id, name))) throw new SeedError(`group ${name} does not exist (declare it under Groups)`);
  }
  const current = new Set((await groups.groupsOf(pool.id, user.username)).map((g) => g.name));
  for (const name of wanted) if (!current.has(name)) await groups.addUser(pool.id, name, user.username);
  for (const name of current) if (!wanted.includes(name)) await groups.removeUser(pool.id, name, user.username);
}

/**
 * Creates or updates what the seed file at `path` declares. Throws an Error whose one-line
 * message names the file and what is wrong; `cognate serve` prints it and exits non-zero.
 */
/** A pool the seed file declares, with its app clients (what the start banner names) and how many groups and users it has. */
export interface SeededPool {
  id: string;
  name: string;
  clients: { id: string; name: string; hasSecret: boolean }[];
  groups: number;
  users: number;
}

export async function applySeedFile(services: Services, path: string, label = '--config'): Promise<SeededPool[]> {
  try {
    const seed = readSeed(path);
    const seeded: SeededPool[] = [];
    for (const p of seed.UserPools) {
      const pool = await within(`pool ${p.Id}`, () => applyPool(services, p));
      // Resource servers first: the clients' AllowedOAuthScopes name their scopes.
      for (const r of p.ResourceServers ?? []) {
        await within(`pool ${p.Id}: resource server ${r.Identifier}`, () => applyResourceServer(services, pool, r));
      }
      for (const d of p.Domains ?? []) await within(`pool ${p.Id}: domain ${d.Domain}`, () => applyDomain(services, pool, d));
      for (const c of p.Clients ?? []) await within(`pool ${p.Id}: client ${c.ClientId}`, () => applyClient(services, pool, c));
      for (const g of p.Groups ?? []) await within(`pool ${p.Id}: group ${g.GroupName}`, () => applyGroup(services, pool, g));
      for (const u of p.Users ?? []) await within(`pool ${p.Id}: user ${u.Username}`, () => applyUser(services, pool, u));
      seeded.push({
        id: pool.id,
        name: p.PoolName,
        clients: (p.Clients ?? []).map((c) => ({ id: c.ClientId, name: c.ClientName, hasSecret: c.ClientSecret !== undefined || c.GenerateSecret === true })),
        groups: p.Groups?.length ?? 0,
        users: p.Users?.length ?? 0,
      });
    }
    services.log.info({ file: path, pools: seed.UserPools.length }, 'seed file applied');
    return seeded;
  } catch (error) {
    if (error instanceof SeedError) throw new Error(`${label} ${path}: ${error.message}`);
    throw error;
  }
}
