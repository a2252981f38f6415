import type { Group } from '../domain/types.ts';
import { esc, input, postForm, table, urls, when } from './layout.ts';

/** A pool's groups: the list and the create form. */

export function groupsBody(poolId: string, groups: Group[], csrf: string): string {
  const rows = groups.map((g) => [
    esc(g.name),
    esc(g.description ?? ''),
    g.precedence === undefined ? '' : esc(String(g.precedence)),
    g.roleArn ? `<code>${esc(g.roleArn)}</code>` : '',
    esc(when(g.createdAt)),
    postForm(`${urls.groups(poolId)}/delete`, csrf, `<input type="hidden" name="GroupName" value="${esc(g.name)}">`, `Delete group ${g.name}`, 'danger', true),
  ]);
  return `<section aria-labelledby="groups-h"><h2 id="groups-h">Groups</h2>
${table('Groups', ['Name', 'Description', 'Precedence', 'IAM role', 'Created', ''], rows, 'no group yet.')}
</section>
<section aria-labelledby="new-group-h"><h2 id="new-group-h">Create a group</h2>
${postForm(
  urls.groups(poolId),
  csrf,
  `${input('Group name', 'GroupName', { required: true })}
${input('Description (optional)', 'Description')}
${input('Precedence (optional, 0 or more; lower wins)', 'Precedence', { type: 'number' })}`,
  'Create group',
)}
</section>`;
}
