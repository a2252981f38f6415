import type { Alias, AliasKind, AppClient, Group, OutboxMessage, Page, User, UserPool } from '../domain/types.ts';

/**
 * The storage ports: what the operations and the engine need, declared by their callers.
 * Implemented once with Kysely for SQLite and PostgreSQL (storage/kysely/); every method is one
 * statement or one transaction.
 */

export interface PoolStore {
  create(pool: UserPool): Promise<void>;
  get(id: string): Promise<UserPool | undefined>;
  update(pool: UserPool): Promise<void>;
  /** Deletes the pool and everything in it. */
  delete(id: string): Promise<void>;
  /** Ordered by id; `after` is the last id of the previous page. */
  list(limit: number, after: string | undefined): Promise<Page<UserPool>>;
}

export interface ClientStore {
  create(client: AppClient): Promise<void>;
  get(clientId: string): Promise<AppClient | undefined>;
  update(client: AppClient): Promise<void>;
  delete(clientId: string): Promise<void>;
  list(poolId: string, limit: number, after: string | undefined): Promise<Page<AppClient>>;
}

export interface UserListQuery {
  limit: number;
  after: string | undefined;
  /** Only users whose `attribute` equals (`=`) or starts with (`^=`) `value`. */
  filter?: { attribute: string; op: '=' | '^='; value: string };
  /** Only users in this group. */
  group?: string;
}

export interface UserStore {
  /** Inserts the user and claims its aliases. Resolves `false` when the username key is taken. */
  create(user: User, usernameKey: string, aliases: Alias[]): Promise<boolean>;
  get(poolId: string, usernameKey: string): Promise<User | undefined>;
  getBySub(poolId: string, sub: string): Promise<User | undefined>;
  /** The username holding an alias, if any. */
  findAlias(poolId: string, kind: AliasKind, valueKey: string): Promise<string | undefined>;
  /** Saves every mutable field; with `aliases` given, replaces the user's aliases too. */
  update(user: User, usernameKey: string, aliases?: Alias[]): Promise<void>;
  /** Removes an alias from whoever holds it (a verified alias moving to another user). */
  releaseAlias(poolId: string, kind: AliasKind, valueKey: string): Promise<void>;
  delete(poolId: string, usernameKey: string, username: string): Promise<void>;
  /** Ordered by username key; `after` is the last key of the previous page. */
  list(poolId: string, query: UserListQuery): Promise<Page<User>>;
  /** Bulk insert for seeding and benchmarks (no alias claims, no conflict checks). */
  insertMany(users: { user: User; usernameKey: string }[]): Promise<void>;
  count(poolId: string): Promise<number>;
}

export interface GroupStore {
  create(group: Group): Promise<boolean>;
  get(poolId: string, name: string): Promise<Group | undefined>;
  update(group: Group): Promise<void>;
  delete(poolId: string, name: string): Promise<void>;
  list(poolId: string, limit: number, after: string | undefined): Promise<Page<Group>>;
  addUser(poolId: string, name: string, username: string): Promise<void>;
  removeUser(poolId: string, name: string, username: string): Promise<void>;
  /** The user's groups, ordered by name. */
  groupsOf(poolId: string, username: string): Promise<Group[]>;
}

export interface StoredCode {
  codeHash: string;
  expiresAt: number;
  attempts: number;
}

export interface CodeStore {
  /** Replaces any earlier code of the same purpose (a resend makes the old code invalid). */
  put(poolId: string, username: string, purpose: string, code: StoredCode): Promise<void>;
  get(poolId: string, username: string, purpose: string): Promise<StoredCode | undefined>;
  /** Counts a failed attempt; resolves the new count. */
  fail(poolId: string, username: string, purpose: string): Promise<number>;
  /** Deletes the code; resolves `true` only for the one caller that removed it (single use). */
  take(poolId: string, username: string, purpose: string, codeHash: string): Promise<boolean>;
  deleteAll(poolId: string, username: string): Promise<void>;
}

export interface OutboxStore {
  add(message: OutboxMessage): Promise<void>;
  /** Oldest first. */
  listFor(poolId: string, username: string | undefined): Promise<OutboxMessage[]>;
}

export interface Stores {
  pools: PoolStore;
  clients: ClientStore;
  users: UserStore;
  groups: GroupStore;
  codes: CodeStore;
  outbox: OutboxStore;
  /** Runs `work` in one transaction with stores bound to it. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}
