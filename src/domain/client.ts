import type { AppClient } from './types.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_CreateUserPoolClient.html

/** The values of ExplicitAuthFlows: the pre-2019 names and the `ALLOW_` ones. */
export const explicitAuthFlowValues = [
  'ADMIN_NO_SRP_AUTH',
  'CUSTOM_AUTH_FLOW_ONLY',
  'USER_PASSWORD_AUTH',
  'ALLOW_ADMIN_USER_PASSWORD_AUTH',
  'ALLOW_CUSTOM_AUTH',
  'ALLOW_USER_PASSWORD_AUTH',
  'ALLOW_USER_SRP_AUTH',
  'ALLOW_REFRESH_TOKEN_AUTH',
  'ALLOW_USER_AUTH',
  // Machine-to-machine tokens from GetClientToken; the client's only flow when given.
  'ALLOW_CLIENT_TOKEN_AUTH',
] as const;
export type ExplicitAuthFlow = (typeof explicitAuthFlowValues)[number];

/** ExplicitAuthFlows when a client was created without the list. */
export const defaultExplicitAuthFlows = ['ALLOW_USER_SRP_AUTH', 'ALLOW_CUSTOM_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH'] as const;

/** The units of TokenValidityUnits. */
export const timeUnits = ['seconds', 'minutes', 'hours', 'days'] as const;
export type TimeUnit = (typeof timeUnits)[number];

const legacyAuthFlows = ['ADMIN_NO_SRP_AUTH', 'CUSTOM_AUTH_FLOW_ONLY', 'USER_PASSWORD_AUTH'] as const;

/** The kinds of sign-in an app client can allow. */
export type FlowKind = 'srp' | 'password' | 'admin_password' | 'custom' | 'refresh' | 'user_auth' | 'client_token';

function explicitFlows(client: AppClient): readonly string[] {
  return client.config.ExplicitAuthFlows ?? defaultExplicitAuthFlows;
}

/** A client whose flows are only the pre-2019 names. */
function isLegacy(flows: readonly string[]): boolean {
  return flows.length > 0 && flows.every((f) => (legacyAuthFlows as readonly string[]).includes(f));
}

/** True for a legacy client restricted to Lambda-driven custom auth. */
export function customAuthOnly(client: AppClient): boolean {
  const flows = explicitFlows(client);
  return isLegacy(flows) && flows.includes('CUSTOM_AUTH_FLOW_ONLY');
}

/**
 * Whether the client allows a kind of sign-in. Legacy clients always allow SRP and refresh
 * (unless restricted to custom auth); `ALLOW_*` clients allow exactly what they list.
 */
export function flowAllowed(client: AppClient, kind: FlowKind): boolean {
  const flows = explicitFlows(client);
  if (isLegacy(flows)) {
    if (flows.includes('CUSTOM_AUTH_FLOW_ONLY')) return kind === 'custom';
    switch (kind) {
      case 'srp':
      case 'refresh':
        return true;
      case 'password':
        return flows.includes('USER_PASSWORD_AUTH');
      case 'admin_password':
        return flows.includes('ADMIN_NO_SRP_AUTH');
      default:
        return false;
    }
  }
  const name = {
    srp: 'ALLOW_USER_SRP_AUTH',
    password: 'ALLOW_USER_PASSWORD_AUTH',
    admin_password: 'ALLOW_ADMIN_USER_PASSWORD_AUTH',
    custom: 'ALLOW_CUSTOM_AUTH',
    refresh: 'ALLOW_REFRESH_TOKEN_AUTH',
    user_auth: 'ALLOW_USER_AUTH',
    client_token: 'ALLOW_CLIENT_TOKEN_AUTH',
  }[kind];
  return flows.includes(name);
}

/** PreventUserExistenceErrors: LEGACY (the API default) reveals unknown users, ENABLED hides them. */
export function hidesUserExistence(client: AppClient): boolean {
  return client.config.PreventUserExistenceErrors === 'ENABLED';
}
