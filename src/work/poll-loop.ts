/**
 * A background loop that does one pass at a time: it runs `pass` now, then again after `pollMs`
 * (or at once when the pass says more is waiting, or when nudged during a pass), and never two
 * passes together. Its timer never keeps the process alive. Used by the workers that look at
 * shared storage for work (the outbox, user import jobs).
 */
export interface PollLoop {
  /** Runs a pass now, or right after the one under way. */
  nudge(): void;
  /** Stops scheduling passes and waits for the one under way. */
  stop(): Promise<void>;
  /** Whether stop() was called: a long pass checks it to end early. */
  readonly stopped: boolean;
}

export interface PollLoopOptions {
  /** One pass; resolves true when more work is waiting (the next pass runs at once). */
  pass: () => Promise<boolean>;
  pollMs: number;
  /** What a pass that throws is reported as; the loop goes on. */
  onError: (error: unknown) => void;
}

export function startPollLoop({ pass, pollMs, onError }: PollLoopOptions): PollLoop {
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  let stopped = false;

  function schedule(ms: number): void {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(run, ms);
    timer.unref();
  }

  function run(): void {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    clearTimeout(timer);
    running = pass()
      .catch((error: unknown) => {
        onError(error);
        return false;
      })
      .then((more) => {
        running = undefined;
        const soon = again || more;
        again = false;
        schedule(soon ? 0 : pollMs);
      });
  }

  schedule(0);
  return {
    nudge() {
      if (stopped) return;
      if (running) again = true;
      else schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
    },
    get stopped() {
      return stopped;
    },
  };
}
