import type { AuthFlow } from '../../sessions/names.ts';
import type { Flow } from '../types.ts';
import { CUSTOM_AUTH } from './custom.ts';
import { ADMIN_USER_PASSWORD_AUTH, USER_PASSWORD_AUTH } from './password.ts';
import { REFRESH_TOKEN_AUTH } from './refresh.ts';
import { USER_SRP_AUTH } from './srp.ts';
import { USER_AUTH } from './user-auth.ts';

/** The flows the engine can start, by AuthFlow (legacy names map to the same flow); an AuthFlow without one fails the build. */
export const flows: { readonly [F in AuthFlow]: Flow } = {
  USER_PASSWORD_AUTH,
  USER_SRP_AUTH,
  ADMIN_USER_PASSWORD_AUTH,
  ADMIN_NO_SRP_AUTH: ADMIN_USER_PASSWORD_AUTH,
  REFRESH_TOKEN_AUTH,
  REFRESH_TOKEN: REFRESH_TOKEN_AUTH,
  CUSTOM_AUTH,
  USER_AUTH,
};
