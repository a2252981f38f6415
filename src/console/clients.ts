import type { AppClient } from '../domain/types.ts';
import { checkboxes, esc, input, postForm, table, urls, value, when } from './layout.ts';

/** A pool's app clients: the list and the create form. Secrets are never shown, only whether there is one. */

const FLOWS = [
  ['ALLOW_USER_SRP_AUTH', 'Secure Remote Password (USER_SRP_AUTH)', true],
  ['ALLOW_USER_PASSWORD_AUTH', 'Password sent to the server (USER_PASSWORD_AUTH)', false],
  ['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'Administrator password sign-in (ADMIN_USER_PASSWORD_AUTH)', false],
  ['ALLOW_CUSTOM_AUTH', 'Custom challenges (CUSTOM_AUTH)', false],
  ['ALLOW_USER_AUTH', 'Choice-based sign-in (USER_AUTH)', false],
  ['ALLOW_REFRESH_TOKEN_AUTH', 'Refresh tokens (REFRESH_TOKEN_AUTH)', true],
] as const;

export function clientsBody(poolId: string, clients: AppClient[], csrf: string): string {
  const rows = clients.map((c) => [
    esc(c.name),
    `<code>${esc(c.clientId)}</code>`,
    value(c.config.ExplicitAuthFlows ?? []),
    c.secrets.length > 0 ? `yes (${c.secrets.length})` : 'no',
    esc(c.config.PreventUserExistenceErrors ?? 'LEGACY'),
    value(c.config.CallbackURLs ?? []),
    esc(when(c.createdAt)),
  ]);
  return `<section aria-labelledby="clients-h"><h2 id="clients-h">App clients</h2>
${table('App clients', ['Name', 'Client id', 'Auth flows', 'Secret', 'User existence errors', 'Callback URLs', 'Created'], rows, 'no app client yet.')}
</section>
<section aria-labelledby="new-client-h"><h2 id="new-client-h">Create an app client</h2>
${postForm(
  urls.clients(poolId),
  csrf,
  `${input('Client name', 'ClientName', { required: true })}
${checkboxes(
  'Authentication flows',
  'ExplicitAuthFlows',
  FLOWS.map(([v, label, checked]) => ({ value: v, label, checked })),
)}
${checkboxes('Options', 'options', [
  { value: 'GenerateSecret', label: 'Generate a client secret' },
  { value: 'PreventUserExistenceErrors', label: 'Hide whether a user exists', checked: true },
])}
${input('Callback URLs (one per line or comma-separated, optional)', 'CallbackURLs')}`,
  'Create app client',
)}
</section>`;
}
