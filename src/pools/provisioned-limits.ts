// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetProvisionedLimit.html
// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_UpdateProvisionedLimit.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/quotas.html
import { fail } from '../errors.ts';
import type { Services } from '../services.ts';

/**
 * The account's provisioned API request rates, by operation category: stored and returned (cognate
 * throttles nothing). They belong to the account, not to a pool: the documents have no pool id.
 */

const KIND = 'provisioned-limit';
const ACCOUNT = '';

/** The default (free) request rate of each user pool API category, in requests per second. */
const freeLimits: Readonly<Record<string, number>> = {
  UserAuthentication: 120,
  UserCreation: 50,
  UserFederation: 25,
  UserAccountRecovery: 30,
  UserRead: 120,
  UserUpdate: 25,
  UserResourceRead: 50,
  UserResourceUpdate: 25,
  UserList: 30,
  UserPoolRead: 15,
  UserPoolUpdate: 15,
  UserPoolResourceRead: 20,
  UserPoolResourceUpdate: 15,
  ClientAuthentication: 150,
};

export interface LimitDefinition {
  LimitClass: 'API_CATEGORY';
  Attributes: Record<string, string>;
}

function categoryOf(definition: LimitDefinition): string {
  const category = definition.Attributes.Category;
  if (category === undefined || !(category in freeLimits)) {
    throw fail('InvalidParameterException', `LimitDefinition.Attributes must name a Category, one of ${Object.keys(freeLimits).join(', ')}.`);
  }
  return category;
}

/** LimitType: the category's free rate and the provisioned one (the free one until raised). */
export async function provisionedLimit(services: Services, definition: LimitDefinition) {
  const category = categoryOf(definition);
  const doc = await services.stores.poolDocuments.get<{ value: number }>(ACCOUNT, KIND, category);
  const free = freeLimits[category]!;
  return {
    LimitDefinition: { LimitClass: definition.LimitClass, Attributes: { Category: category } },
    ProvisionedLimitValue: doc?.body.value ?? free,
    FreeLimitValue: free,
  };
}

/** Sets the category's provisioned rate: at least the free one. */
export async function updateProvisionedLimit(services: Services, definition: LimitDefinition, value: number) {
  const category = categoryOf(definition);
  const free = freeLimits[category]!;
  if (value < free) throw fail('InvalidParameterException', `The requested limit must be at least the default limit of ${category}, ${free}.`);
  const now = services.clock.now();
  await services.stores.poolDocuments.put({ poolId: ACCOUNT, kind: KIND, key: category, clientId: undefined, body: { value }, createdAt: now, updatedAt: now });
  return provisionedLimit(services, definition);
}
