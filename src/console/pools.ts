import { caseSensitive, deviceTrackingOn, passwordPolicyOf, schemaOf } from '../domain/pool.ts';
import type { UserPool } from '../domain/types.ts';
import { checkboxes, esc, facts, input, json, postForm, select, table, urls, value, when } from './layout.ts';

/** The pools page (list and create form) and a pool's settings in readable form. */

export function poolsBody(pools: UserPool[], csrf: string, more: boolean): string {
  const rows = pools.map((p) => [
    `<a href="${esc(urls.pool(p.id))}">${esc(p.name)}</a>`,
    `<code>${esc(p.id)}</code>`,
    esc(p.config.MfaConfiguration ?? 'OFF'),
    esc(when(p.createdAt)),
  ]);
  return `<section aria-labelledby="pools-h"><h2 id="pools-h">User pools</h2>
${table('User pools', ['Name', 'Id', 'MFA', 'Created'], rows, 'no pool yet; create one below.')}${more ? '<p class="muted">Only the first pools are listed.</p>' : ''}
</section>
<section aria-labelledby="new-pool-h"><h2 id="new-pool-h">Create a user pool</h2>
${postForm(
  urls.home,
  csrf,
  `${input('Pool name', 'PoolName', { required: true })}
${checkboxes('Users sign in with (besides a username, unless chosen here)', 'UsernameAttributes', [
  { value: 'email', label: 'Email address' },
  { value: 'phone_number', label: 'Phone number' },
])}
${checkboxes('Verify automatically', 'AutoVerifiedAttributes', [
  { value: 'email', label: 'Email address', checked: true },
  { value: 'phone_number', label: 'Phone number' },
])}
${select('Multi-factor authentication', 'MfaConfiguration', [
  { value: 'OFF', label: 'Off' },
  { value: 'OPTIONAL', label: 'Optional' },
])}`,
  'Create pool',
)}
</section>`;
}

const triggerRows = (lambda: Record<string, unknown> | undefined) =>
  Object.entries(lambda ?? {}).map(([k, v]) => [esc(k), typeof v === 'string' ? `<code>${esc(v)}</code>` : value(v)]);

/** A pool's settings, grouped as an administrator reads them. */
export function poolSettingsBody(pool: UserPool, counts: { users: number; clients: number }): string {
  const c = pool.config;
  const shown = new Set([
    'Policies',
    'DeletionProtection',
    'LambdaConfig',
    'AutoVerifiedAttributes',
    'AliasAttributes',
    'UsernameAttributes',
    'MfaConfiguration',
    'SoftwareTokenMfaConfiguration',
    'SmsMfaConfiguration',
    'EmailMfaConfiguration',
    'WebAuthnConfiguration',
    'DeviceConfiguration',
    'UsernameConfiguration',
    'AccountRecoverySetting',
    'AdminCreateUserConfig',
    'Schema',
    'UserPoolAddOns',
  ]);
  const rest = Object.entries(c).filter(([k]) => !shown.has(k));
  const pw = passwordPolicyOf(pool);
  const schema = schemaOf(c).map((a) => [
    `<code>${esc(a.Name ?? '')}</code>`,
    esc(String(a.AttributeDataType ?? 'String')),
    value(a.Required ?? false),
    value(a.Mutable ?? true),
  ]);
  return `<section aria-labelledby="general-h"><h2 id="general-h">General</h2>
${facts([
  ['Id', pool.id],
  ['Name', pool.name],
  ['Users', counts.users],
  ['App clients', counts.clients],
  ['Created', when(pool.createdAt)],
  ['Last modified', when(pool.updatedAt)],
  ['Deletion protection', c.DeletionProtection ?? 'INACTIVE'],
  ['Threat protection', (c.UserPoolAddOns as { AdvancedSecurityMode?: string } | undefined)?.AdvancedSecurityMode ?? 'OFF'],
])}</section>
<section aria-labelledby="signin-h"><h2 id="signin-h">Sign-in</h2>
${facts([
  ['Sign in with', c.UsernameAttributes?.length ? c.UsernameAttributes : ['username']],
  ['Also accepted as username', c.AliasAttributes ?? []],
  ['Usernames case sensitive', caseSensitive(pool)],
  ['Verified automatically', c.AutoVerifiedAttributes ?? []],
  ['Allowed first factors (choice-based sign-in)', c.Policies?.SignInPolicy?.AllowedFirstAuthFactors ?? ['PASSWORD']],
  ['Only administrators create users', c.AdminCreateUserConfig?.AllowAdminCreateUserOnly ?? false],
  ['Temporary passwords valid for (days)', c.AdminCreateUserConfig?.UnusedAccountValidityDays ?? pw.TemporaryPasswordValidityDays],
  ['Account recovery', (c.AccountRecoverySetting?.RecoveryMechanisms ?? []).map((m) => `${m.Priority}. ${m.Name}`)],
])}</section>
<section aria-labelledby="password-h"><h2 id="password-h">Password policy</h2>
${facts([
  ['Minimum length', pw.MinimumLength],
  ['Requires upper case', pw.RequireUppercase],
  ['Requires lower case', pw.RequireLowercase],
  ['Requires numbers', pw.RequireNumbers],
  ['Requires symbols', pw.RequireSymbols],
  ['Remembered previous passwords', pw.PasswordHistorySize],
])}</section>
<section aria-labelledby="mfa-h"><h2 id="mfa-h">Multi-factor authentication</h2>
${facts([
  ['MFA', c.MfaConfiguration ?? 'OFF'],
  ['Authenticator apps (TOTP)', c.SoftwareTokenMfaConfiguration?.Enabled ?? false],
  ['SMS messages', c.SmsMfaConfiguration !== undefined],
  ['Email messages', c.EmailMfaConfiguration !== undefined],
  ['Passkeys', c.WebAuthnConfiguration],
  ['Device tracking', deviceTrackingOn(pool) ? c.DeviceConfiguration : false],
])}</section>
<section aria-labelledby="triggers-h"><h2 id="triggers-h">Lambda triggers</h2>
${table('Lambda triggers', ['Trigger', 'Function'], triggerRows(c.LambdaConfig), 'none configured.')}</section>
<section aria-labelledby="schema-h"><h2 id="schema-h">Attributes</h2>
${table('Attribute schema', ['Attribute', 'Type', 'Required', 'Mutable'], schema, 'the standard attributes only.')}</section>
${rest.length ? `<section aria-labelledby="other-h"><h2 id="other-h">Other settings</h2>${json(Object.fromEntries(rest))}</section>` : ''}`;
}
