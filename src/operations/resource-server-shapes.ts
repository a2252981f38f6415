import { z } from 'zod';
import type { ResourceServer } from '../domain/oauth.ts';
import { list, str } from './shapes.ts';

/** Members of the resource server operations (AWS model), and ResourceServerType. */

export const resourceServerIdentifier = () => str({ min: 1, max: 256, pattern: /[\x21\x23-\x5B\x5D-\x7E]+/ });
export const resourceServerName = () => str({ min: 1, max: 256, pattern: /[\w\s+=,.@-]+/ });

// The model's ScopeName pattern leaves out `/` (it separates the identifier from the name in
// tokens); checked whole here, since an unanchored pattern would accept `a/b`.
const SCOPE_NAME = /^[\x21\x23-\x2E\x30-\x5B\x5D-\x7E]+$/;
const scopeName = () =>
  str({ min: 1, max: 256 }).refine((v) => SCOPE_NAME.test(v), {
    message: 'Member must satisfy regular expression pattern: [\\x21\\x23-\\x2E\\x30-\\x5B\\x5D-\\x7E]+',
  });

export const resourceServerScopes = () => list(z.object({ ScopeName: scopeName(), ScopeDescription: str({ min: 1, max: 256 }) }), { max: 100 });

export function describeResourceServer(server: ResourceServer): Record<string, unknown> {
  return { UserPoolId: server.poolId, Identifier: server.identifier, Name: server.name, Scopes: server.scopes };
}
