import type { Generated } from 'kysely';

/**
 * Table types for Kysely. Conventions, the same on both dialects:
 * - times are epoch milliseconds in `bigint` columns (pg's int8 parser is set to Number);
 * - booleans are integers 0/1;
 * - documents (pool and client configuration, attributes, session state) are JSON text;
 * - secrets are sealed (AES-256-GCM, see crypto/seal.ts) before they reach a column.
 */
export interface Database {
  user_pools: UserPoolsTable;
  app_clients: AppClientsTable;
  users: UsersTable;
  user_aliases: UserAliasesTable;
  user_index: UserIndexTable;
  groups: GroupsTable;
  user_groups: UserGroupsTable;
  codes: CodesTable;
  outbox: OutboxTable;
  auth_sessions: AuthSessionsTable;
  signing_keys: SigningKeysTable;
  refresh_tokens: RefreshTokensTable;
  lockouts: LockoutsTable;
  send_limits: SendLimitsTable;
  auth_events: AuthEventsTable;
  devices: DevicesTable;
  used_tokens: UsedTokensTable;
  webauthn_credentials: WebAuthnCredentialsTable;
  webauthn_registrations: WebAuthnRegistrationsTable;
  user_pool_domains: UserPoolDomainsTable;
  resource_servers: ResourceServersTable;
  authorization_codes: AuthorizationCodesTable;
  pool_documents: PoolDocumentsTable;
  user_import_jobs: UserImportJobsTable;
}

export interface UserPoolsTable {
  id: string;
  name: string;
  config: string;
  created_at: number;
  updated_at: number;
}

export interface AppClientsTable {
  client_id: string;
  pool_id: string;
  name: string;
  /** The one secret of a client written before client secrets could rotate (sealed); see `secrets`. */
  secret: string | null;
  /** Sealed JSON list of the client's active secrets `{id, value, createdAt}`; null for rows written before. */
  secrets: string | null;
  config: string;
  created_at: number;
  updated_at: number;
}

export interface UsersTable {
  pool_id: string;
  username: string;
  /** The lookup key: the username, lowercased when the pool is case-insensitive. */
  username_key: string;
  sub: string;
  status: string;
  enabled: number;
  attributes: string;
  /** Sealed JSON `{salt, verifier}` (hex), or null for a user without a password. */
  password: string | null;
  password_set_at: number | null;
  /** JSON `{email?, phone_number?}`: values an update left waiting for verification; null when none. */
  pending_attributes: string | null;
  /** JSON: MFA settings, TOTP secret (sealed inside), etc. */
  mfa: string;
  /** Access and refresh tokens issued before this instant are revoked (GlobalSignOut). */
  tokens_valid_after: number;
  created_at: number;
  updated_at: number;
}

export interface UserAliasesTable {
  pool_id: string;
  /** `email`, `phone_number` or `preferred_username`. */
  kind: string;
  value_key: string;
  username: string;
}

/** Values of the attributes ListUsers can filter on, one row each, so filters use an index. */
export interface UserIndexTable {
  pool_id: string;
  attribute: string;
  value: string;
  username_key: string;
}

export interface GroupsTable {
  pool_id: string;
  name: string;
  description: string | null;
  role_arn: string | null;
  precedence: number | null;
  created_at: number;
  updated_at: number;
}

export interface UserGroupsTable {
  pool_id: string;
  group_name: string;
  username: string;
}

export interface CodesTable {
  pool_id: string;
  username: string;
  /** What the code confirms: `signup`, `forgot`, `verify:email`, `verify:phone_number`, … */
  purpose: string;
  /** HMAC of the code, never the code itself. */
  code_hash: string;
  expires_at: number;
  attempts: number;
  created_at: number;
}

export interface OutboxTable {
  id: string;
  pool_id: string;
  username: string;
  channel: string;
  destination: string;
  subject: string | null;
  message: string;
  code: string | null;
  purpose: string;
  created_at: number;
  delivered_at: number | null;
  attempts: number;
  next_attempt_at: number;
}

export interface AuthSessionsTable {
  /** SHA-256 of the Session string the client holds. */
  id_hash: string;
  pool_id: string;
  client_id: string;
  username: string;
  version: number;
  state: string;
  expires_at: number;
  consumed_at: number | null;
  /** Answers judged so far (each reserved before it is judged). */
  attempts: Generated<number>;
}

export interface AuthEventsTable {
  pool_id: string;
  username: string;
  event_id: string;
  event_type: string;
  created_at: number;
  updated_at: number;
  response: string;
  /** JSON: ChallengeResponses. */
  challenges: string;
  /** JSON: EventContextData. */
  context: string;
  /** JSON: EventFeedback, when given. */
  feedback: string | null;
  /** Sealed feedback token. */
  feedback_token: string;
  /** JSON: the trace steps. */
  trace: string;
}

export interface SigningKeysTable {
  pool_id: string;
  kid: string;
  /** `id` or `access`: Cognito signs the two token kinds with different keys. */
  purpose: string;
  public_jwk: string;
  private_key: string;
  created_at: number;
  /** When servers start signing with it; null: from `created_at`. */
  activates_at: number | null;
  /** When a newer key of the same purpose took over (its activation). */
  retired_at: number | null;
  /** The earliest time it may be dropped: `retired_at` plus the longest token lifetime then. */
  drop_after: number | null;
}

export interface RefreshTokensTable {
  token_hash: string;
  pool_id: string;
  client_id: string;
  username: string;
  origin_jti: string;
  device_key: string | null;
  auth_time: number;
  issued_at: number;
  expires_at: number;
  revoked_at: number | null;
  replaced_at: number | null;
  /** JSON array of the OAuth 2.0 scopes granted; null for a sign-in through the API. */
  scopes: string | null;
  /** The last refresh made with it (null: never used). */
  last_used_at: number | null;
}

export interface LockoutsTable {
  pool_id: string;
  username_key: string;
  failures: number;
  locked_until: number;
  last_failure_at: number;
}

export interface SendLimitsTable {
  pool_id: string;
  send_key: string;
  /** When the current window started (epoch ms). */
  window_start: number;
  /** Sends counted in it. */
  sends: number;
  /** When it ends: window_start plus the window's length, for the purge. */
  window_end: number;
}

export interface DevicesTable {
  pool_id: string;
  device_key: string;
  username: string;
  group_key: string;
  salt: string | null;
  verifier: string | null;
  name: string | null;
  status: string;
  attributes: string;
  created_at: number;
  updated_at: number;
  last_authenticated_at: number | null;
}

/** Single-use markers (SRP secret blocks, TOTP codes): a row exists once the thing was used. */
export interface UsedTokensTable {
  id: string;
  expires_at: number;
}

/** Registered passkeys; the credential id is unique within a pool. */
export interface WebAuthnCredentialsTable {
  pool_id: string;
  /** base64url, as the authenticator reported it. */
  credential_id: string;
  username: string;
  /** COSE public key, base64url. */
  public_key: string;
  sign_count: number;
  /** JSON array of transport hints (`usb`, `internal`, `hybrid`, …). */
  transports: string;
  friendly_name: string;
  authenticator_attachment: string | null;
  rp_id: string;
  created_at: number;
  last_used_at: number | null;
}

/** Pending StartWebAuthnRegistration challenges: single use, deleted when completed. */
export interface WebAuthnRegistrationsTable {
  pool_id: string;
  username: string;
  /** base64url challenge handed out in CredentialCreationOptions. */
  challenge: string;
  /** The app client of the access token that started the registration. */
  client_id: string;
  created_at: number;
  expires_at: number;
}

/** User pool domains: the prefix or custom host name is unique across the server. */
export interface UserPoolDomainsTable {
  domain: string;
  pool_id: string;
  /** `prefix` or `custom`. */
  kind: string;
  managed_login_version: number;
  /** JSON CustomDomainConfig, custom domains only. */
  custom_config: string | null;
  created_at: number;
  updated_at: number;
}

export interface ResourceServersTable {
  pool_id: string;
  identifier: string;
  name: string;
  /** JSON array of {ScopeName, ScopeDescription}. */
  scopes: string;
  created_at: number;
  updated_at: number;
}

/** Authorization codes waiting for /oauth2/token: single use, deleted when redeemed. */
export interface AuthorizationCodesTable {
  /** SHA-256 of the code. */
  code_hash: string;
  pool_id: string;
  client_id: string;
  username: string;
  sub: string;
  redirect_uri: string;
  /** JSON array of the granted scopes. */
  scopes: string;
  nonce: string | null;
  code_challenge: string | null;
  auth_time: number;
  expires_at: number;
}

/**
 * The settings documents a pool holds besides its configuration (UI customization, risk and
 * session configuration, terms, branding, …): one JSON document per kind and key.
 */
export interface PoolDocumentsTable {
  pool_id: string;
  /** What the document is: `ui-customization`, `terms`, `managed-login-branding`, … */
  kind: string;
  /** Which one of its kind: an id, a client id, a region, or `` for a pool's only one. */
  doc_key: string;
  /** The app client the document belongs to, if any (deleted with the client). */
  client_id: string | null;
  body: string;
  created_at: number;
  updated_at: number;
}

/** CSV user import jobs (CreateUserImportJob) and their uploaded file. */
export interface UserImportJobsTable {
  pool_id: string;
  job_id: string;
  name: string;
  /** Created, Pending, InProgress, Stopping, Stopped, Expired, Failed or Succeeded. */
  status: string;
  role_arn: string;
  password_hashing_algorithm: string | null;
  /** The uploaded CSV, null until the PUT to the job's PreSignedUrl. */
  csv: string | null;
  imported: number;
  skipped: number;
  failed: number;
  completion_message: string | null;
  created_at: number;
  started_at: number | null;
  completed_at: number | null;
}
