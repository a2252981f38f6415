import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { parseAdminCredentials } from './admin-credentials.ts';
import { parseCodeSendLimit } from './code-send-limit.ts';

/**
 * Process configuration: every `cognate serve` flag, its `COGNATE_<NAME>` environment variable,
 * its default and its check. `cognate --help` and docs/configuration.md are generated from this
 * table, so a flag documented anywhere else is a bug.
 */

export interface ServerConfig {
  /** TCP port to listen on. */
  port: number;
  /** Interface to bind. */
  host: string;
  /** Folder of the SQLite database (and the master key file when none is given). */
  data: string;
  /** A `postgres://` URL selects PostgreSQL instead of SQLite. */
  db: string | undefined;
  /** Region used in pool ids, ARNs and the AWS-shaped issuer. */
  region: string;
  /** Token `iss`: `local` = http://<host>:<port>/<poolId>, `aws` = https://cognito-idp.<region>.amazonaws.com/<poolId>. */
  issuer: 'local' | 'aws';
  /** Folder of Lambda trigger modules. */
  functions: string | undefined;
  /** Lambda Invoke API endpoint for trigger functions not found in `functions`. */
  lambdaEndpoint: string | undefined;
  /** Secret the custom sender triggers' codes are encrypted with; defaults to the master secret. */
  senderKey: string | undefined;
  /** JSON file of pools, clients, users and groups created or updated at start. */
  config: string | undefined;
  /** Log level: fatal, error, warn, info, debug, trace or silent. */
  logLevel: string;
  /** Log lines as JSON, or pretty for a terminal; undefined = pretty when standard output is a terminal, else JSON. */
  logFormat: 'json' | 'pretty' | undefined;
  /** Master secret for secrets at rest; defaults to a key file generated in the data folder. */
  masterSecret: string | undefined;
  /** Base URL in the start banner and the `local` issuer; defaults to http://<host>:<port>. */
  publicUrl: string | undefined;
  /** SMTP server for email messages: `smtp://` or `smtps://`, optionally with `user:pass@`. */
  smtpUrl: string | undefined;
  /** Sender (From) of email messages. */
  smtpFrom: string;
  /** http(s) URL that receives each SMS message as a POST of JSON. */
  smsWebhook: string | undefined;
  /** `ID:SECRET[,…]`: the access keys signed (admin) calls must be signed with; unset = any signature. */
  adminCredentials: string | undefined;
  /** Server processes sharing the port (node's cluster module); `auto` resolves to one per core. */
  workers: number;
  /** Worker threads for SRP and password modexps; undefined = one per core, at most 4. */
  cryptoThreads: number | undefined;
  /** Days authentication events (and their traces) are kept. */
  authEventDays: number;
  /** Serve HTTPS (on `port`, or on `tlsPort` beside plain HTTP). */
  tls: boolean;
  /** PEM certificate (chain) for HTTPS; with `tlsKey`. Default: a self-signed one generated into the data folder. */
  tlsCert: string | undefined;
  /** PEM private key of `tlsCert`. */
  tlsKey: string | undefined;
  /** A second port serving HTTPS while `port` stays plain HTTP. */
  tlsPort: number | undefined;
  /** The OpenID discovery document: `cognito` (the fields Cognito's has) or `extended` (with revocation, end-session, PKCE and grant types). */
  discovery: 'cognito' | 'extended';
  /** Seconds a client has to send a whole request (headers within at most 10 of them); a socket silent twice that long is closed. */
  requestTimeout: number;
  /** Seconds a kept-alive connection may sit idle between two requests before it is closed. */
  keepAliveTimeout: number;
  /** Seconds SIGTERM / SIGINT wait for requests under way before the connections still open are closed. */
  shutdownTimeout: number;
  /**
   * The posture: `false` (local, the default) accepts any admin signature when no keys are
   * configured, leaves GET /_cognate/messages open and logs message text; `true` (production)
   * needs `adminCredentials` and `masterSecret`, signs the messages endpoint like an admin call,
   * logs no message text and blanks delivered messages in the outbox.
   */
  production: boolean;
  /** File holding the master secret (read at start into `masterSecret`). */
  masterSecretFile: string | undefined;
  /** File holding the admin credentials (read at start into `adminCredentials`). */
  adminCredentialsFile: string | undefined;
  /** Origins browsers may call from (CORS); undefined = any origin, as Cognito answers. */
  corsOrigins: readonly string[] | undefined;
  /** Hours an outbox message is kept before housekeeping deletes it. */
  messageRetentionHours: number;
  /** Seconds between a key rotation and the moment servers sign with the new keys (JWKS caches pick them up meanwhile). */
  keyActivationDelay: number;
  /** Rotate every pool's signing keys once they are this many days old; undefined = only by `cognate keys rotate`. */
  keyRotationDays: number | undefined;
  /** `N/WINDOW` or `off`: codes one user may be sent, per kind, in a window (ForgotPassword, ResendConfirmationCode, GetUserAttributeVerificationCode, sign-in codes). */
  codeSendLimit: string;
}

type Kind = 'string' | 'port' | 'enum' | 'count' | 'days' | 'seconds' | 'hours' | 'switch' | 'workers';

export interface Option {
  key: keyof ServerConfig;
  flag: string;
  env: string;
  kind: Kind;
  values?: readonly string[];
  default?: string;
  arg?: string;
  help: string;
}

export const options: readonly Option[] = [
  { key: 'port', flag: 'port', env: 'COGNATE_PORT', kind: 'port', default: '9229', arg: 'N', help: 'TCP port to listen on.' },
  {
    key: 'host',
    flag: 'host',
    env: 'COGNATE_HOST',
    kind: 'string',
    default: '127.0.0.1',
    arg: 'ADDR',
    help: 'Interface to bind (0.0.0.0 or :: for every interface: issuers and URLs then name http://127.0.0.1:<port> unless --public-url is given).',
  },
  {
    key: 'data',
    flag: 'data',
    env: 'COGNATE_DATA',
    kind: 'string',
    default: './.cognate',
    arg: 'DIR',
    help: 'Folder of the embedded SQLite database and of the generated master key.',
  },
  {
    key: 'db',
    flag: 'db',
    env: 'COGNATE_DB',
    kind: 'string',
    arg: 'URL',
    help: 'A postgres:// URL: use PostgreSQL instead of SQLite (many processes may share it).',
  },
  {
    key: 'region',
    flag: 'region',
    env: 'COGNATE_REGION',
    kind: 'string',
    default: 'us-east-1',
    arg: 'REGION',
    help: 'Region in pool ids (<region>_<id>), ARNs and the aws issuer.',
  },
  {
    key: 'issuer',
    flag: 'issuer',
    env: 'COGNATE_ISSUER',
    kind: 'enum',
    values: ['local', 'aws'],
    default: 'local',
    arg: 'local|aws',
    help: 'Token iss: local = http://<host>:<port>/<poolId>; aws = https://cognito-idp.<region>.amazonaws.com/<poolId> (for CognitoJwtVerifier).',
  },
  {
    key: 'functions',
    flag: 'functions',
    env: 'COGNATE_FUNCTIONS',
    kind: 'string',
    arg: 'DIR',
    help: 'Folder of Lambda trigger modules (NAME.mjs / NAME.js exporting handler).',
  },
  {
    key: 'lambdaEndpoint',
    flag: 'lambda-endpoint',
    env: 'COGNATE_LAMBDA_ENDPOINT',
    kind: 'string',
    arg: 'URL',
    help: 'Invoke trigger functions not found in --functions through the Lambda Invoke API at this URL (AWS Lambda, LocalStack, …).',
  },
  {
    key: 'senderKey',
    flag: 'sender-key',
    env: 'COGNATE_SENDER_KEY',
    kind: 'string',
    arg: 'SECRET',
    help: 'Secret (at least 32 characters) the codes handed to CustomEmailSender / CustomSMSSender functions are encrypted with (docs/triggers.md). Default: the master secret.',
  },
  {
    key: 'config',
    flag: 'config',
    env: 'COGNATE_CONFIG',
    kind: 'string',
    arg: 'FILE',
    help: 'JSON file of pools, clients, users and groups, created or updated at start.',
  },
  {
    key: 'logLevel',
    flag: 'log-level',
    env: 'COGNATE_LOG_LEVEL',
    kind: 'enum',
    values: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'],
    default: 'info',
    arg: 'LEVEL',
    help: 'Log level.',
  },
  {
    key: 'logFormat',
    flag: 'log-format',
    env: 'COGNATE_LOG_FORMAT',
    kind: 'enum',
    values: ['json', 'pretty'],
    arg: 'json|pretty',
    help: 'Log lines as JSON objects (for a log collector) or pretty (readable in a terminal). Default: pretty when standard output is a terminal, json otherwise.',
  },
  {
    key: 'masterSecret',
    flag: 'master-secret',
    env: 'COGNATE_MASTER_SECRET',
    kind: 'string',
    arg: 'SECRET',
    help: 'Secret that encrypts secrets at rest (at least 32 characters). Default: a key generated once in the data folder. Every process sharing a database needs the same one.',
  },
  {
    key: 'publicUrl',
    flag: 'public-url',
    env: 'COGNATE_PUBLIC_URL',
    kind: 'string',
    arg: 'URL',
    help: 'Base URL clients use to reach the server (default http://<host>:<port>, or http://127.0.0.1:<port> when bound to every interface); the local issuer starts with it.',
  },
  {
    key: 'smtpUrl',
    flag: 'smtp-url',
    env: 'COGNATE_SMTP_URL',
    kind: 'string',
    arg: 'URL',
    help: 'Deliver email messages (codes, invitations) through this SMTP server: smtp://[user:pass@]host[:port] or smtps://… Without it they stay in the outbox and the log.',
  },
  {
    key: 'smtpFrom',
    flag: 'smtp-from',
    env: 'COGNATE_SMTP_FROM',
    kind: 'string',
    default: 'no-reply@cognate.local',
    arg: 'ADDRESS',
    help: 'Sender address of delivered email messages.',
  },
  {
    key: 'smsWebhook',
    flag: 'sms-webhook',
    env: 'COGNATE_SMS_WEBHOOK',
    kind: 'string',
    arg: 'URL',
    help: 'Deliver SMS messages by POSTing JSON {destination, message, userPoolId, username, purpose} to this http(s) URL. Without it they stay in the outbox and the log.',
  },
  {
    key: 'adminCredentials',
    flag: 'admin-credentials',
    env: 'COGNATE_ADMIN_CREDENTIALS',
    kind: 'string',
    arg: 'ID:SECRET[,…]',
    help: 'Access keys that admin and management calls must be signed with (SigV4, checked). Without it any signature is accepted, as a local stand-in.',
  },
  {
    key: 'workers',
    flag: 'workers',
    env: 'COGNATE_WORKERS',
    kind: 'workers',
    default: '1',
    arg: 'N|auto',
    help: 'Server processes sharing the port (node cluster), on the same database: the first process applies migrations and the seed, then starts them. auto = one per core.',
  },
  {
    key: 'cryptoThreads',
    flag: 'crypto-threads',
    env: 'COGNATE_CRYPTO_THREADS',
    kind: 'count',
    arg: 'N',
    help: 'Worker threads that compute the SRP and password modular exponentiations off the event loop, with RS256 signatures in the thread pool (0: both on the event loop). Default: one per core each server process has to itself, at most 4; 0 where that is one core.',
  },
  {
    key: 'authEventDays',
    flag: 'auth-event-days',
    env: 'COGNATE_AUTH_EVENT_DAYS',
    kind: 'days',
    arg: 'DAYS',
    default: '90',
    help: 'Days each authentication event (AdminListUserAuthEvents, and its trace in the console) is kept.',
  },
  {
    key: 'tls',
    flag: 'tls',
    env: 'COGNATE_TLS',
    kind: 'switch',
    help: 'Serve HTTPS (Amplify builds https://<domain>/oauth2/… URLs): with --tls-cert/--tls-key, or a self-signed certificate for localhost, *.localhost and 127.0.0.1 generated once into the data folder.',
  },
  {
    key: 'tlsCert',
    flag: 'tls-cert',
    env: 'COGNATE_TLS_CERT',
    kind: 'string',
    arg: 'FILE',
    help: 'PEM certificate (chain) for --tls, with --tls-key.',
  },
  {
    key: 'tlsKey',
    flag: 'tls-key',
    env: 'COGNATE_TLS_KEY',
    kind: 'string',
    arg: 'FILE',
    help: 'PEM private key of --tls-cert.',
  },
  {
    key: 'tlsPort',
    flag: 'tls-port',
    env: 'COGNATE_TLS_PORT',
    kind: 'port',
    arg: 'N',
    help: 'With --tls: serve HTTPS on this port and keep plain HTTP on --port.',
  },
  {
    key: 'discovery',
    flag: 'discovery',
    env: 'COGNATE_DISCOVERY',
    kind: 'enum',
    values: ['cognito', 'extended'],
    default: 'cognito',
    arg: 'cognito|extended',
    help: 'The OpenID discovery document: cognito = the fields Cognito publishes; extended = also revocation_endpoint, end_session_endpoint, code_challenge_methods_supported and grant_types_supported.',
  },
  {
    key: 'requestTimeout',
    flag: 'request-timeout',
    env: 'COGNATE_REQUEST_TIMEOUT',
    kind: 'seconds',
    arg: 'SECONDS',
    default: '30',
    help: 'Seconds a client has to send a whole request, headers and body (the headers within 10 of them); past it the request is answered 408 RequestTimeoutException and its connection closed.',
  },
  {
    key: 'keepAliveTimeout',
    flag: 'keep-alive-timeout',
    env: 'COGNATE_KEEP_ALIVE_TIMEOUT',
    kind: 'seconds',
    arg: 'SECONDS',
    default: '65',
    help: 'Seconds a kept-alive connection may sit idle between two requests before the server closes it. Keep it longer than the idle timeout of a load balancer or client that reuses connections (60 seconds on most), so that they, not the server, close an idle connection.',
  },
  {
    key: 'shutdownTimeout',
    flag: 'shutdown-timeout',
    env: 'COGNATE_SHUTDOWN_TIMEOUT',
    kind: 'seconds',
    arg: 'SECONDS',
    default: '5',
    help: 'On SIGTERM or SIGINT the server stops accepting connections and lets requests under way finish for up to this many seconds, then closes the connections still open and exits.',
  },
  {
    key: 'production',
    flag: 'production',
    env: 'COGNATE_PRODUCTION',
    kind: 'switch',
    help: 'Safe defaults for a server others can reach: needs --admin-credentials and --master-secret, signs GET /_cognate/messages like an admin call, logs no codes and blanks delivered messages. Without it (local mode) admin calls take any signature, the messages endpoint is open and codes are logged.',
  },
  {
    key: 'masterSecretFile',
    flag: 'master-secret-file',
    env: 'COGNATE_MASTER_SECRET_FILE',
    kind: 'string',
    arg: 'FILE',
    help: 'Read the master secret from this file (surrounding white space ignored) instead of --master-secret.',
  },
  {
    key: 'adminCredentialsFile',
    flag: 'admin-credentials-file',
    env: 'COGNATE_ADMIN_CREDENTIALS_FILE',
    kind: 'string',
    arg: 'FILE',
    help: 'Read the admin credentials from this file (ID:SECRET pairs separated by commas or new lines) instead of --admin-credentials.',
  },
  {
    key: 'corsOrigins',
    flag: 'cors-origins',
    env: 'COGNATE_CORS_ORIGINS',
    kind: 'string',
    arg: 'ORIGIN[,…]',
    help: 'Origins (https://app.example.com) browsers may call the API and OAuth endpoints from. Default: any origin, as Cognito answers.',
  },
  {
    key: 'messageRetentionHours',
    flag: 'message-retention-hours',
    env: 'COGNATE_MESSAGE_RETENTION_HOURS',
    kind: 'hours',
    arg: 'HOURS',
    default: '24',
    help: 'Hours each outbox message (and the code it carries) is kept before housekeeping deletes it.',
  },
  {
    key: 'keyActivationDelay',
    flag: 'key-activation-delay',
    env: 'COGNATE_KEY_ACTIVATION_DELAY',
    kind: 'seconds',
    arg: 'SECONDS',
    default: '60',
    help: 'After a signing key rotation, seconds before servers sign with the new keys (they are in the JWKS at once, so verifiers caching the JWKS can pick them up).',
  },
  {
    key: 'keyRotationDays',
    flag: 'key-rotation-days',
    env: 'COGNATE_KEY_ROTATION_DAYS',
    kind: 'days',
    arg: 'DAYS',
    help: "Rotate each pool's signing keys once they are this many days old (checked every minute, once across processes). Default: only by `cognate keys rotate`.",
  },
  {
    key: 'codeSendLimit',
    flag: 'code-send-limit',
    env: 'COGNATE_CODE_SEND_LIMIT',
    kind: 'string',
    arg: 'N/WINDOW',
    default: '100/1h',
    help: "Codes one user may be sent in a window, counted apart for password resets (ForgotPassword), confirmation codes (ResendConfirmationCode), attribute codes (GetUserAttributeVerificationCode) and sign-in codes (SMS and email MFA, passwordless); past it LimitExceededException. WINDOW is a number and s, m, h or d ('5/1h'); 'off' counts nothing.",
  },
];

export class ConfigError extends Error {}

/** Builds a checked configuration from flag values (already split) and the environment. */
export function resolveConfig(flags: Record<string, string | boolean | undefined>, env: NodeJS.ProcessEnv): ServerConfig {
  const out: Record<string, unknown> = {};
  for (const o of options) {
    const given = flags[o.flag];
    if (o.kind === 'switch') {
      const value = given ?? env[o.env];
      if (value === undefined || typeof value === 'boolean') out[o.key] = value === true;
      else if (/^(true|1|yes|on)$/i.test(value)) out[o.key] = true;
      else if (/^(false|0|no|off|)$/i.test(value)) out[o.key] = false;
      else throw new ConfigError(`${given !== undefined ? `--${o.flag}` : o.env} must be true or false, got '${value}'`);
      continue;
    }
    const raw = (typeof given === 'string' ? given : undefined) ?? env[o.env] ?? o.default;
    if (raw === undefined) {
      out[o.key] = undefined;
      continue;
    }
    const source = flags[o.flag] !== undefined ? `--${o.flag}` : env[o.env] !== undefined ? o.env : `--${o.flag}`;
    if (o.kind === 'port') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n > 65535) throw new ConfigError(`${source} must be a port number from 0 to 65535, got '${raw}'`);
      out[o.key] = n;
    } else if (o.kind === 'count') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n > 64) throw new ConfigError(`${source} must be a whole number from 0 to 64, got '${raw}'`);
      out[o.key] = n;
    } else if (o.kind === 'workers') {
      const n = raw === 'auto' ? availableParallelism() : Number(raw);
      if (raw !== 'auto' && (!/^\d+$/.test(raw) || n < 1 || n > 64))
        throw new ConfigError(`${source} must be auto or a whole number from 1 to 64, got '${raw}'`);
      out[o.key] = n;
    } else if (o.kind === 'days') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1 || n > 3650) throw new ConfigError(`${source} must be a whole number of days from 1 to 3650, got '${raw}'`);
      out[o.key] = n;
    } else if (o.kind === 'seconds') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n > 86_400) throw new ConfigError(`${source} must be a whole number of seconds from 0 to 86400, got '${raw}'`);
      out[o.key] = n;
    } else if (o.kind === 'hours') {
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < 1 || n > 8760) throw new ConfigError(`${source} must be a whole number of hours from 1 to 8760, got '${raw}'`);
      out[o.key] = n;
    } else if (o.kind === 'enum') {
      if (!o.values!.includes(raw)) throw new ConfigError(`${source} must be one of ${o.values!.join(', ')}, got '${raw}'`);
      out[o.key] = raw;
    } else {
      if (raw.length === 0) throw new ConfigError(`${source} must not be empty`);
      out[o.key] = raw;
    }
  }
  out.masterSecret = fromFile(out.masterSecret as string | undefined, out.masterSecretFile as string | undefined, 'master-secret', (t) => t.trim());
  out.adminCredentials = fromFile(out.adminCredentials as string | undefined, out.adminCredentialsFile as string | undefined, 'admin-credentials', (t) =>
    t
      .split(/[,\n\r]+/)
      .map((line) => line.trim())
      .filter((line) => line.length > 0)
      .join(','),
  );
  out.corsOrigins = out.corsOrigins === undefined ? undefined : parseOrigins(out.corsOrigins as string);
  const config = out as unknown as ServerConfig;
  if (config.db !== undefined && !/^postgres(ql)?:\/\//.test(config.db)) {
    throw new ConfigError(`--db must be a postgres:// URL, got '${config.db.replace(/\/\/[^@]*@/, '//***@')}'`);
  }
  if (!/^[a-z]{2}(-gov)?-[a-z]+-\d$/.test(config.region)) {
    throw new ConfigError(`--region must look like an AWS region (us-east-1), got '${config.region}'`);
  }
  if (config.masterSecret !== undefined && config.masterSecret.length < 32) {
    throw new ConfigError('--master-secret must be at least 32 characters');
  }
  if (config.publicUrl !== undefined && !/^https?:\/\/[^/]+/.test(config.publicUrl)) {
    throw new ConfigError(`--public-url must be an http(s) URL, got '${config.publicUrl}'`);
  }
  if (config.smtpUrl !== undefined && !isUrl(config.smtpUrl, ['smtp:', 'smtps:'])) {
    throw new ConfigError(`--smtp-url must be an smtp:// or smtps:// URL, got '${hideCredentials(config.smtpUrl)}'`);
  }
  if (!/^[^\s@]+@[^\s@]+$/.test(config.smtpFrom.replace(/^.*<([^>]*)>\s*$/, '$1'))) {
    throw new ConfigError(`--smtp-from must be an email address, got '${config.smtpFrom}'`);
  }
  if (config.lambdaEndpoint !== undefined && !isUrl(config.lambdaEndpoint, ['http:', 'https:'])) {
    throw new ConfigError(`--lambda-endpoint must be an http(s) URL, got '${hideCredentials(config.lambdaEndpoint)}'`);
  }
  if (config.senderKey !== undefined && config.senderKey.length < 32) {
    throw new ConfigError('--sender-key must be at least 32 characters');
  }
  if (config.adminCredentials !== undefined) {
    const parsed = parseAdminCredentials(config.adminCredentials);
    if (typeof parsed === 'string') throw new ConfigError(`--admin-credentials ${parsed}`);
  }
  const sendLimit = parseCodeSendLimit(config.codeSendLimit);
  if (typeof sendLimit === 'string') throw new ConfigError(`--code-send-limit ${sendLimit}, got '${config.codeSendLimit}'`);
  if (config.smsWebhook !== undefined && !isUrl(config.smsWebhook, ['http:', 'https:'])) {
    throw new ConfigError(`--sms-webhook must be an http(s) URL, got '${hideCredentials(config.smsWebhook)}'`);
  }
  for (const [key, flag] of [
    ['tlsCert', 'tls-cert'],
    ['tlsKey', 'tls-key'],
    ['tlsPort', 'tls-port'],
  ] as const) {
    if (config[key] !== undefined && !config.tls) throw new ConfigError(`--${flag} needs --tls`);
  }
  if (config.requestTimeout < 1) throw new ConfigError('--request-timeout must be at least 1 second');
  if (config.keepAliveTimeout < 1) throw new ConfigError('--keep-alive-timeout must be at least 1 second');
  if ((config.tlsCert === undefined) !== (config.tlsKey === undefined)) throw new ConfigError('--tls-cert and --tls-key go together');
  // Production refuses to start on the laptop stand-ins: any signature, a key file beside the data.
  if (config.production && config.adminCredentials === undefined) {
    throw new ConfigError('--production needs --admin-credentials (or --admin-credentials-file): admin calls must be signed with known keys');
  }
  if (config.production && config.masterSecret === undefined) {
    throw new ConfigError('--production needs --master-secret (or --master-secret-file): secrets at rest must not depend on a key file in the data folder');
  }
  if (config.tlsPort !== undefined && config.tlsPort !== 0 && config.tlsPort === config.port) throw new ConfigError('--tls-port must differ from --port');
  return config;
}

/** A secret given directly or as a file (never both); the file's text goes through `clean`. */
function fromFile(direct: string | undefined, file: string | undefined, flag: string, clean: (text: string) => string): string | undefined {
  if (file === undefined) return direct;
  if (direct !== undefined) throw new ConfigError(`give --${flag} or --${flag}-file, not both`);
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(`--${flag}-file cannot be read: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message} (${file})`);
  }
  const value = clean(text);
  if (value.length === 0) throw new ConfigError(`--${flag}-file is empty (${file})`);
  return value;
}

/** `https://a.example,http://localhost:3000` → origins as browsers send them, or a ConfigError. */
function parseOrigins(text: string): string[] {
  const origins = text
    .split(',')
    .map((o) => o.trim())
    .filter((o) => o.length > 0);
  for (const o of origins) {
    let url: URL | undefined;
    try {
      url = new URL(o);
    } catch {
      url = undefined;
    }
    if (!url || !['http:', 'https:'].includes(url.protocol) || url.origin !== o.replace(/\/$/, '')) {
      throw new ConfigError(`--cors-origins must be origins such as https://app.example.com separated by commas, got '${o}'`);
    }
  }
  if (origins.length === 0) throw new ConfigError('--cors-origins must name at least one origin');
  return origins.map((o) => o.replace(/\/$/, ''));
}

/** Whether `value` parses as a URL with a host and one of `protocols`. */
function isUrl(value: string, protocols: readonly string[]): boolean {
  try {
    const u = new URL(value);
    return protocols.includes(u.protocol) && u.hostname !== '';
  } catch {
    return false;
  }
}

/** A URL with any `user:pass@` masked, for error messages. */
function hideCredentials(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}

/** The options part of `cognate --help` (the CLI prints its commands above it). */
export function helpText(): string {
  const lines = [
    'A self-hostable server speaking the Amazon Cognito user pools API.',
    'Every option can also be set by its environment variable; the commands other than serve',
    'use the storage options (--data or --db, --master-secret) and those they name.',
    '',
    'Options:',
  ];
  for (const o of options) {
    const left = `  --${o.flag}${o.arg ? ` ${o.arg}` : ''}`;
    if (o.kind === 'switch') {
      lines.push(`${left.padEnd(30)} ${o.help}`);
      lines.push(`${''.padEnd(30)} env ${o.env} (true or false)`);
      continue;
    }
    const def = o.default !== undefined ? ` (default ${o.default})` : '';
    lines.push(`${left.padEnd(30)} ${o.help}${def}`);
    lines.push(`${''.padEnd(30)} env ${o.env}`);
  }
  lines.push('  --help, -h                     Show this help.');
  return lines.join('\n');
}
