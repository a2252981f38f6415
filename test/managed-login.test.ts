import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  CreateManagedLoginBrandingCommand,
  CreateTermsCommand,
  CreateUserPoolClientCommand,
  DeleteManagedLoginBrandingCommand,
  DeleteTermsCommand,
  DeleteUserPoolClientCommand,
  DescribeManagedLoginBrandingByClientCommand,
  DescribeManagedLoginBrandingCommand,
  DescribeTermsByClientCommand,
  DescribeTermsCommand,
  ListTermsCommand,
  UpdateManagedLoginBrandingCommand,
  UpdateTermsCommand,
} from '@aws-sdk/client-cognito-identity-provider';
import { createPool } from './support/fixtures.ts';
import { rejectsWith } from './support/sdk.ts';
import { describeEachBackend, type TestServer } from './support/server.ts';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SVG = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>');

async function poolAndClient(server: TestServer) {
  const poolId = await createPool(server);
  const { UserPoolClient } = await server.sdk.send(new CreateUserPoolClientCommand({ UserPoolId: poolId, ClientName: 'web' }));
  return { poolId, clientId: UserPoolClient!.ClientId! };
}

describeEachBackend('managed login branding and terms', ({ server }) => {
  test('branding: one style per client, described by id and by client, updated, deleted', async () => {
    const sdk = server().sdk;
    const { poolId, clientId } = await poolAndClient(server());
    const settings = { components: { pageBackground: { lightMode: { color: 'ffffffff' } } } };
    const created = (
      await sdk.send(
        new CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          Settings: settings,
          Assets: [{ Category: 'PAGE_HEADER_LOGO', ColorMode: 'LIGHT', Extension: 'SVG', Bytes: SVG }],
        }),
      )
    ).ManagedLoginBranding!;
    const id = created.ManagedLoginBrandingId!;
    assert.match(id, UUID_V4);
    assert.equal(created.UserPoolId, poolId);
    assert.equal(created.UseCognitoProvidedValues, false);
    assert.deepEqual(created.Settings, settings);
    assert.deepEqual(Buffer.from(created.Assets![0]!.Bytes!), SVG);
    assert.ok(created.CreationDate instanceof Date);

    const byId = (await sdk.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }))).ManagedLoginBranding!;
    const byClient = (await sdk.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId }))).ManagedLoginBranding!;
    assert.deepEqual(byId, created);
    assert.deepEqual(byClient, created);

    await rejectsWith(
      sdk.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true })),
      'ManagedLoginBrandingExistsException',
      `App client ${clientId} already has a managed login branding style.`,
    );

    // New settings replace the old; the assets left out are kept.
    const updated = (await sdk.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, Settings: { categories: {} } })))
      .ManagedLoginBranding!;
    assert.deepEqual(updated.Settings, { categories: {} });
    assert.equal(updated.Assets!.length, 1);
    const reset = (await sdk.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true })))
      .ManagedLoginBranding!;
    assert.equal(reset.UseCognitoProvidedValues, true);
    assert.equal(reset.Settings, undefined);
    assert.deepEqual(reset.Assets, []);

    await rejectsWith(
      sdk.send(new UpdateManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id, UseCognitoProvidedValues: true, Settings: {} })),
      'InvalidParameterException',
      'Settings and Assets must be left out when UseCognitoProvidedValues is true.',
    );
    await sdk.send(new DeleteManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id }));
    await rejectsWith(
      sdk.send(new DescribeManagedLoginBrandingCommand({ UserPoolId: poolId, ManagedLoginBrandingId: id })),
      'ResourceNotFoundException',
      `Managed login branding ${id} does not exist.`,
    );
    await rejectsWith(
      sdk.send(new DescribeManagedLoginBrandingByClientCommand({ UserPoolId: poolId, ClientId: clientId })),
      'ResourceNotFoundException',
      `App client ${clientId} has no managed login branding style.`,
    );
    // The client may have a style again.
    await sdk.send(new CreateManagedLoginBrandingCommand({ UserPoolId: poolId, ClientId: clientId, UseCognitoProvidedValues: true }));
    await rejectsWith(
      sdk.send(
        new CreateManagedLoginBrandingCommand({
          UserPoolId: poolId,
          ClientId: clientId,
          Assets: [{ Category: 'FORM_LOGO', ColorMode: 'DARK', Extension: 'GIF' as 'PNG' }],
        }),
      ),
      'InvalidParameterException',
      "1 validation error detected: Value at 'assets.1.member.extension' failed to satisfy constraint: Member must satisfy enum value set: [ICO, JPEG, PNG, SVG, WEBP]",
    );
  });

  test('terms: one of each name per client, described, listed in pages, renamed, deleted with the client', async () => {
    const sdk = server().sdk;
    const { poolId, clientId } = await poolAndClient(server());
    const links = { 'cognito:default': 'https://example.com/terms', 'cognito:french': 'https://example.com/fr/conditions' };
    const created = (
      await sdk.send(
        new CreateTermsCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: links }),
      )
    ).Terms!;
    assert.match(created.TermsId!, UUID_V4);
    assert.deepEqual(
      { ...created, CreationDate: undefined, LastModifiedDate: undefined },
      {
        TermsId: created.TermsId,
        UserPoolId: poolId,
        ClientId: clientId,
        TermsName: 'terms-of-use',
        TermsSource: 'LINK',
        Enforcement: 'NONE',
        Links: links,
        CreationDate: undefined,
        LastModifiedDate: undefined,
      },
    );
    assert.deepEqual((await sdk.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: created.TermsId! }))).Terms, created);
    assert.deepEqual((await sdk.send(new DescribeTermsByClientCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use' }))).Terms, created);
    await rejectsWith(
      sdk.send(
        new CreateTermsCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: links }),
      ),
      'TermsExistsException',
      `App client ${clientId} already has terms named terms-of-use.`,
    );
    const privacy = (
      await sdk.send(
        new CreateTermsCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'privacy-policy', TermsSource: 'LINK', Enforcement: 'NONE', Links: links }),
      )
    ).Terms!;

    const first = await sdk.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 1 }));
    assert.equal(first.Terms!.length, 1);
    assert.ok(first.NextToken);
    const second = await sdk.send(new ListTermsCommand({ UserPoolId: poolId, MaxResults: 1, NextToken: first.NextToken }));
    assert.equal(second.NextToken, undefined);
    assert.deepEqual([...first.Terms!, ...second.Terms!].map((t) => t.TermsId).sort(), [created.TermsId, privacy.TermsId].sort());
    assert.deepEqual(Object.keys(first.Terms![0]!).sort(), ['CreationDate', 'Enforcement', 'LastModifiedDate', 'TermsId', 'TermsName']);

    // Renaming onto a name the client uses is refused; new links replace the old.
    await rejectsWith(
      sdk.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: privacy.TermsId!, TermsName: 'terms-of-use' })),
      'TermsExistsException',
      `App client ${clientId} already has terms named terms-of-use.`,
    );
    const relinked = (
      await sdk.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: privacy.TermsId!, Links: { 'cognito:default': 'https://example.com/p' } }))
    ).Terms!;
    assert.deepEqual(relinked.Links, { 'cognito:default': 'https://example.com/p' });
    assert.equal(relinked.TermsName, 'privacy-policy');

    await sdk.send(new DeleteTermsCommand({ UserPoolId: poolId, TermsId: created.TermsId! }));
    await rejectsWith(
      sdk.send(new DescribeTermsCommand({ UserPoolId: poolId, TermsId: created.TermsId! })),
      'ResourceNotFoundException',
      `Terms ${created.TermsId} do not exist.`,
    );
    // The name is free again.
    await sdk.send(new UpdateTermsCommand({ UserPoolId: poolId, TermsId: privacy.TermsId!, TermsName: 'terms-of-use' }));

    await sdk.send(new DeleteUserPoolClientCommand({ UserPoolId: poolId, ClientId: clientId }));
    assert.deepEqual((await sdk.send(new ListTermsCommand({ UserPoolId: poolId }))).Terms, []);

    await rejectsWith(
      sdk.send(
        new CreateTermsCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'cookies', TermsSource: 'LINK', Enforcement: 'NONE', Links: links }),
      ),
      'InvalidParameterException',
      "1 validation error detected: Value at 'termsName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^(terms-of-use|privacy-policy)$",
    );
    await rejectsWith(
      sdk.send(
        new CreateTermsCommand({ UserPoolId: poolId, ClientId: clientId, TermsName: 'terms-of-use', TermsSource: 'LINK', Enforcement: 'NONE', Links: {} }),
      ),
      'InvalidParameterException',
      "1 validation error detected: Value at 'links' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
  });
});
