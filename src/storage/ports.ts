import type { Alias, AliasKind, AppClient, ClientSecret, Group, OutboxMessage, Page, User, UserPool } from '../domain/types.ts';
import type { Device, DeviceRememberedStatus } from '../domain/device.ts';
import type { AuthEvent, AuthEventResponse, ChallengeResult, EventFeedback, TraceStep } from '../domain/auth-event.ts';
import type { SigningKeyPurpose } from '../domain/signing-keys.ts';
import type { ResourceServer, UserPoolDomain } from '../domain/oauth.ts';

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
  /** The client and its pool in one read (every sign-in call needs both). */
  getWithPool(clientId: string): Promise<{ client: AppClient; pool: UserPool } | undefined>;
  /** Saves name, settings and modification time; the secrets are left as they are. */
  update(client: AppClient): Promise<void>;
  /**
   * Replaces the client's secrets, unless they are no longer `expected` (compared by id): a
   * concurrent change wins and this resolves `false`.
   */
  replaceSecrets(clientId: string, expected: ClientSecret[], secrets: ClientSecret[]): Promise<boolean>;
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
  /**
   * Reserves one attempt at the code before it is compared, atomically across processes:
   * resolves the code (its attempts counting this one), `'limit'` when `limit` attempts were
   * already made, or undefined when there is no code.
   */
  reserve(poolId: string, username: string, purpose: string, limit: number): Promise<StoredCode | 'limit' | undefined>;
  /** Deletes the code; resolves `true` only for the one caller that removed it (single use). */
  take(poolId: string, username: string, purpose: string, codeHash: string): Promise<boolean>;
  deleteAll(poolId: string, username: string): Promise<void>;
}

/** An outbox message waiting for delivery, with the number of attempts claimed so far. */
export interface PendingMessage extends OutboxMessage {
  attempts: number;
}

/**
 * The outbox: every message sent, and its delivery state. Delivery is claimed row by row with a
 * compare-and-swap on `attempts`, so processes sharing the database never send a message twice
 * at once.
 */
export interface OutboxStore {
  /** Queues a message; `deliverable: false` keeps it out of delivery for good (no channel for it). */
  add(message: OutboxMessage, options?: { deliverable?: boolean }): Promise<void>;
  /** Oldest first; every pool's when `poolId` is undefined, every user's when `username` is. */
  listFor(poolId: string | undefined, username: string | undefined): Promise<OutboxMessage[]>;
  /** Up to `limit` undelivered messages whose next attempt is due at `now`, longest due first. */
  due(now: number, limit: number): Promise<PendingMessage[]>;
  /**
   * Claims a due message for one attempt: `attempts` goes up by one and the message is held
   * until `holdUntil`. `false` when another worker changed it first.
   */
  claim(id: string, attempts: number, holdUntil: number): Promise<boolean>;
  /** Records the delivery; `forget` also blanks the text and the code (production keeps no secret longer than delivery needs it). */
  delivered(id: string, at: number, options?: { forget?: boolean }): Promise<void>;
  /** Schedules the next attempt, unless the claim (`attempts` after claiming) is stale. */
  retryAt(id: string, attempts: number, at: number): Promise<void>;
  /** How many messages wait for delivery (undelivered, not parked), for the metrics. */
  depth(): Promise<number>;
  /** Takes the message out of delivery for good (no channel, or given up); it stays listed, blanked with `forget`. */
  park(id: string, options?: { forget?: boolean }): Promise<void>;
  /** Deletes the messages created before `before` that are no longer waiting for delivery. */
  purgeOlder(before: number): Promise<void>;
}

/** A server-side auth session: one row per Session string a client was given. */
export interface AuthSessionRecord {
  /** SHA-256 of the Session string; the string itself is never stored. */
  idHash: string;
  poolId: string;
  clientId: string;
  username: string;
  /** Bumped by every write: compare-and-swap guards against replayed or concurrent answers. */
  version: number;
  /** JSON of the engine's session state. */
  state: string;
  expiresAt: number;
  consumedAt?: number;
}

export interface AuthSessionStore {
  create(record: Omit<AuthSessionRecord, 'version' | 'consumedAt'>): Promise<void>;
  get(idHash: string): Promise<AuthSessionRecord | undefined>;
  /** Marks the session used; `false` when another request used it first (or it changed). */
  consume(idHash: string, version: number, now: number): Promise<boolean>;
  /** Replaces the state; `false` when the version moved. */
  update(idHash: string, version: number, state: string): Promise<boolean>;
  /**
   * Reserves one answer before it is judged, atomically across processes: counts it unless the
   * session is used, expired at `now`, or already had `limit` answers. `false` when refused.
   */
  reserveAttempt(idHash: string, limit: number, now: number): Promise<boolean>;
  /** Gives back a reserved attempt whose answer was never judged (it was malformed). */
  releaseAttempt(idHash: string): Promise<void>;
  purgeExpired(before: number): Promise<void>;
}

export interface AuthEventStore {
  create(event: AuthEvent): Promise<void>;
  /** Adds what a later step of the same sign-in learnt: its outcome so far, challenge results and trace steps. */
  append(
    poolId: string,
    eventId: string,
    change: { response: AuthEventResponse; challenges: ChallengeResult[]; trace: TraceStep[]; now: number },
  ): Promise<void>;
  get(poolId: string, eventId: string): Promise<AuthEvent | undefined>;
  /** A user's events, newest first; `after` is the cursor of the previous page. */
  listForUser(poolId: string, username: string, limit: number, after: string | undefined): Promise<Page<AuthEvent>>;
  setFeedback(poolId: string, eventId: string, feedback: EventFeedback): Promise<void>;
  /** Deletes events created before `before` (retention). */
  purgeOlder(before: number): Promise<void>;
}

export interface LockoutState {
  failures: number;
  lockedUntil: number;
  lastFailureAt: number;
}

export interface LockoutPolicy {
  quietMs: number;
  freeFailures: number;
  baseLockMs: number;
  maxLockMs: number;
}

export interface LockoutStore {
  get(poolId: string, key: string): Promise<LockoutState | undefined>;
  /**
   * Reserves one attempt, atomically across processes, before a secret is judged: unless the key
   * is locked at `now`, counts it as a failure (the count restarts after `policy.quietMs`
   * without failures) and, from `policy.freeFailures` failures on, locks the key for
   * `baseLockMs` doubling with each further failure up to `maxLockMs`. Resolves the new count, or
   * undefined (nothing counted) while locked. A right secret then clears the key.
   */
  reserve(poolId: string, key: string, now: number, policy: LockoutPolicy): Promise<number | undefined>;
  clear(poolId: string, key: string): Promise<void>;
}

/** How many sends a key may make in a window. */
export interface SendLimit {
  count: number;
  windowMs: number;
}

export interface SendLimitStore {
  /**
   * Counts one send for `key` in `poolId`, atomically across processes, unless `limit.count`
   * sends were already counted in the key's current window (a window starts with the first send
   * after the previous one ended, and lasts `limit.windowMs`). Resolves whether it was counted.
   */
  take(poolId: string, key: string, now: number, limit: SendLimit): Promise<boolean>;
  /** Forgets windows that ended before `before`. */
  purgeEnded(before: number): Promise<void>;
}

/** One RSA signing key of a pool, without its private key (what the JWKS and `cognate keys list` show). */
export interface SigningKeyInfo {
  poolId: string;
  kid: string;
  purpose: SigningKeyPurpose;
  /** Public JWK members `kty`, `n`, `e`. */
  publicJwk: { kty: string; n: string; e: string };
  createdAt: number;
  /** When servers start signing with it (its creation, for a pool's first keys). */
  activatesAt: number;
  /** When a newer key of the same purpose took over; undefined while it is the newest. */
  retiredAt: number | undefined;
  /** The earliest time it may be dropped (retiredAt plus the longest token lifetime at rotation). */
  dropAfter: number | undefined;
}

/** One RSA signing key of a pool; the private key is in clear here and sealed at rest. */
export interface StoredSigningKey extends SigningKeyInfo {
  /** PKCS#8 PEM. */
  privateKeyPem: string;
}

/** A key to add: its times are decided by the store's operation. */
export type NewSigningKey = Omit<StoredSigningKey, 'activatesAt' | 'retiredAt' | 'dropAfter'>;

export interface SigningKeyStore {
  /** Every key of the pool, by activation (then creation, then kid). */
  list(poolId: string): Promise<StoredSigningKey[]>;
  /** The same without opening the sealed private keys. */
  listPublic(poolId: string): Promise<SigningKeyInfo[]>;
  /** Pools that have signing keys. */
  pools(): Promise<string[]>;
  /**
   * Inserts those of `keys` whose purpose the pool has no key for yet (active at once),
   * serialised against concurrent callers (other processes included); resolves every key of
   * the pool, as {@link list} orders them.
   */
  addMissing(poolId: string, keys: NewSigningKey[]): Promise<StoredSigningKey[]>;
  /**
   * Adds `keys`, which servers sign with from `activatesAt` (a purpose the pool has no key for
   * yet: at once), and retires the pool's current keys of their purposes at that instant, to be
   * dropped no earlier than `activatesAt + keepMs`. Serialised like {@link addMissing}; with
   * `ifNoneSince`, does nothing (resolves false) when a key of one of these purposes was created
   * at or after that instant (another process rotated first).
   */
  rotate(poolId: string, keys: NewSigningKey[], when: { activatesAt: number; keepMs: number; ifNoneSince?: number }): Promise<boolean>;
  /**
   * Deletes the pool's retired keys whose `dropAfter` has passed and that retired at least
   * `keepMs` before `now`; resolves their kids.
   */
  dropRetired(poolId: string, now: number, keepMs: number): Promise<string[]>;
}

/** A refresh token as stored: only its hash, never the token. Times are epoch ms. */
export interface StoredRefreshToken {
  tokenHash: string;
  poolId: string;
  clientId: string;
  username: string;
  originJti: string;
  deviceKey: string | undefined;
  /** The original sign-in, carried over by every refresh. */
  authTime: number;
  issuedAt: number;
  expiresAt: number;
  revokedAt: number | undefined;
  /** Set by a rotation: the instant (after the grace period) from which the token is refused. */
  replacedAt: number | undefined;
  /**
   * The OAuth 2.0 scopes granted to the sign-in (in Cognito's order), carried by every refresh;
   * undefined for a sign-in through the API, whose tokens have the API's fixed scope.
   */
  scopes?: string[] | undefined;
  /** When a refresh last used it (undefined: never; markUsed keeps it). */
  lastUsedAt?: number | undefined;
}

export interface RefreshTokenStore {
  add(token: StoredRefreshToken): Promise<void>;
  get(tokenHash: string): Promise<StoredRefreshToken | undefined>;
  /** Records a rotation effective at `at`; resolves `false` when the token was already rotated. */
  markReplaced(tokenHash: string, at: number): Promise<boolean>;
  /** Revokes every refresh token of one sign-in (RevokeToken). */
  revokeOrigin(poolId: string, originJti: string, at: number): Promise<void>;
  /** Revokes every refresh token of a user (GlobalSignOut, DeleteUser). */
  revokeUser(poolId: string, username: string, at: number): Promise<void>;
  /** Whether a refresh token of this sign-in was revoked: its access tokens are then revoked too. */
  originRevoked(poolId: string, originJti: string): Promise<boolean>;
  /** Records a refresh made with the token (its session's last activity). */
  markUsed(tokenHash: string, at: number): Promise<void>;
  /**
   * A user's token sessions: the sign-ins (origin jti) of which a refresh token is still usable
   * at `now`, with their client, the sign-in time and the last refresh; most recent first.
   */
  sessionsOf(poolId: string, username: string, now: number): Promise<TokenSession[]>;
}

/** One sign-in's refresh tokens, seen as a session. Times are epoch ms. */
export interface TokenSession {
  originJti: string;
  clientId: string;
  /** The sign-in. */
  createdAt: number;
  /** The last token issued for it (the sign-in, or its last refresh). */
  lastActiveAt: number;
}

/** Single-use markers (SRP secret blocks, TOTP time steps): the first to mark an id wins. */
export interface UsedTokenStore {
  /** Resolves `true` when `id` was not used before (and now is). */
  markUsed(id: string, expiresAt: number): Promise<boolean>;
  /** Whether `id` is marked and its mark lives past `now`. */
  isUsed(id: string, now: number): Promise<boolean>;
  purgeExpired(before: number): Promise<void>;
}

/** The confirmation ConfirmDevice stores on a device row. */
export interface DeviceConfirmation {
  salt: string;
  verifier: string;
  name: string | undefined;
  status: DeviceRememberedStatus;
  updatedAt: number;
}

/** Devices of users (remembered devices); keyed by pool and device key. */
export interface DeviceStore {
  create(device: Device): Promise<void>;
  get(poolId: string, deviceKey: string): Promise<Device | undefined>;
  /**
   * Stores the verifier of a device not confirmed yet; `false` when it was confirmed already
   * (or is gone), so two racing ConfirmDevice calls cannot both set a secret.
   */
  confirm(poolId: string, deviceKey: string, confirmation: DeviceConfirmation): Promise<boolean>;
  /** Saves the mutable fields: name, status, attributes, updated and last-authenticated times. */
  update(device: Device): Promise<void>;
  delete(poolId: string, deviceKey: string): Promise<void>;
  /**
   * A user's confirmed devices (of one status, when given), ordered by device key; `after` is
   * the last key of the previous page.
   */
  listForUser(poolId: string, username: string, limit: number, after: string | undefined, status?: DeviceRememberedStatus): Promise<Page<Device>>;
  /** Deletes a user's devices that were never confirmed and were created before `before`. */
  deleteUnconfirmed(poolId: string, username: string, before: number): Promise<void>;
}

/** A registered passkey. Times are epoch ms. */
export interface StoredWebAuthnCredential {
  poolId: string;
  /** base64url. */
  credentialId: string;
  username: string;
  /** COSE public key, base64url. */
  publicKey: string;
  signCount: number;
  transports: string[];
  friendlyName: string;
  authenticatorAttachment: string | undefined;
  rpId: string;
  createdAt: number;
  lastUsedAt: number | undefined;
}

/** A StartWebAuthnRegistration waiting for its CompleteWebAuthnRegistration. Times are epoch ms. */
export interface PendingWebAuthnRegistration {
  poolId: string;
  username: string;
  /** base64url. */
  challenge: string;
  clientId: string;
  createdAt: number;
  expiresAt: number;
}

/** Passkeys and their pending registrations, keyed by pool. */
export interface WebAuthnStore {
  addRegistration(pending: PendingWebAuthnRegistration): Promise<void>;
  getRegistration(poolId: string, username: string, challenge: string): Promise<PendingWebAuthnRegistration | undefined>;
  /** Deletes the pending registration; `true` only for the one caller that removed it (single use). */
  takeRegistration(poolId: string, username: string, challenge: string): Promise<boolean>;
  /** Deletes a user's pending registrations that expired before `before`. */
  purgeRegistrations(poolId: string, username: string, before: number): Promise<void>;
  /** Inserts the credential; `false` when the pool already has a credential with this id. */
  addCredential(credential: StoredWebAuthnCredential): Promise<boolean>;
  getCredential(poolId: string, credentialId: string): Promise<StoredWebAuthnCredential | undefined>;
  /** Every credential of a user, oldest first. */
  credentialsOf(poolId: string, username: string): Promise<StoredWebAuthnCredential[]>;
  /** One page of a user's credentials ordered by id; `after` is the last id of the previous page. */
  listCredentials(poolId: string, username: string, limit: number, after: string | undefined): Promise<Page<StoredWebAuthnCredential>>;
  countCredentials(poolId: string, username: string): Promise<number>;
  /**
   * Records a sign-in with the credential: the new signature counter and the time, only while
   * the stored counter is still `expectedCount` (compare-and-swap); `false` when it moved.
   */
  recordUse(poolId: string, credentialId: string, expectedCount: number, signCount: number, at: number): Promise<boolean>;
  /** Deletes one of the user's credentials; `false` when the user has none with this id. */
  deleteCredential(poolId: string, username: string, credentialId: string): Promise<boolean>;
}

/** User pool domains (prefix and custom), unique across the server as prefixes are across a region. */
export interface DomainStore {
  /** Inserts the domain; `false` when the name is taken (by any pool). */
  create(domain: UserPoolDomain): Promise<boolean>;
  get(domain: string): Promise<UserPoolDomain | undefined>;
  /** The pool's domains, prefix first. */
  ofPool(poolId: string): Promise<UserPoolDomain[]>;
  update(domain: UserPoolDomain): Promise<void>;
  delete(domain: string): Promise<void>;
}

export interface ResourceServerStore {
  /** Inserts the server; `false` when the pool has one with this identifier. */
  create(server: ResourceServer): Promise<boolean>;
  get(poolId: string, identifier: string): Promise<ResourceServer | undefined>;
  update(server: ResourceServer): Promise<void>;
  delete(poolId: string, identifier: string): Promise<void>;
  /** Ordered by identifier; `after` is the last identifier of the previous page. */
  list(poolId: string, limit: number, after: string | undefined): Promise<Page<ResourceServer>>;
  /** Every server of the pool (the custom scopes that exist). */
  all(poolId: string): Promise<ResourceServer[]>;
}

/**
 * An authorization code of the OAuth 2.0 code flow, as stored: its hash (never the code) and
 * the request it answers. Times are epoch ms.
 */
export interface StoredAuthorizationCode {
  codeHash: string;
  poolId: string;
  clientId: string;
  username: string;
  /** The user's sub when the code was issued: a user recreated under the name is not the code's user. */
  sub: string;
  redirectUri: string;
  scopes: string[];
  nonce: string | undefined;
  /** PKCE: the S256 code_challenge, when the request had one. */
  codeChallenge: string | undefined;
  authTime: number;
  expiresAt: number;
}

export interface AuthorizationCodeStore {
  add(code: StoredAuthorizationCode): Promise<void>;
  get(codeHash: string): Promise<StoredAuthorizationCode | undefined>;
  /** Deletes the code; `true` only for the one caller that removed it (single use, across processes). */
  take(codeHash: string): Promise<boolean>;
  purgeExpired(before: number): Promise<void>;
}

/**
 * A settings document of a pool that is not part of its configuration (UI customization, risk
 * and session configuration, terms, branding, replicas, limits, the SAML signing certificate):
 * one JSON document per kind and key. Times are epoch ms.
 */
export interface PoolDocument<T = unknown> {
  poolId: string;
  kind: string;
  /** Which one of its kind (an id, a client id, a region); `''` for a pool's only one. */
  key: string;
  /** The app client it belongs to, if any: deleted with the client. */
  clientId: string | undefined;
  body: T;
  createdAt: number;
  updatedAt: number;
}

export interface PoolDocumentStore {
  get<T>(poolId: string, kind: string, key: string): Promise<PoolDocument<T> | undefined>;
  /** Inserts or replaces the document (its creation time is kept on replacement). */
  put(document: PoolDocument): Promise<void>;
  /** Inserts the document; `false` when one of this kind and key exists already. */
  insert(document: PoolDocument): Promise<boolean>;
  /** `false` when there was none. */
  delete(poolId: string, kind: string, key: string): Promise<boolean>;
  /** Ordered by key; `after` is the last key of the previous page. */
  list<T>(poolId: string, kind: string, limit: number, after: string | undefined): Promise<Page<PoolDocument<T>>>;
  /** Deletes every document of an app client (the client is being deleted). */
  deleteForClient(poolId: string, clientId: string): Promise<void>;
}

/** One CSV user import job (CreateUserImportJob). Times are epoch ms. */
export interface UserImportJob {
  poolId: string;
  jobId: string;
  name: string;
  status: UserImportJobStatus;
  roleArn: string;
  passwordHashingAlgorithm: string | undefined;
  /** Whether a CSV file was uploaded to the job's PreSignedUrl. */
  uploaded: boolean;
  imported: number;
  skipped: number;
  failed: number;
  completionMessage: string | undefined;
  createdAt: number;
  startedAt: number | undefined;
  completedAt: number | undefined;
}

export const userImportJobStatuses = ['Created', 'Pending', 'InProgress', 'Stopping', 'Expired', 'Stopped', 'Failed', 'Succeeded'] as const;
export type UserImportJobStatus = (typeof userImportJobStatuses)[number];

/** Import jobs; status changes are compare-and-swap, so processes sharing the database agree on who runs a job. */
export interface UserImportJobStore {
  create(job: UserImportJob): Promise<void>;
  get(poolId: string, jobId: string): Promise<UserImportJob | undefined>;
  /** Newest first; `after` is the cursor of the previous page. */
  list(poolId: string, limit: number, after: string | undefined): Promise<Page<UserImportJob>>;
  /** Stores the uploaded CSV, unless the job is no longer `Created` (`false` then). */
  upload(poolId: string, jobId: string, csv: string): Promise<boolean>;
  csv(poolId: string, jobId: string): Promise<string | undefined>;
  /** Moves the job from one of `from` to `to` with the changes given; `false` when its status was another. */
  transition(
    poolId: string,
    jobId: string,
    from: readonly UserImportJobStatus[],
    to: UserImportJobStatus,
    changes?: Partial<Pick<UserImportJob, 'imported' | 'skipped' | 'failed' | 'completionMessage' | 'startedAt' | 'completedAt'>>,
  ): Promise<boolean>;
  /** Records progress of a running job (counts so far). */
  progress(poolId: string, jobId: string, counts: Pick<UserImportJob, 'imported' | 'skipped' | 'failed'>): Promise<void>;
  /** Jobs in one of these statuses, of every pool, oldest first. */
  withStatus(statuses: readonly UserImportJobStatus[], limit: number): Promise<UserImportJob[]>;
  /** Whether a job of the pool is running (Pending, InProgress or Stopping). */
  running(poolId: string): Promise<boolean>;
  /** Drops uploaded files of jobs that ended (the file is of no use then). */
  dropFile(poolId: string, jobId: string): Promise<void>;
}

export interface Stores {
  pools: PoolStore;
  clients: ClientStore;
  users: UserStore;
  groups: GroupStore;
  codes: CodeStore;
  outbox: OutboxStore;
  authSessions: AuthSessionStore;
  lockouts: LockoutStore;
  sendLimits: SendLimitStore;
  authEvents: AuthEventStore;
  usedTokens: UsedTokenStore;
  signingKeys: SigningKeyStore;
  refreshTokens: RefreshTokenStore;
  devices: DeviceStore;
  webauthn: WebAuthnStore;
  domains: DomainStore;
  resourceServers: ResourceServerStore;
  authorizationCodes: AuthorizationCodeStore;
  poolDocuments: PoolDocumentStore;
  importJobs: UserImportJobStore;
  /** Runs `work` in one transaction with stores bound to it. */
  transaction<T>(work: (stores: Stores) => Promise<T>): Promise<T>;
}
