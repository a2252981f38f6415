import type { Kysely, Migration, MigrationProvider } from 'kysely';

/**
 * The one migration list, applied at start on both dialects. Append new migrations; never edit
 * one that has shipped.
 */
const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('user_pools')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('app_clients')
        .addColumn('client_id', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('secret', 'text')
        .addColumn('config', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('app_clients_pool').on('app_clients').columns(['pool_id', 'client_id']).execute();

      await db.schema
        .createTable('users')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('username_key', 'varchar(256)', (c) => c.notNull())
        .addColumn('sub', 'varchar(64)', (c) => c.notNull())
        .addColumn('status', 'varchar(32)', (c) => c.notNull())
        .addColumn('enabled', 'integer', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('password', 'text')
        .addColumn('password_set_at', 'bigint')
        .addColumn('mfa', 'text', (c) => c.notNull())
        .addColumn('tokens_valid_after', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('users_pk', ['pool_id', 'username_key'])
        .execute();
      await db.schema.createIndex('users_sub').on('users').columns(['pool_id', 'sub']).unique().execute();

      await db.schema
        .createTable('user_aliases')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('kind', 'varchar(32)', (c) => c.notNull())
        .addColumn('value_key', 'varchar(2048)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_aliases_pk', ['pool_id', 'kind', 'value_key'])
        .execute();
      await db.schema.createIndex('user_aliases_user').on('user_aliases').columns(['pool_id', 'username']).execute();

      await db.schema
        .createTable('user_index')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('attribute', 'varchar(64)', (c) => c.notNull())
        .addColumn('value', 'varchar(2048)', (c) => c.notNull())
        .addColumn('username_key', 'varchar(256)', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_index_pk', ['pool_id', 'attribute', 'username_key'])
        .execute();
      await db.schema.createIndex('user_index_value').on('user_index').columns(['pool_id', 'attribute', 'value']).execute();

      await db.schema
        .createTable('groups')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('description', 'text')
        .addColumn('role_arn', 'text')
        .addColumn('precedence', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('groups_pk', ['pool_id', 'name'])
        .execute();

      await db.schema
        .createTable('user_groups')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('group_name', 'varchar(128)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addPrimaryKeyConstraint('user_groups_pk', ['pool_id', 'group_name', 'username'])
        .execute();
      await db.schema.createIndex('user_groups_user').on('user_groups').columns(['pool_id', 'username']).execute();

      await db.schema
        .createTable('codes')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
        .addColumn('code_hash', 'varchar(128)', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('codes_pk', ['pool_id', 'username', 'purpose'])
        .execute();

      await db.schema
        .createTable('outbox')
        .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('channel', 'varchar(16)', (c) => c.notNull())
        .addColumn('destination', 'text', (c) => c.notNull())
        .addColumn('subject', 'text')
        .addColumn('message', 'text', (c) => c.notNull())
        .addColumn('code', 'text')
        .addColumn('purpose', 'varchar(64)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('delivered_at', 'bigint')
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('outbox_user').on('outbox').columns(['pool_id', 'username', 'created_at']).execute();
      await db.schema.createIndex('outbox_pending').on('outbox').columns(['delivered_at', 'next_attempt_at']).execute();

      await db.schema
        .createTable('auth_sessions')
        .addColumn('id_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('client_id', 'varchar(128)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('consumed_at', 'bigint')
        .execute();
      await db.schema.createIndex('auth_sessions_expiry').on('auth_sessions').column('expires_at').execute();

      await db.schema
        .createTable('signing_keys')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('kid', 'varchar(128)', (c) => c.notNull())
        .addColumn('purpose', 'varchar(16)', (c) => c.notNull())
        .addColumn('public_jwk', 'text', (c) => c.notNull())
        .addColumn('private_key', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('signing_keys_pk', ['pool_id', 'kid'])
        .execute();

      await db.schema
        .createTable('refresh_tokens')
        .addColumn('token_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('client_id', 'varchar(128)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('origin_jti', 'varchar(64)', (c) => c.notNull())
        .addColumn('device_key', 'varchar(128)')
        .addColumn('auth_time', 'bigint', (c) => c.notNull())
        .addColumn('issued_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('replaced_at', 'bigint')
        .execute();
      await db.schema.createIndex('refresh_tokens_origin').on('refresh_tokens').column('origin_jti').execute();
      await db.schema.createIndex('refresh_tokens_user').on('refresh_tokens').columns(['pool_id', 'username']).execute();

      await db.schema
        .createTable('lockouts')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('username_key', 'varchar(256)', (c) => c.notNull())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('locked_until', 'bigint', (c) => c.notNull())
        .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('lockouts_pk', ['pool_id', 'username_key'])
        .execute();

      await db.schema
        .createTable('devices')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('device_key', 'varchar(128)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('group_key', 'varchar(128)', (c) => c.notNull())
        .addColumn('salt', 'text')
        .addColumn('verifier', 'text')
        .addColumn('name', 'text')
        .addColumn('status', 'varchar(32)', (c) => c.notNull())
        .addColumn('attributes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('last_authenticated_at', 'bigint')
        .addPrimaryKeyConstraint('devices_pk', ['pool_id', 'device_key'])
        .execute();
      await db.schema.createIndex('devices_user').on('devices').columns(['pool_id', 'username']).execute();

      await db.schema
        .createTable('used_tokens')
        .addColumn('id', 'varchar(128)', (c) => c.primaryKey())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0002_webauthn': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('webauthn_credentials')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('credential_id', 'varchar(2048)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('public_key', 'text', (c) => c.notNull())
        .addColumn('sign_count', 'bigint', (c) => c.notNull())
        .addColumn('transports', 'text', (c) => c.notNull())
        .addColumn('friendly_name', 'text', (c) => c.notNull())
        .addColumn('authenticator_attachment', 'varchar(32)')
        .addColumn('rp_id', 'varchar(256)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint')
        .addPrimaryKeyConstraint('webauthn_credentials_pk', ['pool_id', 'credential_id'])
        .execute();
      await db.schema.createIndex('webauthn_credentials_user').on('webauthn_credentials').columns(['pool_id', 'username']).execute();

      await db.schema
        .createTable('webauthn_registrations')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('challenge', 'varchar(128)', (c) => c.notNull())
        .addColumn('client_id', 'varchar(128)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('webauthn_registrations_pk', ['pool_id', 'username', 'challenge'])
        .execute();
    },
  },
  '0003_pending_attributes': {
    async up(db: Kysely<any>) {
      // New email / phone number values waiting for verification (AttributesRequireVerificationBeforeUpdate).
      await db.schema.alterTable('users').addColumn('pending_attributes', 'text').execute();
    },
  },
  '0004_used_tokens_expiry': {
    async up(db: Kysely<any>) {
      // Housekeeping deletes spent markers by expiry (src/housekeeping.ts).
      await db.schema.createIndex('used_tokens_expiry').on('used_tokens').column('expires_at').execute();
    },
  },
  '0005_session_attempts': {
    async up(db: Kysely<any>) {
      // Each answer to an auth session is reserved here before it is judged (src/sessions/session.ts).
      await db.schema
        .alterTable('auth_sessions')
        .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
  '0006_auth_events': {
    async up(db: Kysely<any>) {
      // User authentication events (AdminListUserAuthEvents) and their traces (the console).
      await db.schema
        .createTable('auth_events')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('event_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('event_type', 'varchar(32)', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addColumn('response', 'varchar(16)', (c) => c.notNull())
        .addColumn('challenges', 'text', (c) => c.notNull())
        .addColumn('context', 'text', (c) => c.notNull())
        .addColumn('feedback', 'text')
        .addColumn('feedback_token', 'text', (c) => c.notNull())
        .addColumn('trace', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('auth_events_pk', ['pool_id', 'event_id'])
        .execute();
      await db.schema.createIndex('auth_events_user').on('auth_events').columns(['pool_id', 'username', 'created_at', 'event_id']).execute();
      await db.schema.createIndex('auth_events_created').on('auth_events').column('created_at').execute();
    },
  },
  '0007_oauth': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('user_pool_domains')
        .addColumn('domain', 'varchar(253)', (c) => c.primaryKey())
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('managed_login_version', 'integer', (c) => c.notNull())
        .addColumn('custom_config', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('user_pool_domains_pool').on('user_pool_domains').columns(['pool_id', 'kind']).unique().execute();

      await db.schema
        .createTable('resource_servers')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('identifier', 'varchar(256)', (c) => c.notNull())
        .addColumn('name', 'varchar(256)', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('resource_servers_pk', ['pool_id', 'identifier'])
        .execute();

      await db.schema
        .createTable('authorization_codes')
        .addColumn('code_hash', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('client_id', 'varchar(128)', (c) => c.notNull())
        .addColumn('username', 'varchar(256)', (c) => c.notNull())
        .addColumn('sub', 'varchar(64)', (c) => c.notNull())
        .addColumn('redirect_uri', 'text', (c) => c.notNull())
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('nonce', 'text')
        .addColumn('code_challenge', 'varchar(128)')
        .addColumn('auth_time', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('authorization_codes_expiry').on('authorization_codes').column('expires_at').execute();

      // The OAuth 2.0 scopes of a sign-in, carried by its refresh tokens (null: an API sign-in).
      await db.schema.alterTable('refresh_tokens').addColumn('scopes', 'text').execute();
    },
  },
  '0008_api': {
    async up(db: Kysely<any>) {
      await db.schema
        .createTable('pool_documents')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('kind', 'varchar(64)', (c) => c.notNull())
        .addColumn('doc_key', 'varchar(256)', (c) => c.notNull())
        .addColumn('client_id', 'varchar(128)')
        .addColumn('body', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('pool_documents_pk', ['pool_id', 'kind', 'doc_key'])
        .execute();
      await db.schema.createIndex('pool_documents_client').on('pool_documents').columns(['pool_id', 'client_id']).execute();

      // When a refresh token was last used: a token session's LastActiveDate (ListUserSessions).
      await db.schema.alterTable('refresh_tokens').addColumn('last_used_at', 'bigint').execute();

      // Every active secret of a client (AddUserPoolClientSecret allows two at once).
      await db.schema.alterTable('app_clients').addColumn('secrets', 'text').execute();

      await db.schema
        .createTable('user_import_jobs')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('job_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('name', 'varchar(128)', (c) => c.notNull())
        .addColumn('status', 'varchar(16)', (c) => c.notNull())
        .addColumn('role_arn', 'text', (c) => c.notNull())
        .addColumn('password_hashing_algorithm', 'varchar(32)')
        .addColumn('csv', 'text')
        .addColumn('imported', 'bigint', (c) => c.notNull())
        .addColumn('skipped', 'bigint', (c) => c.notNull())
        .addColumn('failed', 'bigint', (c) => c.notNull())
        .addColumn('completion_message', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('started_at', 'bigint')
        .addColumn('completed_at', 'bigint')
        .addPrimaryKeyConstraint('user_import_jobs_pk', ['pool_id', 'job_id'])
        .execute();
      await db.schema.createIndex('user_import_jobs_status').on('user_import_jobs').column('status').execute();
    },
  },
  '0009_keys': {
    async up(db: Kysely<any>) {
      // Key rotation: when servers start signing with a key (null: from its creation), when a
      // newer key took over from it, and the earliest time it may be dropped.
      await db.schema.alterTable('signing_keys').addColumn('activates_at', 'bigint').execute();
      await db.schema.alterTable('signing_keys').addColumn('retired_at', 'bigint').execute();
      await db.schema.alterTable('signing_keys').addColumn('drop_after', 'bigint').execute();
    },
  },
  '0010_send_limits': {
    async up(db: Kysely<any>) {
      // Code sends counted per user and kind, in fixed windows (--code-send-limit).
      await db.schema
        .createTable('send_limits')
        .addColumn('pool_id', 'varchar(64)', (c) => c.notNull())
        .addColumn('send_key', 'varchar(320)', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('sends', 'integer', (c) => c.notNull())
        .addColumn('window_end', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('send_limits_pk', ['pool_id', 'send_key'])
        .execute();
      await db.schema.createIndex('send_limits_end').on('send_limits').column('window_end').execute();
    },
  },
  '0011_outbox_created': {
    async up(db: Kysely<any>) {
      // Housekeeping deletes outbox messages past --message-retention-hours every minute.
      await db.schema.createIndex('outbox_created').on('outbox').column('created_at').execute();
    },
  },
};

export const migrationProvider: MigrationProvider = {
  async getMigrations() {
    return migrations;
  },
};
