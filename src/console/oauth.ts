import type { ResourceServer, UserPoolDomain } from '../domain/oauth.ts';
import { esc, table, when } from './layout.ts';

/** A pool's domains (where its hosted pages and OAuth endpoints answer) and resource servers (custom scopes). */

export function oauthBody(domains: UserPoolDomain[], resourceServers: ResourceServer[], region: string, localUrl: string): string {
  const domainRows = domains.map((d) => [
    `<code>${esc(d.domain)}</code>`,
    esc(d.kind === 'prefix' ? 'Cognito prefix' : 'custom domain'),
    d.kind === 'prefix'
      ? `<code>${esc(`${d.domain}.auth.${region}.amazoncognito.com`)}</code>, locally <code>${esc(`${d.domain}.auth.${region}.localhost`)}</code>`
      : `<code>${esc(d.domain)}</code>`,
    esc(d.managedLoginVersion === 1 ? 'classic hosted UI' : 'managed login'),
    esc(when(d.createdAt)),
  ]);
  const serverRows = resourceServers.map((r) => [
    `<code>${esc(r.identifier)}</code>`,
    esc(r.name),
    r.scopes.length
      ? r.scopes.map((s) => `<code>${esc(`${r.identifier}/${s.ScopeName}`)}</code> ${esc(s.ScopeDescription)}`).join('<br>')
      : '<span class="muted">none</span>',
    esc(when(r.createdAt)),
  ]);
  return `<section aria-labelledby="domains-h"><h2 id="domains-h">Domains</h2>
<p class="muted">The OAuth endpoints also answer on this server's own address, ${esc(localUrl)}.</p>
${table('Domains', ['Domain', 'Kind', 'Host', 'Pages', 'Created'], domainRows, 'none.')}
</section>
<section aria-labelledby="rs-h"><h2 id="rs-h">Resource servers</h2>
${table('Resource servers', ['Identifier', 'Name', 'Scopes', 'Created'], serverRows, 'none.')}
</section>`;
}
