// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-client-apps.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html
import { fail } from '../errors.ts';
import { customScopesOf, isLoopbackHttp, isReservedScope } from '../domain/oauth.ts';
import type { ClientConfig, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * The checks Cognito makes on an app client's OAuth 2.0 settings when it is created or updated
 * (after the member shapes), in the order it makes them, with its messages.
 */
export async function checkOAuthSettings(services: Services, pool: UserPool, config: ClientConfig, hasSecret: boolean): Promise<void> {
  const flows = config.AllowedOAuthFlows ?? [];
  const scopes = config.AllowedOAuthScopes ?? [];
  const oauthFlow = (message: string): never => {
    throw fail('InvalidOAuthFlowException', message);
  };
  if (flows.includes('client_credentials')) {
    if (flows.includes('code') || flows.includes('implicit')) oauthFlow('client_credentials flow can not be selected along with code flow or implicit flow');
    if (!hasSecret) oauthFlow('client_credentials flow can not be selected if client does not have a client secret.');
    const reserved = scopes.find(isReservedScope);
    if (reserved) oauthFlow(`${reserved} is not supported with client_credentials flow`);
  }
  if ((flows.includes('code') || flows.includes('implicit')) && !config.CallbackURLs?.length) {
    oauthFlow('CallbackUrls can not be empty when code flow or implicit flow is selected');
  }
  const custom = scopes.filter((s) => !isReservedScope(s));
  if (custom.length > 0) {
    const existing = customScopesOf(await services.stores.resourceServers.all(pool.id));
    const unknown = custom.find((s) => !existing.has(s));
    if (unknown !== undefined) throw fail('ScopeDoesNotExistException', `Invalid scope requested: ${unknown}`);
  }
  for (const url of [...(config.CallbackURLs ?? []), ...(config.LogoutURLs ?? []), ...(config.DefaultRedirectURI ? [config.DefaultRedirectURI] : [])]) {
    checkRedirectUrl(url);
  }
  if (config.DefaultRedirectURI !== undefined && !(config.CallbackURLs ?? []).includes(config.DefaultRedirectURI)) {
    throw fail('InvalidParameterException', 'DefaultRedirectURI must be one of the CallbackURLs.');
  }
  for (const provider of config.SupportedIdentityProviders ?? []) {
    // No identity providers can be created yet: COGNITO (the pool's own users) is the only one.
    if (provider !== 'COGNITO') throw fail('InvalidParameterException', `The provider ${provider} does not exist for User Pool ${pool.id}`);
  }
}

/**
 * A callback or sign-out URL: absolute, without a fragment, and https unless it is http on a
 * loopback host; custom schemes (`myapp://callback`) are allowed.
 */
function checkRedirectUrl(value: string): void {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw fail('InvalidParameterException', `${value} is not a valid URL.`);
  }
  if (url.hash !== '' || value.includes('#')) throw fail('InvalidParameterException', `${value} cannot contain a fragment.`);
  if (url.protocol === 'http:' && !isLoopbackHttp(url)) throw fail('InvalidParameterException', `${value} cannot use the HTTP protocol.`);
}
