/**
 * The mentions stage over a fixture corpus: uncited mentions warn with the citation to write, an
 * authority the library lacks is listed as a missing source, a public memo is never told about an
 * internal entry, the alias file is read with its problems placed, and archived texts that cite
 * other sources become "cited in" backlinks with their page.
 */
import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { backlinksOf } from '../../src/model/records.js';
import type { CiteKey } from '../../src/model/ids.js';

const ROOT = path.resolve('test/fixtures/detect');
const corpus = await buildCorpus(ROOT, { workers: 0 });
const of = (file: string, code: string) => corpus.diagnostics.filter((d) => d.file === file && d.code === code).map((d) => `${d.line}:${d.column} ${d.severity} ${d.message}`);

describe('mentions in memos', () => {
  test('an authority named in prose without a citation in its paragraph gets a warning with the citation to write', () => {
    expect(of('corpus/memos/mentions.md', 'uncited-mention')).toEqual([
      '4:22 warning ICTR-96-4-T, para. 516 is mentioned at line 4 but not cited: cite it as [@akayesu-1998, para. 516]',
    ]);
  });

  test('an authority the library lacks is a missing source, listed but never failing check --strict', () => {
    expect(of('corpus/memos/mentions.md', 'missing-source')).toEqual([
      '8:33 info A/HRC/37/68 (UN document A/HRC/37/68) is mentioned but the library has no entry for it: look it up and add it to citations/',
    ]);
  });

  test('a public memo is resolved against public sources only: no message names the internal entry', () => {
    const messages = corpus.diagnostics.filter((d) => d.file === 'corpus/memos/public-names-internal.md').map((d) => d.message);
    expect(messages.join('\n')).not.toContain('cat-gc-3');
    expect(of('corpus/memos/public-names-internal.md', 'missing-source')).toHaveLength(1);
  });
});

describe('the alias file', () => {
  test('its problems are diagnostics with their places, and the rest of it counts', () => {
    expect(corpus.diagnostics.filter((d) => d.file === 'corpus/aliases.yaml').map((d) => `${d.line}:${d.column} ${d.code}`)).toEqual([
      '1:1 unknown-cite-key',
      '5:11 invalid-field',
      '9:3 missing-field',
    ]);
    expect(corpus.instruments?.find((instrument) => instrument.id === 'rome-statute')?.names).toContain('Statute of Rome');
  });
});

describe('source-to-source links', () => {
  test('a reference in an archived text is a mention backlink with its page, pinpoint and sentence', () => {
    const mentions = backlinksOf(corpus, { type: 'source', id: 'akayesu-1998' as CiteKey }).filter((b) => b.via === 'mention');
    expect(mentions).toEqual([
      {
        from: { type: 'source', id: 'krstic-2004' },
        via: 'mention',
        field: null,
        place: { file: 'citations/texts/krstic-2004.txt', line: 2, column: 34 },
        sentence: 'On page two the authors rely on ICTR-96-4-T, para. 523, and on Articles 6 and 7 of the Statute of Rome.',
        sentenceSpans: [{ text: 'On page two the authors rely on ICTR-96-4-T, para. 523, and on Articles 6 and 7 of the Statute of Rome.' }],
        label: 'paragraph',
        locator: '523',
        at: 'p. 2',
      },
    ]);
    // The corpus's own alias resolves the instrument named in the archived text.
    const statute = backlinksOf(corpus, { type: 'source', id: 'rome-statute' as CiteKey }).filter((b) => b.via === 'mention');
    expect(statute.map((b) => [b.from.id, b.label, b.locator])).toEqual([['krstic-2004', 'article', '6 and 7']]);
  });
});
