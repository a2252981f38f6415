import type { FastifyRequest } from 'fastify';
import { parseAdminCredentials } from '../config/admin-credentials.ts';
import { fail } from '../errors.ts';
import { createSigV4Verifier } from '../protocol/sigv4.ts';
import type { Services } from '../services.ts';

/**
 * The check a `/_cognate/*` endpoint that reveals secrets (the outbox's codes) runs in production:
 * the request must be signed like an admin call — SigV4, service `cognito-idp`, the server's
 * region, one of the `--admin-credentials` keys — and is refused with the AWS signature errors
 * otherwise. In local mode it lets everything through.
 */
export function adminSignatureCheck(services: Services, what: string): (request: FastifyRequest) => Promise<void> {
  const credentials = services.config.adminCredentials === undefined ? undefined : parseAdminCredentials(services.config.adminCredentials);
  if (!services.config.production || !Array.isArray(credentials)) return async () => {};
  const verifier = createSigV4Verifier(credentials, services.config.region, () => services.clock.now());
  return async (request) => {
    const authorization = request.headers.authorization;
    if (typeof authorization !== 'string' || !authorization.startsWith('AWS4-HMAC-SHA256 ')) {
      throw fail('MissingAuthenticationTokenException', `${what} must be signed with AWS Signature Version 4 by an admin access key.`);
    }
    await verifier.verify({ method: request.method, url: request.url, headers: request.headers, body: typeof request.body === 'string' ? request.body : '' });
  };
}
