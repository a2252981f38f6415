import { readFileSync } from 'node:fs';

/** The package's version, from the package.json at the root of the package (above `src/`, or `dist/` once compiled). */
export const version: string = (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
