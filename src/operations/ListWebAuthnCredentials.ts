import { z } from 'zod';
import { int, shapes } from './shapes.ts';
import { MAX_CREDENTIALS_PER_USER } from '../webauthn/webauthn.ts';
import { listPasskeys } from '../webauthn/credentials.ts';
import { operation } from './operation.ts';
import { pageCursor, pageToken } from './page-token.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_ListWebAuthnCredentials.html

export default operation({
  name: 'ListWebAuthnCredentials',
  auth: 'token',
  input: z.object({
    AccessToken: shapes.token(),
    NextToken: shapes.paginationToken().optional(),
    MaxResults: int({ min: 0, max: 20 }).optional(),
  }),
  async handler(req, { services, requestId, caller }) {
    const { pool, user } = caller;
    // The sub, not the username: a token must not carry over to a new user of the same name.
    const scope = `ListWebAuthnCredentials:${pool.id}:${user.sub}`;
    const after = pageCursor(services, scope, req.NextToken, requestId);
    const limit = req.MaxResults === undefined || req.MaxResults === 0 ? MAX_CREDENTIALS_PER_USER : req.MaxResults;
    const page = await listPasskeys(services, pool, user, limit, after);
    const next = pageToken(services, scope, page.next);
    return {
      Credentials: page.items.map((c) => ({
        CredentialId: c.credentialId,
        FriendlyCredentialName: c.friendlyName,
        RelyingPartyId: c.rpId,
        ...(c.authenticatorAttachment !== undefined ? { AuthenticatorAttachment: c.authenticatorAttachment } : {}),
        AuthenticatorTransports: c.transports,
        CreatedAt: c.createdAt / 1000,
      })),
      ...(next !== undefined ? { NextToken: next } : {}),
    };
  },
});
