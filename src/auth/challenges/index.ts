import type { Challenge, ChallengeName } from '../types.ts';
import { NEW_PASSWORD_REQUIRED } from './NEW_PASSWORD_REQUIRED.ts';
import { PASSWORD_VERIFIER } from './PASSWORD_VERIFIER.ts';

/** The challenges the engine can issue and judge, by ChallengeName. */
export const challenges: Partial<Record<ChallengeName, Challenge>> = {
  NEW_PASSWORD_REQUIRED,
  PASSWORD_VERIFIER,
};
