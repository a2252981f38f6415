import type { Services } from './services.ts';
import { keyHousekeeping } from './tokens/key-rotation.ts';

/**
 * Deletes what can never be used again: spent single-use markers (SRP proofs, TOTP codes,
 * passkey challenges, authorization codes) once their own expiry has passed — the checks they guard refuse an
 * expired proof, code or challenge anyway — and auth sessions an hour after they expired (so
 * a late answer still gets "session is expired" rather than "invalid session" for a while);
 * authentication events past their retention (`--auth-event-days`); outbox messages, with the
 * codes they carry, past theirs (`--message-retention-hours`) once nothing is left to deliver;
 * code-send windows that ended.
 * It also rotates signing keys
 * on `--key-rotation-days` and drops retired keys once every token they signed has expired
 * (tokens/key-rotation.ts).
 * Every process runs it; the deletes are idempotent.
 */
export async function runHousekeeping(services: Services): Promise<void> {
  const now = services.clock.now();
  await services.stores.usedTokens.purgeExpired(now);
  await services.stores.authSessions.purgeExpired(now - 60 * 60_000);
  await services.stores.authEvents.purgeOlder(now - services.config.authEventDays * 86_400_000);
  await services.stores.authorizationCodes.purgeExpired(now);
  await services.stores.outbox.purgeOlder(now - services.config.messageRetentionHours * 3_600_000);
  await keyHousekeeping(services);
  await services.stores.sendLimits.purgeEnded(now);
}

/** Runs housekeeping every `intervalMs` (a minute by default) until stopped; failures are logged. */
export function startHousekeeping(services: Services, intervalMs = 60_000): { stop(): Promise<void> } {
  let running: Promise<void> | undefined;
  const timer = setInterval(() => {
    if (running) return;
    running = runHousekeeping(services)
      .catch((error: unknown) => services.log.warn({ err: error }, 'housekeeping failed'))
      .finally(() => {
        running = undefined;
      });
  }, intervalMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
