import { readdirSync, readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import { version } from '../config/version.ts';
import { renderHome } from '../pages/home.ts';
import type { Services } from '../services.ts';

/**
 * `GET /`: a page saying what runs here, its endpoints and its documentation, for whoever opens
 * the server's URL in a browser (the API itself is `POST /`). `GET /_cognate/docs/<file>` serves
 * the README and docs/ of the running version as text, so the page's links work offline.
 */

/** The package's root (above `src/`, or `dist/` once compiled): README.md and docs/ are there. */
const ROOT = new URL('../../', import.meta.url);

/** The documentation files, README.md first; read once, they do not change while the server runs. */
function docFiles(): string[] {
  let docs: string[] = [];
  try {
    docs = readdirSync(new URL('docs/', ROOT)).filter((f) => /^[a-z0-9-]+\.md$/.test(f));
  } catch {
    // A package without docs/: the README alone.
  }
  return ['README.md', ...docs.sort()];
}

export function homeRoutes(app: FastifyInstance, services: Services): void {
  const docs = docFiles();
  app.get('/', async (_request, reply) => {
    const url = services.baseUrl().replace(/\/+$/, '');
    const html = renderHome({
      version,
      url,
      region: services.config.region,
      database: services.database.kind,
      issuerPrefix: services.config.issuer === 'aws' ? `https://cognito-idp.${services.config.region}.amazonaws.com` : url,
      docs,
    });
    return reply.code(200).header('content-type', 'text/html; charset=utf-8').send(html);
  });
  app.get('/_cognate/docs/:file', async (request, reply) => {
    const { file } = request.params as { file: string };
    // Only the names listed: nothing else of the file system is reachable.
    if (!docs.includes(file)) return reply.callNotFound();
    const text = readFileSync(new URL(file === 'README.md' ? file : `docs/${file}`, ROOT), 'utf8');
    // Markdown as plain text: every browser shows it rather than downloading it.
    return reply.code(200).header('content-type', 'text/plain; charset=utf-8').send(text);
  });
}
