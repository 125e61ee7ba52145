import { describe, expect, test } from '@jest/globals';
import path from 'node:path';
import { serialize, deserialize } from 'node:v8';
import { loadCorpusFiles } from '../../src/corpus/load.js';
import { isRecordFile, parseRecordFile, withText, withoutText } from '../../src/corpus/parse.js';

const statement = (source: string) =>
  `---\nspeaker: jane-doe\nsource: ${source}\nkind: paraphrase\n---\nThe words as said.\n`;
const event = (source: string) => `---\ntitle: A hearing\ndate: 2021-08-28\nonline: true\nsource: ${source}\n---\n`;

describe('parseRecordFile: one parser for every record type, each value branded only once checked', () => {
  test.each([
    ['a statement with a usable key', 'statement', statement('report-2021'), { kept: true, codes: [] }],
    ['a statement whose source cannot be a key (a space)', 'statement', statement('"two words"'), { kept: false, codes: ['invalid-id'] }],
    ['a statement whose source holds a brace', 'statement', statement('"a{b"'), { kept: false, codes: ['invalid-id'] }],
    ['an event with a usable source', 'event', event('report-2021'), { kept: true, codes: [] }],
    ['an event whose source cannot be a key keeps the event without it', 'event', event('"two words"'), { kept: true, codes: ['invalid-id'] }],
  ] as const)('%s', (_name, kind, text, expected) => {
    const parsed = parseRecordFile({ path: `corpus/${kind}s/x.md`, kind, text });
    expect(parsed.record !== null).toBe(expected.kept);
    expect(parsed.diagnostics.map((d) => d.code)).toEqual(expected.codes);
  });

  test('the impossible key is reported at its line, with what is wrong', () => {
    const [problem] = parseRecordFile({ path: 'corpus/statements/x.md', kind: 'statement', text: statement('"two words"') }).diagnostics;
    expect(problem).toMatchObject({ file: 'corpus/statements/x.md', line: 3, severity: 'error' });
    expect(problem!.message).toMatch(/"two words" in "source" cannot be a cite key/);
  });

  test('an event keeps no source it cannot cite', () => {
    const parsed = parseRecordFile({ path: 'corpus/events/x.md', kind: 'event', text: event('"two words"') });
    expect(parsed.record).toMatchObject({ type: 'event', id: 'x', source: null });
  });
});

describe('a parse sent between threads without its text', () => {
  // The parse workers send records without their file text and body, and the main thread puts
  // them back from the file it holds: over every fixture corpus, the result is the parse itself.
  const fixtures = ['corpus-basic', 'corpus-broken', 'corpus-confidential', 'corpus-evidence', 'corpus-hostile', 'corpus-mistakes'];
  test.each(fixtures)('%s: every record file comes back as parsed', async (fixture) => {
    const { files } = await loadCorpusFiles(path.join(import.meta.dirname, '..', 'fixtures', fixture));
    const records = files.filter(isRecordFile);
    expect(records.length).toBeGreaterThan(0);
    for (const file of records) {
      const parsed = parseRecordFile(file);
      // As a worker's message carries it: a copy, made by the structured clone postMessage uses.
      const sent = deserialize(serialize(withoutText(parsed))) as typeof parsed;
      if (parsed.record !== null) expect(sent.record!.fileText).toBe('');
      expect(withText(sent, file.text)).toEqual(parsed);
    }
  });
});
