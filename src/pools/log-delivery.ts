// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetLogDeliveryConfiguration.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/exporting-quotas-and-usage.html
import { fail } from '../errors.ts';
import type { UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/**
 * Where a pool would export its logs (CloudWatch Logs, S3, Data Firehose): stored and returned;
 * cognate itself logs to its own output.
 */

const KIND = 'log-delivery';

export interface LogConfiguration {
  LogLevel: 'ERROR' | 'INFO';
  EventSource: 'userNotification' | 'userAuthEvents';
  CloudWatchLogsConfiguration?: { LogGroupArn?: string | undefined } | undefined;
  S3Configuration?: { BucketArn?: string | undefined } | undefined;
  FirehoseConfiguration?: { StreamArn?: string | undefined } | undefined;
}

const destinations = ['CloudWatchLogsConfiguration', 'S3Configuration', 'FirehoseConfiguration'] as const;

function check(pool: UserPool, configurations: LogConfiguration[]): void {
  const sources = new Set<string>();
  for (const c of configurations) {
    if (sources.has(c.EventSource)) throw fail('InvalidParameterException', `Only one log configuration per event source is allowed: ${c.EventSource}.`);
    sources.add(c.EventSource);
    const given = destinations.filter((d) => c[d] !== undefined);
    if (given.length !== 1) {
      throw fail('InvalidParameterException', `A log configuration needs exactly one destination: ${destinations.join(', ')}.`);
    }
    // Message delivery errors are exported at ERROR level to CloudWatch Logs; authentication
    // events at INFO level, in the Plus tier only.
    if (c.EventSource === 'userNotification' && (c.LogLevel !== 'ERROR' || given[0] !== 'CloudWatchLogsConfiguration')) {
      throw fail('InvalidParameterException', 'userNotification logs are exported at the ERROR level to CloudWatch Logs.');
    }
    if (c.EventSource === 'userAuthEvents') {
      if (c.LogLevel !== 'INFO') throw fail('InvalidParameterException', 'userAuthEvents logs are exported at the INFO level.');
      if ((pool.config.UserPoolTier ?? 'ESSENTIALS') !== 'PLUS') {
        throw fail('FeatureUnavailableInTierException', 'Exporting user authentication events requires the Plus tier.');
      }
    }
  }
}

/** LogDeliveryConfigurationType: what was set, or no configurations. */
export async function logDeliveryConfiguration(services: Services, pool: UserPool) {
  const doc = await services.stores.poolDocuments.get<LogConfiguration[]>(pool.id, KIND, '');
  return { UserPoolId: pool.id, LogConfigurations: doc?.body ?? [] };
}

/** Replaces the pool's log configurations. */
export async function setLogDeliveryConfiguration(services: Services, pool: UserPool, configurations: LogConfiguration[]) {
  check(pool, configurations);
  const now = services.clock.now();
  await services.stores.poolDocuments.put({ poolId: pool.id, kind: KIND, key: '', clientId: undefined, body: configurations, createdAt: now, updatedAt: now });
  return { UserPoolId: pool.id, LogConfigurations: configurations };
}
