import { enumOf, FREE_TEXT_MAX, sizedMap, str } from './shapes.ts';

/** The members of the terms operations (AWS model). */

export const termsId = () => str({ max: FREE_TEXT_MAX, pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[4][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/ });

export const termsName = () => str({ max: FREE_TEXT_MAX, pattern: /^(terms-of-use|privacy-policy)$/ });

const language = () =>
  str({
    max: FREE_TEXT_MAX,
    pattern:
      /^cognito:(default|dutch|english|french|spanish|german|bahasa-indonesia|italian|japanese|korean|portuguese-brazil|chinese-(simplified|traditional))$/,
  });

export const termsMembers = {
  TermsSource: enumOf(['LINK']),
  Enforcement: enumOf(['NONE']),
  Links: sizedMap(language(), str({ min: 1, max: 1024, pattern: /^[\p{L}\p{M}\p{S}\p{N}\p{P}]+$/u }), { min: 1, max: 13 }),
};
