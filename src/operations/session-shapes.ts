import { enumOf, str } from './shapes.ts';

/** Members of the user-session operations. */
export const sessionMembers = {
  SessionId: str({ min: 1, max: 128, pattern: /[\w-]+/ }),
  RevokeAssociatedSessions: enumOf(['NONE', 'LINKED']).optional(),
};
