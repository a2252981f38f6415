import type { AuthEvent } from '../domain/auth-event.ts';
import type { Device } from '../domain/device.ts';
import { userMfaFactors } from '../domain/mfa.ts';
import type { Group, User } from '../domain/types.ts';
import type { StoredWebAuthnCredential } from '../storage/ports.ts';
import { signInsList } from './events.ts';
import { checkboxes, esc, facts, input, postForm, select, table, urls, when } from './layout.ts';

/** The users page (search and create) and one user's page (state, actions, groups, MFA, devices, passkeys, sign-ins). */

export function usersBody(poolId: string, users: User[], filter: string, csrf: string, next: string | undefined): string {
  const rows = users.map((u) => [
    `<a href="${esc(urls.user(poolId, u.username))}">${esc(u.username)}</a>`,
    esc(u.attributes.email ?? ''),
    esc(u.attributes.phone_number ?? ''),
    esc(u.status),
    u.enabled ? 'enabled' : '<strong>disabled</strong>',
    esc(when(u.createdAt)),
  ]);
  const more = next ? `<p><a href="${esc(`${urls.users(poolId)}?${new URLSearchParams({ filter, after: next })}`)}">Next page</a></p>` : '';
  return `<section aria-labelledby="search-h"><h2 id="search-h">Find users</h2>
<form method="get" action="${esc(urls.users(poolId))}" role="search">
${input('Filter', 'filter', { type: 'search', value: filter, hint: 'As ListUsers takes it: email ^= "ali", cognito:user_status = "CONFIRMED", username = "alice". Empty lists everyone.' })}
<button type="submit">Search</button>
</form>
${table('Users', ['Username', 'Email', 'Phone number', 'Status', 'Enabled', 'Created'], rows, filter ? 'no user matches.' : 'no user yet.')}
${more}</section>
<section aria-labelledby="new-user-h"><h2 id="new-user-h">Create a user</h2>
${postForm(
  urls.users(poolId),
  csrf,
  `${input('Username', 'Username', { required: true })}
${input('Email address (optional)', 'email', { type: 'text', autocomplete: 'off' })}
${input('Phone number (optional, +15551234567)', 'phone_number')}
${input('Temporary password (optional: generated when empty)', 'TemporaryPassword', { type: 'password', autocomplete: 'new-password' })}
${checkboxes('Options', 'options', [
  { value: 'email_verified', label: 'Mark the email address verified', checked: true },
  { value: 'SUPPRESS', label: 'Do not send the invitation message' },
])}`,
  'Create user',
)}
</section>`;
}

export interface UserPageModel {
  poolId: string;
  user: User;
  groups: Group[];
  allGroups: Group[];
  devices: Device[];
  passkeys: StoredWebAuthnCredential[];
  events: AuthEvent[];
  csrf: string;
}

export function userBody(m: UserPageModel): string {
  const { poolId, user, csrf } = m;
  const act = (action: string) => urls.userAction(poolId, user.username, action);
  const attributes = Object.entries(user.attributes).map(([k, v]) => [`<code>${esc(k)}</code>`, esc(v)]);
  const memberOf = new Set(m.groups.map((g) => g.name));
  const groupRows = m.groups.map((g) => [
    esc(g.name),
    esc(g.description ?? ''),
    postForm(act('groups/remove'), csrf, `<input type="hidden" name="group" value="${esc(g.name)}">`, `Remove from ${g.name}`, 'secondary', true),
  ]);
  const addable = m.allGroups.filter((g) => !memberOf.has(g.name));
  const addGroup = addable.length
    ? postForm(
        act('groups/add'),
        csrf,
        select(
          'Add to group',
          'group',
          addable.map((g) => ({ value: g.name, label: g.name })),
        ),
        'Add to group',
      )
    : '<p class="muted">No other group to add the user to.</p>';
  const deviceRows = m.devices.map((d) => [
    esc(d.name ?? ''),
    `<code>${esc(d.deviceKey)}</code>`,
    esc(d.status),
    esc(d.lastAuthenticatedAt ? when(d.lastAuthenticatedAt) : ''),
    esc(d.attributes.last_ip_used ?? ''),
    postForm(act('devices/forget'), csrf, `<input type="hidden" name="device" value="${esc(d.deviceKey)}">`, 'Forget device', 'secondary', true),
  ]);
  const passkeyRows = m.passkeys.map((p) => [
    esc(p.friendlyName ?? ''),
    esc(p.rpId),
    esc(p.authenticatorAttachment ?? ''),
    esc(when(p.createdAt)),
    postForm(act('passkeys/delete'), csrf, `<input type="hidden" name="credential" value="${esc(p.credentialId)}">`, 'Delete passkey', 'danger', true),
  ]);
  const factors = userMfaFactors(user);
  return `<section aria-labelledby="state-h"><h2 id="state-h">Account</h2>
${facts([
  ['Username', user.username],
  ['Sub', user.sub],
  ['Status', user.status],
  ['Enabled', user.enabled],
  ['Created', when(user.createdAt)],
  ['Last modified', when(user.updatedAt)],
  ['Password last set', user.passwordSetAt ? when(user.passwordSetAt) : undefined],
])}
<div>
${user.enabled ? postForm(act('disable'), csrf, '', 'Disable user', 'secondary', true) : postForm(act('enable'), csrf, '', 'Enable user', 'secondary', true)}
${postForm(act('reset-password'), csrf, '', 'Reset password', 'secondary', true)}
${postForm(act('delete'), csrf, '', `Delete user ${user.username}`, 'danger', true)}
</div>
</section>
<section aria-labelledby="attrs-h"><h2 id="attrs-h">Attributes</h2>
${table('Attributes', ['Name', 'Value'], attributes)}
</section>
<section aria-labelledby="groups-h"><h2 id="groups-h">Groups</h2>
${table('Member of', ['Group', 'Description', ''], groupRows, 'no group.')}
${addGroup}
</section>
<section aria-labelledby="mfa-h"><h2 id="mfa-h">MFA and devices</h2>
${facts([
  ['MFA factors turned on', factors],
  ['Preferred factor', user.mfa.preferred],
  ['Authenticator app', user.mfa.totpEnabled ? (user.mfa.totpFriendlyName ?? 'registered') : user.mfa.pendingTotpSecret ? 'being set up' : false],
])}
${user.mfa.totpEnabled || user.mfa.pendingTotpSecret ? postForm(act('software-token/delete'), csrf, '', 'Remove authenticator app', 'danger') : ''}
${table('Remembered devices', ['Name', 'Device key', 'Status', 'Last sign-in', 'Last IP', ''], deviceRows, 'none.')}
</section>
<section aria-labelledby="passkeys-h"><h2 id="passkeys-h">Passkeys</h2>
${table('Passkeys', ['Name', 'Relying party', 'Attachment', 'Registered', ''], passkeyRows, 'none.')}
</section>
<section aria-labelledby="signins-h"><h2 id="signins-h">Sign-ins</h2>
<p class="muted">Every sign-in attempt, newest first; the list updates while this page is open.</p>
<div data-live="${esc(urls.signIns(poolId, user.username))}" aria-live="polite">${signInsList(poolId, user.username, m.events)}</div>
</section>`;
}
