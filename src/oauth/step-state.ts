import type { Services } from '../services.ts';

/**
 * Where a hosted sign-in stands between two pages: the engine's Session (server-side and
 * single-use), the challenge it waits for, the user it is for and the public parameters of the
 * challenge (to show the page again after a wrong answer). It travels in the step form's hidden
 * `_step` field sealed with a key of the server's (authenticated encryption: not readable, not
 * forgeable) and bound to the browser's CSRF token, so that a copy is useless in another browser.
 * It holds no right of its own: replayed after the engine moved on, its Session is spent.
 */
export interface StepState {
  session: string;
  challenge: string;
  /** The USERNAME every answer carries (the internal username the challenge named). */
  username: string;
  parameters: Record<string, string>;
  /** MFA_SETUP: the associated secret, to show the page again after a wrong code. */
  totpSecret?: string | undefined;
}

/** A sign-in step (`/login`), or a sign-up waiting for its confirmation code (`/confirm`: SignUp's Session). */
type Purpose = 'hosted-step' | 'hosted-sign-up';

interface Sealed extends StepState {
  purpose: Purpose;
  csrf: string;
}

export function sealStep(services: Services, state: StepState, csrf: string, purpose: Purpose = 'hosted-step'): string {
  const sealed: Sealed = { purpose, csrf, ...state };
  return services.sealer.seal(JSON.stringify(sealed));
}

/** The state of a posted step form, or undefined when it is not one this server sealed for this browser and purpose. */
export function openStep(services: Services, value: string | null, csrf: string, purpose: Purpose = 'hosted-step'): StepState | undefined {
  if (!value) return undefined;
  try {
    const { purpose: sealedFor, csrf: boundTo, ...state } = JSON.parse(services.sealer.open(value)) as Sealed;
    if (sealedFor !== purpose || boundTo !== csrf) return undefined;
    return state;
  } catch {
    return undefined;
  }
}
