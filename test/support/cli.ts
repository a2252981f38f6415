import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** The master secret startTestServer gives its servers. */
export const TEST_MASTER_SECRET = 'test-master-secret-0123456789abcdef';

export interface CliRun {
  status: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs `cognate <args>` in a child process on the storage of a test server (its data folder or
 * PostgreSQL database, and its master secret unless `args` give one), without blocking this process's event loop.
 */
export function runCli(args: string[], storage: { data: string; db: string | undefined }, timeoutMs = 120_000): Promise<CliRun> {
  const all = ['--import', 'tsx', 'src/cli.ts', ...args, '--data', storage.data, '--log-level', 'warn'];
  if (!args.includes('--master-secret')) all.push('--master-secret', TEST_MASTER_SECRET);
  if (storage.db) all.push('--db', storage.db);
  const child = spawn(process.execPath, all, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, CI: '' } });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString('utf8')));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`cognate ${args.join(' ')} did not finish:\n${stdout}\n${stderr}`));
    }, timeoutMs);
    child.once('error', reject);
    child.once('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}
