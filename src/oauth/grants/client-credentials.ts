// https://docs.aws.amazon.com/cognito/latest/developerguide/token-endpoint.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/cognito-user-pools-define-resource-servers.html
import { isReservedScope } from '../../domain/oauth.ts';
import type { AppClient, UserPool } from '../../domain/types.ts';
import type { Services } from '../../services.ts';
import { issueClientCredentialsToken } from '../../tokens/client-credentials.ts';
import { clientCredentialsPreTokenGeneration } from '../../tokens/pre-token-generation.ts';
import { activeScopes } from '../../tokens/scopes.ts';
import { oauthError } from '../errors.ts';

/** `aws_client_metadata`: a JSON object of strings (URL-encoded in the form), for PreTokenGeneration. */
function clientMetadata(raw: string | null): Record<string, string> | undefined {
  if (raw === null || raw === '') return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    throw oauthError('invalid_request', 'aws_client_metadata is not a JSON object.');
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed) || Object.values(parsed).some((v) => typeof v !== 'string')) {
    throw oauthError('invalid_request', 'aws_client_metadata must be a JSON object of strings.');
  }
  return parsed as Record<string, string>;
}

/**
 * grant_type=client_credentials: a confidential client's own access token with custom scopes
 * (those asked for, or every one the client allows), no ID or refresh token.
 */
export async function clientCredentialsGrant(services: Services, pool: UserPool, client: AppClient, params: URLSearchParams): Promise<Record<string, unknown>> {
  // Observed: a client with the flow listed but AllowedOAuthFlowsUserPoolClient off gets invalid_grant.
  if (client.config.AllowedOAuthFlowsUserPoolClient !== true) throw oauthError('invalid_grant');
  if (!(client.config.AllowedOAuthFlows ?? []).includes('client_credentials') || client.secrets.length === 0) throw oauthError('unauthorized_client');
  const allowed = (client.config.AllowedOAuthScopes ?? []).filter((s) => !isReservedScope(s));
  const asked = params.get('scope')?.split(' ').filter(Boolean);
  if (asked?.some((s) => !allowed.includes(s))) throw oauthError('invalid_scope');
  const scopes = await activeScopes(services, pool.id, asked?.length ? asked : allowed);
  if (scopes.length === 0) throw oauthError('invalid_scope');
  const metadata = clientMetadata(params.get('aws_client_metadata'));
  const { accessToken, expiresIn } = await issueClientCredentialsToken(services, {
    pool,
    client,
    scopes,
    adjust: clientCredentialsPreTokenGeneration(services, { pool, clientId: client.clientId, clientMetadata: metadata }),
  });
  return { access_token: accessToken, expires_in: expiresIn, token_type: 'Bearer' };
}
