import { fail, messages } from '../../errors.ts';
import type { UserStatus } from '../../domain/types.ts';
import type { ChallengeName, Decision, Stage } from '../types.ts';

/**
 * The standard policy: after the first factor, the stages are asked in order and the first one
 * not yet satisfied that applies is the next challenge (auth-protocol.md §2.8). Pure: tested as
 * a table of facts → decision.
 */

export interface StandardFacts {
  userStatus: UserStatus;
  /** The sign-in is for a user that does not exist (PreventUserExistenceErrors). */
  phantom: boolean;
  done: readonly Stage[];
}

interface StageRule {
  stage: Stage;
  /** The challenge that satisfies this stage, when the stage applies to these facts. */
  ask(facts: StandardFacts): ChallengeName | undefined;
}

/** The ordered table. Later stages (devices, MFA) join it as they are built. */
export const standardStages: readonly StageRule[] = [
  {
    stage: 'newPassword',
    ask: (f) => (f.userStatus === 'FORCE_CHANGE_PASSWORD' ? 'NEW_PASSWORD_REQUIRED' : undefined),
  },
];

export function decideStandard(facts: StandardFacts): Decision {
  if (facts.phantom || !facts.done.includes('firstFactor')) {
    return { kind: 'fail', error: fail('NotAuthorizedException', messages.incorrectCredentials) };
  }
  for (const rule of standardStages) {
    if (facts.done.includes(rule.stage)) continue;
    const name = rule.ask(facts);
    if (name) return { kind: 'challenge', name };
  }
  return { kind: 'tokens' };
}
