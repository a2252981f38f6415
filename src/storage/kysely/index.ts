import type { Kysely } from 'kysely';
import type { Sealer } from '../../crypto/seal.ts';
import type { Stores } from '../ports.ts';
import { authEventStore } from './auth-events.ts';
import { authorizationCodeStore } from './authorization-codes.ts';
import { clientStore } from './clients.ts';
import { codeStore } from './codes.ts';
import { deviceStore } from './devices.ts';
import { domainStore } from './domains.ts';
import { groupStore } from './groups.ts';
import { outboxStore } from './outbox.ts';
import { lockoutStore } from './lockouts.ts';
import { sendLimitStore } from './send-limits.ts';
import { poolStore } from './pools.ts';
import { refreshTokenStore } from './refresh-tokens.ts';
import { resourceServerStore } from './resource-servers.ts';
import type { Database } from './schema.ts';
import { authSessionStore } from './sessions.ts';
import { signingKeyStore } from './signing-keys.ts';
import { inTransaction } from './tx.ts';
import { usedTokenStore } from './used-tokens.ts';
import { userStore } from './users.ts';
import { webAuthnStore } from './webauthn.ts';
import { poolDocumentStore } from './pool-documents.ts';
import { importJobStore } from './import-jobs.ts';

/** Binds every repository to `db` (the database or one transaction). */
export function createStores(db: Kysely<Database>, sealer: Sealer): Stores {
  return {
    pools: poolStore(db),
    clients: clientStore(db, sealer),
    users: userStore(db, sealer),
    groups: groupStore(db),
    codes: codeStore(db),
    outbox: outboxStore(db),
    authSessions: authSessionStore(db),
    lockouts: lockoutStore(db),
    sendLimits: sendLimitStore(db),
    authEvents: authEventStore(db),
    usedTokens: usedTokenStore(db),
    signingKeys: signingKeyStore(db, sealer),
    refreshTokens: refreshTokenStore(db),
    devices: deviceStore(db, sealer),
    webauthn: webAuthnStore(db),
    domains: domainStore(db),
    resourceServers: resourceServerStore(db),
    authorizationCodes: authorizationCodeStore(db),
    poolDocuments: poolDocumentStore(db),
    importJobs: importJobStore(db),
    transaction: (work) => inTransaction(db, (trx) => work(createStores(trx, sealer))),
  };
}
