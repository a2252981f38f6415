// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetRiskConfiguration.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_DescribeRiskConfiguration.html
import { isIP } from 'node:net';
import { fail } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Threat protection settings (compromised credentials, adaptive authentication, IP exceptions)
 * of the pool or of one app client, which then replaces the pool's: stored and returned; cognate
 * evaluates no risk.
 */

const KIND = 'risk-configuration';

export interface RiskSettings {
  CompromisedCredentialsRiskConfiguration?: Record<string, unknown> | undefined;
  AccountTakeoverRiskConfiguration?: Record<string, unknown> | undefined;
  RiskExceptionConfiguration?: { BlockedIPRangeList?: string[] | undefined; SkippedIPRangeList?: string[] | undefined } | undefined;
}

const members = ['CompromisedCredentialsRiskConfiguration', 'AccountTakeoverRiskConfiguration', 'RiskExceptionConfiguration'] as const;

function isCidr(range: string): boolean {
  const [address, bits, extra] = range.split('/');
  if (address === undefined || bits === undefined || extra !== undefined || !/^\d{1,3}$/.test(bits)) return false;
  const family = isIP(address);
  return family !== 0 && Number(bits) <= (family === 4 ? 32 : 128);
}

/** RiskConfigurationType for the pool, or for a client (its own settings, else the pool's). */
export async function riskConfiguration(services: Services, pool: UserPool, clientId: string | undefined) {
  const docs = services.stores.poolDocuments;
  const doc = (clientId !== undefined ? await docs.get<RiskSettings>(pool.id, KIND, clientId) : undefined) ?? (await docs.get<RiskSettings>(pool.id, KIND, ''));
  return {
    UserPoolId: pool.id,
    ...(clientId !== undefined ? { ClientId: clientId } : {}),
    ...doc?.body,
    ...(doc ? { LastModifiedDate: doc.updatedAt / 1000 } : {}),
  };
}

/**
 * Sets the pool's (or a client's) threat protection settings. With none given, the pool's go
 * back to the defaults and a client's back to inheriting the pool's.
 */
export async function setRiskConfiguration(services: Services, pool: UserPool, clientId: string | undefined, settings: RiskSettings) {
  const ranges = [...(settings.RiskExceptionConfiguration?.BlockedIPRangeList ?? []), ...(settings.RiskExceptionConfiguration?.SkippedIPRangeList ?? [])];
  const bad = ranges.find((r) => !isCidr(r));
  if (bad !== undefined) throw fail('InvalidParameterException', `${bad} is not an IP address range in CIDR notation.`);
  const docs = services.stores.poolDocuments;
  const body = Object.fromEntries(members.filter((m) => settings[m] !== undefined).map((m) => [m, settings[m]])) as RiskSettings;
  if (Object.keys(body).length === 0) {
    await docs.delete(pool.id, KIND, clientId ?? '');
  } else {
    const now = services.clock.now();
    const previous = await docs.get(pool.id, KIND, clientId ?? '');
    await docs.put({ poolId: pool.id, kind: KIND, key: clientId ?? '', clientId, body, createdAt: previous?.createdAt ?? now, updatedAt: now });
  }
  return riskConfiguration(services, pool, clientId);
}
