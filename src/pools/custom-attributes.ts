// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_AddCustomAttributes.html
// https://docs.aws.amazon.com/cognito/latest/developerguide/user-pool-settings-attributes.html#user-pool-settings-custom-attributes
import { fail } from '../errors.ts';
import { schemaOf } from '../domain/pool.ts';
import type { SchemaAttribute, UserPool } from '../domain/types.ts';
import type { Services } from '../services.ts';

/** Custom attributes a pool can have. */
const MAX_CUSTOM_ATTRIBUTES = 50;

/**
 * Adds custom attributes to the pool's schema: `custom:<name>` (`dev:custom:<name>` for
 * developer-only ones), never required, never replacing an attribute the pool has. Not while
 * users are being imported.
 */
export async function addCustomAttributes(services: Services, pool: UserPool, attributes: SchemaAttribute[]): Promise<void> {
  if (await services.stores.importJobs.running(pool.id)) {
    throw fail('UserImportInProgressException', 'Custom attributes cannot be added while a user import job is running.');
  }
  const existing = new Set(schemaOf(pool.config).map((a) => a.Name));
  const added: SchemaAttribute[] = [];
  for (const a of attributes) {
    if (a.Required) throw fail('InvalidParameterException', 'Required custom attributes are not supported currently.');
    const name = `${a.DeveloperOnlyAttribute ? 'dev:custom' : 'custom'}:${a.Name}`;
    if (existing.has(name)) throw fail('InvalidParameterException', `Existing attribute already has name ${name}.`);
    existing.add(name);
    // Stored under the full name, so a custom `email` cannot be taken for the standard one.
    added.push({ ...a, Name: name, AttributeDataType: a.AttributeDataType ?? 'String' });
  }
  const custom = schemaOf(pool.config).filter((a) => a.Name.startsWith('custom:') || a.Name.startsWith('dev:')).length;
  if (custom + added.length > MAX_CUSTOM_ATTRIBUTES) {
    throw fail('InvalidParameterException', `A user pool can have at most ${MAX_CUSTOM_ATTRIBUTES} custom attributes.`);
  }
  const config = { ...pool.config, Schema: [...(pool.config.Schema ?? []), ...added] };
  await services.stores.pools.update({ ...pool, config, updatedAt: services.clock.now() });
}
