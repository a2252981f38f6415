import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { cognitoOperations } from '../src/operations/catalog.ts';
import { operations } from '../src/operations/index.ts';
import { OPERATIONS_DOC, operationsDoc } from '../scripts/operations-doc.ts';

test('docs/operations.md is what `npm run docs:operations` writes from the code', () => {
  const committed = readFileSync(OPERATIONS_DOC, 'utf8');
  assert.ok(committed === operationsDoc(), 'docs/operations.md is stale: run `npm run docs:operations` and commit the result');
});

test('docs/operations.md has a row for every operation of the API, and says which are served', () => {
  const doc = operationsDoc();
  for (const name of cognitoOperations) {
    const row = doc.split('\n').find((line) => line.startsWith(`| ${name} |`));
    assert.ok(row, `${name} has no row`);
    assert.equal(row.includes('| not yet |'), !operations.has(name), row);
  }
  assert.match(doc, new RegExp(`cognate serves ${operations.size} of the ${cognitoOperations.size} operations`));
});
