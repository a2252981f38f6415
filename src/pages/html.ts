/** HTML building blocks of the hosted pages: escaping and the document around a page's body. */

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value, escaped. */
export const esc = (value: string): string => value.replace(/[&<>"']/g, (c) => ENTITIES[c]!);

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;margin:0;color:#1f2933}
main{max-width:24rem;margin:4rem auto;background:#fff;border-radius:8px;box-shadow:0 1px 4px rgba(0,0,0,.15);padding:2rem}
h1{font-size:1.3rem;margin:0 0 1.2rem}label{display:block;font-size:.9rem;margin:.8rem 0 .3rem}
input[type=text],input[type=password]{width:100%;box-sizing:border-box;padding:.55rem;border:1px solid #c3c9d0;border-radius:4px;font-size:1rem}
input[type=submit]{margin-top:1.2rem;width:100%;padding:.6rem;background:#1f6feb;color:#fff;border:0;border-radius:4px;font-size:1rem;cursor:pointer}
.errorMessage{color:#b42318;background:#fef3f2;border:1px solid #fecdca;border-radius:4px;padding:.6rem;font-size:.9rem}
.note{font-size:.85rem;color:#52606d}code{font-size:.85rem}`;

/** A whole page: the layout every hosted page shares. */
export function document(title: string, body: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`;
}
