import { existsSync } from 'node:fs';

/**
 * Debian's Chromium, driven by playwright-core in the browser tests. Without it they are skipped
 * on a developer's machine, and fail under CI=true rather than skip.
 */
export const CHROMIUM = '/usr/bin/chromium';

export const chromiumSkip: string | false =
  !existsSync(CHROMIUM) && process.env.CI !== 'true'
    ? `${CHROMIUM} is missing (apt-get install chromium); under CI=true this test runs and fails instead of skipping`
    : false;

/**
 * How every browser test starts it: headless, as root without the sandbox, and without the
 * background connections (updates, sync, Google lookups) this machine's closed network refuses.
 */
export const chromiumLaunch = {
  executablePath: CHROMIUM,
  headless: true,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
};
