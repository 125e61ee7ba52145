/** The field and type lists dossier validates entries with are those of the CSL data schema beside the repository. */
import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
// @ts-expect-error the generator is a plain script without type declarations
import { generate } from '../../../scripts/csl-schema-lists.mjs';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

test('src/corpus/citations/csl-schema-lists.ts is generated from ../shared/csl-schema/csl-data.json as it is now', () => {
  const schema = JSON.parse(readFileSync(path.resolve(repoRoot, '..', 'shared', 'csl-schema', 'csl-data.json'), 'utf8')) as unknown;
  expect(readFileSync(path.join(repoRoot, 'src', 'corpus', 'citations', 'csl-schema-lists.ts'), 'utf8')).toBe((generate as (schema: unknown) => string)(schema));
});
