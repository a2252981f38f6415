/** How many codes one user may be sent in a window: `--code-send-limit N/WINDOW`. */
export interface CodeSendLimit {
  count: number;
  windowMs: number;
}

const UNIT_MS = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 } as const;

/** `N/WINDOW` (WINDOW: a number and s, m, h or d) → the limit, `off` → undefined, else an error message. */
export function parseCodeSendLimit(text: string): CodeSendLimit | undefined | string {
  if (text.trim().toLowerCase() === 'off') return undefined;
  const m = /^\s*(\d{1,6})\s*\/\s*(\d{1,6})\s*([smhd])\s*$/.exec(text);
  const count = Number(m?.[1]);
  const windowMs = Number(m?.[2]) * UNIT_MS[(m?.[3] ?? 's') as keyof typeof UNIT_MS];
  if (!m || count < 1 || windowMs < 1000 || windowMs > 30 * UNIT_MS.d) {
    return "must be N/WINDOW (at least 1 send per window of 1s to 30d, the window a number and s, m, h or d: '5/1h') or 'off'";
  }
  return { count, windowMs };
}
