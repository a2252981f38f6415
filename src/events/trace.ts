import { AsyncLocalStorage } from 'node:async_hooks';
import type { ChallengeResult, TraceStep } from '../domain/auth-event.ts';

/**
 * The trace of the request being served: what each layer saw and decided, step by step, for the
 * console. The engine opens one per InitiateAuth / RespondToAuthChallenge call; anything below
 * it (the policy, challenges, triggers, token issuance) adds steps without being handed it.
 * Outside a traced call, recording does nothing.
 */
export interface Trace {
  /** The server's clock (tests move it). */
  readonly now: () => number;
  readonly startedAt: number;
  readonly steps: TraceStep[];
  /** The ChallengeResponses of Cognito's event: Password and Mfa, each Success or Failure. */
  readonly challenges: ChallengeResult[];
}

const current = new AsyncLocalStorage<Trace>();

export function newTrace(now: () => number): Trace {
  return { now, startedAt: now(), steps: [], challenges: [] };
}

/** Runs `work` with `trace` as the current one. */
export function inTrace<T>(trace: Trace, work: () => Promise<T>): Promise<T> {
  return current.run(trace, work);
}

/** Adds a step to the current trace (details must already be free of secrets: see redact.ts). */
export function traceStep(kind: TraceStep['kind'], details: Record<string, unknown>): void {
  const trace = current.getStore();
  if (trace) trace.steps.push({ at: trace.now() - trace.startedAt, kind, ...details });
}

/** Records a Password or Mfa result for the current sign-in's event. */
export function traceChallenge(name: ChallengeResult['ChallengeName'], success: boolean): void {
  current.getStore()?.challenges.push({ ChallengeName: name, ChallengeResponse: success ? 'Success' : 'Failure' });
}
