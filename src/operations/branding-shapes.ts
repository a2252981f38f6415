import { z } from 'zod';
import { blob, bool, enumOf, FREE_TEXT_MAX, list, str } from './shapes.ts';

/** The members of the managed login branding operations (AWS model). */

export const brandingId = () =>
  str({ max: FREE_TEXT_MAX, pattern: /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[4][0-9a-fA-F]{3}-[89abAB][0-9a-fA-F]{3}-[0-9a-fA-F]{12}$/ });

const asset = z.object({
  Category: enumOf([
    'FAVICON_ICO',
    'FAVICON_SVG',
    'EMAIL_GRAPHIC',
    'SMS_GRAPHIC',
    'AUTH_APP_GRAPHIC',
    'PASSWORD_GRAPHIC',
    'PASSKEY_GRAPHIC',
    'PAGE_HEADER_LOGO',
    'PAGE_HEADER_BACKGROUND',
    'PAGE_FOOTER_LOGO',
    'PAGE_FOOTER_BACKGROUND',
    'PAGE_BACKGROUND',
    'FORM_BACKGROUND',
    'FORM_LOGO',
    'IDP_BUTTON_ICON',
  ]),
  ColorMode: enumOf(['LIGHT', 'DARK', 'DYNAMIC']),
  Extension: enumOf(['ICO', 'JPEG', 'PNG', 'SVG', 'WEBP']),
  Bytes: blob({ max: 1000000 }).optional(),
  ResourceId: str({ min: 1, max: 40, pattern: /^[\w\- ]+$/ }).optional(),
});

export const brandingMembers = {
  UseCognitoProvidedValues: bool().optional(),
  /** A JSON document: the branding designer's settings. */
  Settings: z.unknown().optional(),
  Assets: list(asset, { min: 0, max: 40 }).optional(),
};
