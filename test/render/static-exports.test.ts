/** Which bibliography files a static site offers for each scope: the library in every format, a memo in three, a topic in CSL-JSON. */
import { expect, test } from '@jest/globals';
import { EXPORT_FORMATS } from '../../src/export/formats.js';
import { staticExportFormats, staticExportName } from '../../src/render/static-exports.js';

test.each([
  ['all', 'library', EXPORT_FORMATS.map((format) => format.id)],
  ['memo:genocide', 'genocide', ['bibtex', 'ris', 'csl-json']],
  ['topic:jurisdiction', 'topic-jurisdiction', ['csl-json']],
])('%s is written as %s in %j', (scope, name, formats) => {
  expect(staticExportName(scope)).toBe(name);
  expect(staticExportFormats(scope).map((format) => format.id)).toEqual(formats);
});
