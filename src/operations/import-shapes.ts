import { str } from './shapes.ts';

/** Members of the user import operations (AWS model). */
export const jobId = () => str({ min: 1, max: 55, pattern: /import-[0-9a-zA-Z-]+/ });
