import { z } from 'zod';
import { loadClient, loadPool } from '../pools/load.ts';
import { ALL_CLIENTS, describeUiCustomization, uiCustomizationFor } from '../pools/ui-customization.ts';
import { operation } from './operation.ts';
import { shapes } from './shapes.ts';

// https://docs.aws.amazon.com/cognito-user-identity-pools/latest/APIReference/API_GetUICustomization.html

export default operation({
  name: 'GetUICustomization',
  auth: 'signed',
  storedOnly: true,
  note: 'No hosted UI renders the CSS yet; the logo is served at ImageUrl.',
  input: z.object({ UserPoolId: shapes.userPoolId(), ClientId: shapes.clientId().optional() }),
  async handler(req, { services }) {
    const pool = await loadPool(services, req.UserPoolId);
    if (req.ClientId !== undefined) await loadClient(services, req.ClientId, pool.id);
    const found = await uiCustomizationFor(services, pool, req.ClientId);
    return { UICustomization: describeUiCustomization(services, pool, req.ClientId ?? ALL_CLIENTS, found) };
  },
});
