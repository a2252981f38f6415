/** HTML building blocks of the hosted pages: escaping and the document around a page's body. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, escaped. */
export const esc = (value: string): string => value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const CLASSIC = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;margin:0;color:#1f2933}
main{max-width:24rem;margin:4rem auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:2rem}
h1{font-size:1.3rem;margin:0 0 1.2rem}label{display:block;font-size:.9rem;margin:.8rem 0 .3rem}
input[type=text],input[type=password],input[type=email],input[type=tel]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #c3c9d0;border-radius:4px;font-size:1rem}
input[type=submit]{margin-top:1.2rem;width:100%;padding:.6rem;background:#1f6feb;color:#fff;border:0;border-radius:4px;font-size:1rem;cursor:pointer}
input:focus-visible{outline:3px solid #94bfff;outline-offset:1px}
fieldset{border:0;padding:0;margin:.8rem 0}fieldset label{display:inline;margin:0 0 0 .3rem}legend{font-size:.9rem;margin-bottom:.4rem}
.choice{margin:.3rem 0}
.errorMessage{color:#b42318;background:#fef3f2;border:1px solid #fecdca;border-radius:4px;padding:.6rem;font-size:.9rem}
.infoMessage{color:#1f2933;background:#eef4ff;border:1px solid #c6d8ff;border-radius:4px;padding:.6rem;font-size:.9rem}
.app{font-size:.85rem;color:#52606d;margin:0 0 .4rem}
.links{margin-top:1rem;font-size:.9rem}.links a{color:#1f6feb}
.secret{display:block;margin-top:.3rem;font-family:ui-monospace,monospace;word-break:break-all;background:#f4f5f7;padding:.4rem;border-radius:4px}
.qr{display:block;margin:.6rem auto;width:12rem;height:12rem}
.note{font-size:.85rem;color:#52606d}code{font-size:.85rem}`;

// Managed login: the same pages, a newer look.
const MANAGED = `${CLASSIC}
body{background:linear-gradient(160deg,#0f1b2d,#1d3a5f);color:#0f1b2d}
main{border-radius:14px;box-shadow:0 10px 30px rgba(0,0,0,.35);padding:2.4rem}
h1{font-size:1.5rem;font-weight:600}
input[type=text],input[type=password],input[type=email],input[type=tel]{border-radius:8px;padding:.7rem}
input[type=submit]{border-radius:8px;padding:.75rem;background:#0972d3;font-weight:600}`;

/** A whole page: the layout every hosted page shares; `version` 2 is managed login's look. */
export function document(title: string, body: string, version: 1 | 2 = 1): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${version === 2 ? MANAGED : CLASSIC}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
