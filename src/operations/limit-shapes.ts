import { z } from 'zod';
import { enumOf, stringMap } from './shapes.ts';

/** LimitDefinitionType, the input of GetProvisionedLimit and UpdateProvisionedLimit. */
export const limitDefinition = () => z.object({ LimitClass: enumOf(['API_CATEGORY']), Attributes: stringMap() });
