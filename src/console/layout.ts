import { esc } from '../pages/html.ts';

/**
 * The console's HTML building blocks: the page frame (headings, navigation, notices), forms that
 * carry the CSRF token, tables, and the small script that keeps live regions current. Server-side
 * rendering only; the script is inline, fetches from this server only, and is not needed to use
 * any page.
 */

export { esc };

export const BASE = '/_cognate/console';

const enc = encodeURIComponent;
export const urls = {
  home: BASE,
  signIn: `${BASE}/sign-in`,
  signOut: `${BASE}/sign-out`,
  pool: (poolId: string) => `${BASE}/pools/${enc(poolId)}`,
  clients: (poolId: string) => `${BASE}/pools/${enc(poolId)}/clients`,
  users: (poolId: string) => `${BASE}/pools/${enc(poolId)}/users`,
  user: (poolId: string, username: string) => `${BASE}/pools/${enc(poolId)}/users/${enc(username)}`,
  userAction: (poolId: string, username: string, action: string) => `${BASE}/pools/${enc(poolId)}/users/${enc(username)}/${action}`,
  signIns: (poolId: string, username: string) => `${BASE}/pools/${enc(poolId)}/users/${enc(username)}/sign-ins`,
  event: (poolId: string, username: string, eventId: string) => `${BASE}/pools/${enc(poolId)}/users/${enc(username)}/sign-ins/${enc(eventId)}`,
  groups: (poolId: string) => `${BASE}/pools/${enc(poolId)}/groups`,
  messages: (poolId: string) => `${BASE}/pools/${enc(poolId)}/messages`,
  oauth: (poolId: string) => `${BASE}/pools/${enc(poolId)}/oauth`,
};

/** What every page of the frame needs besides its body. */
export interface Frame {
  title: string;
  /** Per-response nonce of the inline script (the Content-Security-Policy names it). */
  nonce: string;
  csrf: string;
  /** A signed-in administrator (production mode) gets a sign-out button. */
  signedInAs?: string | undefined;
  pool?: { id: string; name: string; section: PoolSection } | undefined;
  /** Whether the outbox page exists (local mode). */
  outbox: boolean;
  notice?: string | undefined;
  error?: string | undefined;
  /** Path of the breadcrumb trail above the heading. */
  trail?: { label: string; href: string }[] | undefined;
}

export type PoolSection = 'settings' | 'clients' | 'users' | 'groups' | 'messages' | 'oauth';

const STYLE = `*{box-sizing:border-box}body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1f2933;background:#f6f7f9;line-height:1.45}
header{background:#1f2933;color:#fff;padding:.6rem 1.2rem;display:flex;gap:1rem;align-items:center;flex-wrap:wrap}
header a{color:#fff}header .brand{font-weight:600;text-decoration:none;margin-right:auto}
nav[aria-label="Pool"] ul{list-style:none;display:flex;flex-wrap:wrap;gap:.3rem;margin:0 0 1rem;padding:0;border-bottom:1px solid #d5dae0}
nav[aria-label="Pool"] a{display:block;padding:.45rem .8rem;text-decoration:none;color:#1f4f99;border-radius:4px 4px 0 0}
nav[aria-label="Pool"] a[aria-current=page]{background:#fff;border:1px solid #d5dae0;border-bottom-color:#fff;margin-bottom:-1px;color:#1f2933;font-weight:600}
main{max-width:72rem;margin:0 auto;padding:1rem 1.2rem 3rem}h1{font-size:1.45rem;margin:.4rem 0 1rem}h2{font-size:1.15rem;margin:1.6rem 0 .6rem}section>h2:first-child{margin-top:.2rem}h3{font-size:1rem;margin:1rem 0 .4rem}
.trail{font-size:.85rem;margin:.4rem 0 0}.trail a{color:#1f4f99}
section,.card{background:#fff;border:1px solid #d5dae0;border-radius:6px;padding:.8rem 1rem;margin:0 0 1rem}
table{border-collapse:collapse;width:100%;font-size:.92rem}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #e4e7eb;vertical-align:top}caption{text-align:left;font-weight:600;padding:.3rem 0}
label{display:block;font-size:.88rem;margin:.5rem 0 .2rem;font-weight:500}input[type=text],input[type=password],input[type=search],input[type=number],select,textarea{width:100%;max-width:28rem;padding:.45rem;border:1px solid #aab3bd;border-radius:4px;font:inherit}
fieldset{border:1px solid #d5dae0;border-radius:4px;margin:.6rem 0;padding:.4rem .8rem}legend{font-size:.88rem;font-weight:500}fieldset label{display:inline-block;font-weight:400;margin-right:1rem}
button{font:inherit;padding:.4rem .9rem;border-radius:4px;border:1px solid #1f6feb;background:#1f6feb;color:#fff;cursor:pointer;margin-top:.6rem}
button.secondary{background:#fff;color:#1f4f99}button.danger{background:#b42318;border-color:#b42318}
form.inline{display:inline}form.inline button{margin:0 .3rem .3rem 0}
a:focus,button:focus,input:focus,select:focus{outline:3px solid #f59e0b;outline-offset:1px}
.notice{background:#ecfdf3;border:1px solid #abefc6;padding:.6rem .8rem;border-radius:4px}.error{background:#fef3f2;border:1px solid #fecdca;padding:.6rem .8rem;border-radius:4px;color:#912018}
dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.2rem 1rem;margin:.3rem 0}dl.facts dt{font-weight:500;color:#52606d}dl.facts dd{margin:0;overflow-wrap:anywhere}
pre{background:#f3f4f6;border:1px solid #e4e7eb;border-radius:4px;padding:.5rem;overflow:auto;font-size:.8rem;margin:.2rem 0;max-height:28rem}
.muted{color:#52606d;font-size:.88rem}.badge{display:inline-block;padding:.05rem .45rem;border-radius:999px;font-size:.8rem;border:1px solid #aab3bd}
.badge.Pass{background:#ecfdf3;border-color:#abefc6}.badge.Fail{background:#fef3f2;border-color:#fecdca}.badge.InProgress{background:#fffaeb;border-color:#fedf89}
ol.timeline{list-style:none;padding:0;margin:0}ol.timeline>li{border-left:4px solid #aab3bd;background:#fff;border-radius:0 6px 6px 0;margin:0 0 .8rem;padding:.5rem .9rem;border-top:1px solid #e4e7eb;border-right:1px solid #e4e7eb;border-bottom:1px solid #e4e7eb}
ol.timeline>li.failed{border-left-color:#b42318;background:#fffbfa}ol.timeline>li.trigger{border-left-color:#7a5af8}ol.timeline>li.tokens{border-left-color:#12b76a}ol.timeline>li.decision{border-left-color:#1f6feb}
ol.timeline h3{margin:.1rem 0 .3rem;font-size:.98rem}.side{display:grid;grid-template-columns:1fr 1fr;gap:.8rem}@media (max-width:48rem){.side{grid-template-columns:1fr}}
.skip{position:absolute;left:-999px}.skip:focus{left:1rem;top:.5rem;background:#fff;color:#1f2933;padding:.3rem .6rem;z-index:2}`;

/**
 * Keeps each `[data-live]` element current: fetches its URL every 1.5 s while the page is shown
 * and swaps the element's content when it changed. A response with `x-console-final` ends it.
 */
const LIVE_SCRIPT = `for(const el of document.querySelectorAll('[data-live]')){let last,stop=false;const tick=async()=>{if(!document.hidden){try{const r=await fetch(el.dataset.live,{credentials:'same-origin',cache:'no-store'});if(r.ok){const t=await r.text();if(t!==last){if(last!==undefined)el.innerHTML=t;last=t}if(r.headers.get('x-console-final'))stop=true}else stop=true}catch{}}if(!stop)setTimeout(tick,1500)};tick()}`;

const POOL_SECTIONS: { section: PoolSection; label: string; href: (id: string) => string; local?: boolean }[] = [
  { section: 'settings', label: 'Settings', href: urls.pool },
  { section: 'clients', label: 'App clients', href: urls.clients },
  { section: 'users', label: 'Users', href: urls.users },
  { section: 'groups', label: 'Groups', href: urls.groups },
  { section: 'messages', label: 'Messages', href: urls.messages, local: true },
  { section: 'oauth', label: 'Domains and resource servers', href: urls.oauth },
];

/** A whole console page. */
export function page(frame: Frame, body: string): string {
  const pool = frame.pool;
  const poolNav = pool
    ? `<nav aria-label="Pool"><ul>${POOL_SECTIONS.filter((s) => !s.local || frame.outbox)
        .map((s) => `<li><a href="${esc(s.href(pool.id))}"${s.section === pool.section ? ' aria-current="page"' : ''}>${esc(s.label)}</a></li>`)
        .join('')}</ul></nav>\n`
    : '';
  const trail = frame.trail?.length ? `<p class="trail">${frame.trail.map((t) => `<a href="${esc(t.href)}">${esc(t.label)}</a>`).join(' › ')}</p>\n` : '';
  const signOut = frame.signedInAs
    ? `<span>Signed in as <code>${esc(frame.signedInAs)}</code></span>${postForm(urls.signOut, frame.csrf, '', 'Sign out', 'secondary')}`
    : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(frame.title)} · cognate console</title>
<style>${STYLE}</style>
</head>
<body>
<a class="skip" href="#content">Skip to content</a>
<header><a class="brand" href="${BASE}">cognate console</a>${signOut}</header>
<main id="content">
${trail}<h1>${esc(frame.title)}</h1>
${poolNav}${frame.notice ? `<p class="notice" role="status">${esc(frame.notice)}</p>\n` : ''}${frame.error ? `<p class="error" role="alert">${esc(frame.error)}</p>\n` : ''}${body}
</main>
<script nonce="${esc(frame.nonce)}">${LIVE_SCRIPT}</script>
</body>
</html>
`;
}

/** A POST form with its CSRF token. */
export function postForm(
  action: string,
  csrf: string,
  fields: string,
  button: string,
  kind: 'primary' | 'secondary' | 'danger' = 'primary',
  inline = false,
): string {
  const cls = kind === 'primary' ? '' : ` class="${kind}"`;
  return `<form method="post" action="${esc(action)}"${inline || fields === '' ? ' class="inline"' : ''}><input type="hidden" name="_csrf" value="${esc(csrf)}">${fields}<button type="submit"${cls}>${esc(button)}</button></form>`;
}

/** A labelled input (`id` defaults to f-<name>: give one where a page has two fields of a name). */
export function input(
  label: string,
  name: string,
  options: { type?: string; value?: string; required?: boolean; hint?: string; autocomplete?: string; id?: string } = {},
): string {
  const id = options.id ?? `f-${name}`;
  const hint = options.hint ? `<span class="muted" id="${id}-hint">${esc(options.hint)}</span>` : '';
  return `<label for="${id}">${esc(label)}</label><input id="${id}" name="${esc(name)}" type="${options.type ?? 'text'}"${options.value !== undefined ? ` value="${esc(options.value)}"` : ''}${options.required ? ' required' : ''}${options.hint ? ` aria-describedby="${id}-hint"` : ''} autocomplete="${options.autocomplete ?? 'off'}">${hint}`;
}

/** A labelled select. */
export function select(label: string, name: string, choices: { value: string; label: string }[], selected?: string, id = `f-${name}`): string {
  return `<label for="${id}">${esc(label)}</label><select id="${id}" name="${esc(name)}">${choices
    .map((c) => `<option value="${esc(c.value)}"${c.value === selected ? ' selected' : ''}>${esc(c.label)}</option>`)
    .join('')}</select>`;
}

/** A group of checkboxes. */
export function checkboxes(legend: string, name: string, choices: { value: string; label: string; checked?: boolean }[]): string {
  return `<fieldset><legend>${esc(legend)}</legend>${choices
    .map((c) => `<label><input type="checkbox" name="${esc(name)}" value="${esc(c.value)}"${c.checked ? ' checked' : ''}> ${esc(c.label)}</label>`)
    .join('')}</fieldset>`;
}

/** A table with a caption and column headers; cells are HTML (escape text before). */
export function table(caption: string, headers: string[], rows: string[][], empty = 'None yet.'): string {
  if (rows.length === 0) return `<p class="muted">${esc(caption)}: ${esc(empty)}</p>`;
  return `<table><caption>${esc(caption)}</caption><thead><tr>${headers.map((h) => `<th scope="col">${esc(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;
}

/** Facts as a definition list; values are shown as text (objects as JSON). */
export function facts(entries: [string, unknown][]): string {
  const shown = entries.filter(([, v]) => v !== undefined);
  if (shown.length === 0) return '';
  return `<dl class="facts">${shown.map(([k, v]) => `<dt>${esc(k)}</dt><dd>${value(v)}</dd>`).join('')}</dl>`;
}

/** A value as readable text: lists joined, objects as JSON. */
export function value(v: unknown): string {
  if (v === undefined || v === null) return '<span class="muted">—</span>';
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  if (Array.isArray(v) && v.every((x) => typeof x !== 'object')) return v.length ? esc(v.join(', ')) : '<span class="muted">none</span>';
  if (typeof v === 'object') return json(v);
  return esc(String(v));
}

/** Pretty JSON in a block. */
export function json(v: unknown): string {
  return `<pre><code>${esc(JSON.stringify(v, null, 2) ?? 'undefined')}</code></pre>`;
}

export const when = (ms: number) =>
  new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, ' UTC');
