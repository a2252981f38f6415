import { z } from 'zod';
import { authFlows, challengeNames, type Stage } from './names.ts';

/**
 * What the server remembers between the steps of one sign-in: serialised into the auth session
 * (or a SECRET_BLOCK), never sent to the client, and parsed with this schema whenever it is read
 * back, so a step never works on a state it did not write.
 */
const stage = z.enum(['firstFactor', 'newPassword', 'device', 'mfaSetup', 'mfa']);

export const sessionStateSchema = z.object({
  flow: z.enum(authFlows),
  /** The internal username (or, for a phantom, what its USER_ID_FOR_SRP shows). */
  username: z.string(),
  /** True when the user does not exist and PreventUserExistenceErrors makes us pretend. */
  phantom: z.boolean().optional(),
  /** What a phantom typed as USERNAME (its lockout key and stable fake values derive from it). */
  typed: z.string().optional(),
  /** When the first factor succeeded (ms): becomes the tokens' auth_time. */
  authTime: z.number().optional(),
  /** Stages already satisfied. */
  done: z.array(stage),
  /** The challenge results DefineAuthChallenge receives. */
  history: z.array(z.object({ challengeName: z.string(), challengeResult: z.boolean(), challengeMetadata: z.string().optional() })),
  /**
   * The challenge this session waits for and its private state (parsed by that challenge's own
   * schema when answered). Absent on a sign-up session.
   */
  pending: z.object({ name: z.enum(challengeNames), state: z.unknown() }).optional(),
  /** A device key the client presented in this sign-in. */
  deviceKey: z.string().optional(),
  /** SRP_A (hex) handed from the step that received it to the SRP challenge it selects. */
  srpA: z.string().optional(),
  /** The address given in MFA_SETUP's email path, waiting for its EMAIL_OTP. */
  setupEmail: z.string().optional(),
  /** A session chaining sign-up into sign-in (auth/sign-up-session.ts), not a challenge. */
  signUp: z.enum(['signed-up', 'confirmed']).optional(),
  /** USER_AUTH: the first factors this user may choose. */
  available: z.array(z.string()).optional(),
  /** CUSTOM_AUTH: DefineAuthChallenge has said to issue tokens; the standard stages take over. */
  customDone: z.boolean().optional(),
  /** What kind of first factor proved the user (MFA follows password-like ones only). */
  firstFactor: z.enum(['password', 'passwordless']).optional(),
  clientMetadata: z.record(z.string(), z.string()).optional(),
  /** The sign-in's authentication event (AdminListUserAuthEvents), written as it goes. */
  eventId: z.string().optional(),
  /**
   * A sign-in on the hosted pages (/login): it ends in an authorization code, not in tokens, and
   * only the pages may continue it (RespondToAuthChallenge refuses its sessions, and the pages an API one).
   */
  hosted: z.literal(true).optional(),
});

export type SessionState = z.output<typeof sessionStateSchema>;

/** The state read back from storage, or undefined when it is not one this server wrote. */
export function parseState(json: string | object): SessionState | undefined {
  try {
    const result = sessionStateSchema.safeParse(typeof json === 'string' ? JSON.parse(json) : json);
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** A new sign-in's state. */
export function newState(flow: SessionState['flow'], username: string, extra: Partial<SessionState> = {}): SessionState {
  return { flow, username, done: [], history: [], ...extra };
}

export function markDone(state: SessionState, stages: Stage | Stage[]): void {
  for (const s of Array.isArray(stages) ? stages : [stages]) if (!state.done.includes(s)) state.done.push(s);
}

/** The private state of a challenge that keeps none. */
export const noState = z.object({});
export type NoState = z.output<typeof noState>;
