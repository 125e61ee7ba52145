/**
 * Confidentiality markers fail closed: a marker dossier cannot read, or reads in a place CSL does
 * not define, never publishes its record. One row per way of writing the marker.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { corpusOf, memo } from '../helpers/memory-corpus.js';

const TOPICS = { 'corpus/topics.yaml': '- id: law\n  label: Law\n' };

describe('a memo’s visibility', () => {
  test.each([
    ['visibility: internal', 'internal', false],
    ['visibility: public', 'public', false],
    ['visibility: Internal', 'internal', true],
    ['visibility: privat', 'internal', true],
    ['visibility: [internal]', 'internal', true],
    ['visibility: ""', 'internal', true],
    ['', 'public', false],
  ])('%j makes it %s (an error: %s)', (field, expected, isError) => {
    const corpus = corpusOf({ ...TOPICS, 'corpus/memos/m.md': memo('Text.', `title: M\n${field}`) });
    expect(corpus.memos.get('m' as never)?.visibility).toBe(expected);
    const errors = corpus.diagnostics.filter((d) => d.code === 'invalid-field' && d.file === 'corpus/memos/m.md');
    expect(errors.length > 0).toBe(isError);
    if (isError) expect(errors[0]!.message).toMatch(/"visibility" must be "public" or "internal".*treated as internal/);
  });
});

describe('a folder default', () => {
  test.each([
    ['_defaults.yaml', 'visibility: internal', '', 'internal'],
    ['_defaults.yml', 'visibility: internal', '', 'internal'],
    ['_defaults.yaml', 'visibility: Internal', '', 'internal'],
    ['_defaults.yaml', 'visibility: [', '', 'internal'],
    ['_defaults.yaml', '- a list', '', 'internal'],
    ['_defaults.yaml', 'visibility: internal', 'visibility: Public', 'internal'],
    ['_defaults.yaml', 'visibility: internal', 'visibility: public', 'public'],
    ['_defaults.yaml', 'visibility: public', '', 'public'],
  ])('%s holding %j, a memo saying %j: %s', (name, defaults, own, expected) => {
    const corpus = corpusOf({ ...TOPICS, [`corpus/memos/team/${name}`]: defaults, 'corpus/memos/team/m.md': memo('Text.', `title: M\n${own}`) });
    expect(corpus.memos.get('m' as never)?.visibility).toBe(expected);
  });

  test.each([
    ['an explicit bad value', 'custom: { visibility: Public }', 'internal'],
    ['an explicit public', 'custom: { visibility: public }', 'public'],
    ['no value', '', 'internal'],
  ])('applies to a bibliography entry with %s: %s', (_what, custom, expected) => {
    const entry = `- id: k\n  type: book\n  title: T\n${custom === '' ? '' : `  ${custom}\n`}`;
    const corpus = corpusOf({ 'citations/team/_defaults.yml': 'visibility: internal', 'citations/team/lib.yaml': entry });
    expect(corpus.sources.get('k' as never)?.visibility).toBe(expected);
  });

  test('that cannot be read makes its folder internal', async () => {
    const root = await mkdtemp(path.join(os.tmpdir(), 'dossier-defaults-'));
    try {
      await mkdir(path.join(root, 'corpus/memos/team'), { recursive: true });
      await writeFile(path.join(root, 'corpus/memos/team/_defaults.yaml'), Buffer.from([0xff, 0xfe, 0x00, 0x76]));
      await writeFile(path.join(root, 'corpus/memos/team/m.md'), memo('Text.', 'title: M'));
      const corpus = await buildCorpus(root);
      expect(corpus.memos.get('m' as never)?.visibility).toBe('internal');
      expect(corpus.diagnostics.map((d) => [d.file, d.code])).toContainEqual(['corpus/memos/team/_defaults.yaml', 'unreadable-file']);
    } finally {
      await rm(root, { recursive: true, force: true });
    }
  });
});

describe('a CSL entry’s visibility', () => {
  test.each([
    ['CSL-YAML, under custom', 'citations/lib.yaml', '- id: k\n  type: book\n  title: T\n  custom: { visibility: internal }\n', 'internal', null],
    ['CSL-YAML, at the top level', 'citations/lib.yaml', '- id: k\n  type: book\n  title: T\n  visibility: internal\n', 'internal', /belongs under "custom"/],
    ['CSL-JSON, at the top level', 'citations/lib.json', '[{"id": "k", "type": "book", "title": "T", "visibility": "internal"}]', 'internal', /belongs under "custom"/],
    ['CSL-YAML, misspelt', 'citations/lib.yaml', '- id: k\n  type: book\n  title: T\n  custom: { visibility: intern }\n', 'internal', /must be "public" or "internal"/],
    ['BibTeX, misspelt', 'citations/lib.bib', '@book{k, title = {T}, visibility = {Internal}}\n', 'internal', /must be "public" or "internal"/],
    ['CSL-YAML, none', 'citations/lib.yaml', '- id: k\n  type: book\n  title: T\n', 'public', null],
  ])('%s: %s', (_what, file, text, expected, message) => {
    const corpus = corpusOf({ [file]: text });
    expect(corpus.sources.get('k' as never)?.visibility).toBe(expected);
    const said = corpus.diagnostics.filter((d) => d.file === file && d.code !== 'uncited-source').map((d) => d.message);
    if (message === null) expect(said).toEqual([]);
    else expect(said.some((text) => message.test(text))).toBe(true);
  });
});
