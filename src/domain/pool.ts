import type { PasswordPolicy, PoolConfig, SchemaAttribute, UserPool } from './types.ts';

/** The standard (OIDC) attributes every pool has, with Cognito's schema defaults. */
const standardAttributes: readonly SchemaAttribute[] = [
  {
    Name: 'sub',
    AttributeDataType: 'String',
    DeveloperOnlyAttribute: false,
    Mutable: false,
    Required: true,
    StringAttributeConstraints: { MinLength: '1', MaxLength: '2048' },
  },
  ...['name', 'given_name', 'family_name', 'middle_name', 'nickname', 'preferred_username', 'profile', 'picture', 'website', 'email'].map(
    (Name): SchemaAttribute => ({
      Name,
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
    }),
  ),
  { Name: 'email_verified', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false },
  ...['gender'].map(
    (Name): SchemaAttribute => ({
      Name,
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
    }),
  ),
  {
    Name: 'birthdate',
    AttributeDataType: 'String',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    StringAttributeConstraints: { MinLength: '10', MaxLength: '10' },
  },
  ...['zoneinfo', 'locale', 'phone_number'].map(
    (Name): SchemaAttribute => ({
      Name,
      AttributeDataType: 'String',
      DeveloperOnlyAttribute: false,
      Mutable: true,
      Required: false,
      StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
    }),
  ),
  { Name: 'phone_number_verified', AttributeDataType: 'Boolean', DeveloperOnlyAttribute: false, Mutable: true, Required: false },
  {
    Name: 'address',
    AttributeDataType: 'String',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    StringAttributeConstraints: { MinLength: '0', MaxLength: '2048' },
  },
  {
    Name: 'updated_at',
    AttributeDataType: 'Number',
    DeveloperOnlyAttribute: false,
    Mutable: true,
    Required: false,
    NumberAttributeConstraints: { MinValue: '0' },
  },
];

export const standardAttributeNames = new Set(standardAttributes.map((a) => a.Name));

const defaultPasswordPolicy: Required<Omit<PasswordPolicy, 'PasswordHistorySize'>> = {
  MinimumLength: 8,
  RequireUppercase: true,
  RequireLowercase: true,
  RequireNumbers: true,
  RequireSymbols: true,
  TemporaryPasswordValidityDays: 7,
};

/** The pool's effective password policy (unset members take Cognito's defaults). */
export function passwordPolicyOf(pool: UserPool): PasswordPolicy & typeof defaultPasswordPolicy {
  const p = pool.config.Policies?.PasswordPolicy ?? {};
  const merged = { ...defaultPasswordPolicy, ...p };
  if (!merged.TemporaryPasswordValidityDays) merged.TemporaryPasswordValidityDays = 7;
  return merged;
}

/** The full schema of a pool: standard attributes (with `Required` as configured) then custom ones. */
export function schemaOf(config: PoolConfig): SchemaAttribute[] {
  const declared = new Map((config.Schema ?? []).map((a) => [a.Name, a]));
  const standard = standardAttributes.map((a) => {
    const d = declared.get(a.Name);
    return d ? { ...a, Required: d.Required ?? a.Required, Mutable: d.Mutable ?? a.Mutable } : a;
  });
  const custom = (config.Schema ?? [])
    .filter((a) => !standardAttributeNames.has(a.Name))
    .map((a) => ({
      Name: a.Name.startsWith('custom:') || a.Name.startsWith('dev:') ? a.Name : `${a.DeveloperOnlyAttribute ? 'dev:custom' : 'custom'}:${a.Name}`,
      AttributeDataType: a.AttributeDataType ?? 'String',
      DeveloperOnlyAttribute: a.DeveloperOnlyAttribute ?? false,
      Mutable: a.Mutable ?? true,
      Required: false,
      ...(a.NumberAttributeConstraints ? { NumberAttributeConstraints: a.NumberAttributeConstraints } : {}),
      ...(a.StringAttributeConstraints || (a.AttributeDataType ?? 'String') === 'String'
        ? { StringAttributeConstraints: a.StringAttributeConstraints ?? {} }
        : {}),
    }));
  return [...standard, ...custom];
}

export function caseSensitive(pool: UserPool): boolean {
  return pool.config.UsernameConfiguration?.CaseSensitive ?? true;
}

/** The key a username is stored and looked up under. */
export function usernameKey(pool: UserPool, username: string): string {
  return caseSensitive(pool) ? username : username.toLowerCase();
}

/** The SRP pool name: the id between the first and any second `_`. */
export function poolName(pool: UserPool): string {
  return pool.id.split('_')[1] ?? '';
}

/** Whether device tracking is on (any DeviceConfiguration member set). */
export function deviceTrackingOn(pool: UserPool): boolean {
  const d = pool.config.DeviceConfiguration;
  return d !== undefined && (d.ChallengeRequiredOnNewDevice !== undefined || d.DeviceOnlyRememberedOnUserPrompt !== undefined);
}
