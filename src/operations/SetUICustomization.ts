import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { describeUiCustomization, setUiCustomization } from '../pools/ui-customization.ts';
import { operation } from './operation.ts';
import { blob, shapes, text } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_SetUICustomization.html

export default operation({
  name: 'SetUICustomization',
  auth: 'signed',
  storedOnly: true,
  note: 'No hosted UI renders the CSS yet; the logo is served at ImageUrl.',
  input: z.object({
    UserPoolId: shapes.userPoolId(),
    ClientId: shapes.clientId().optional(),
    CSS: text().optional(),
    ImageFile: blob({ max: 131072 }).optional(),
  }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    if (req.ClientId !== undefined) await loadClient(services, req.ClientId, pool.id);
    const doc = await setUiCustomization(services, pool, req.ClientId, req.CSS, req.ImageFile);
    return { UICustomization: describeUiCustomization(services, pool, doc.key, doc) };
  },
});
