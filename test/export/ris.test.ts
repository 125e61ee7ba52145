/** The RIS export as reference managers read it: one line per field, full keys, legal details where they look. */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { plugins } from '@citation-js/core';
import '@citation-js/plugin-ris';
import { readLibraryFile } from '../../src/corpus/citations/library.js';
import { findExportFormat } from '../../src/export/formats.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import type { Source } from '../../src/model/records.js';

const library = fileURLToPath(new URL('../fixtures/library-roundtrip/library.yaml', import.meta.url));
const sources: Source[] = readLibraryFile(readFileSync(library, 'utf8'), 'library.yaml').entries.map((entry) => ({ ...entry, type: 'source', archivedText: null }));
const ris = findExportFormat('ris')!.render(sources, { formatter: new CitationFormatter(new Map()), styleId: 'oscola', title: 'x' });
const records = ris.split(/\n(?=TY {2}- )/);
const record = (id: string) => records.find((text) => text.includes(`\nID  - ${id}\n`)) ?? '';

describe('RIS', () => {
  test('every line is one whole field: nothing is wrapped inside a word', () => {
    for (const line of ris.split('\n').filter((l) => l !== '')) expect(line).toMatch(/^[A-Z][A-Z0-9] {2}- /);
    const long = sources.find((source) => String(source.csl.title).length > 70);
    if (long !== undefined) expect(ris).toContain(`TI  - ${String(long.csl.title)}\n`);
  });

  test('the whole key is the ID, however long', () => {
    for (const source of sources) expect(record(source.key)).not.toBe('');
  });

  test('a judgment: court as PB, case number as M1, reporter, volume and page', () => {
    expect(record('case-national')).toMatch(/^TY {2}- CASE$/m);
    expect(record('case-national')).toContain('PB  - Stockholm District Court\n');
    expect(record('case-national')).toContain('M1  - B 15255-19\n');
    expect(record('case-icj')).toContain('A2  - I.C.J. Reports\n');
    expect(record('case-icj')).toContain('SP  - 3\n');
  });

  test('a treaty: its series, volume and first page', () => {
    expect(record('treaty')).toContain('T2  - United Nations Treaty Series\n');
    expect(record('treaty')).toContain('J2  - UNTS\n');
    expect(record('treaty')).toContain('VL  - 78\n');
    expect(record('treaty')).toContain('SP  - 277\n');
  });

  test('citation-js reads the court and the full date back', () => {
    const read = plugins.input.chain(record('case-national'), { forceType: '@ris/file', generateGraph: false } as never) as Array<Record<string, unknown>>;
    expect(read[0]).toMatchObject({ type: 'legal_case', authority: 'Stockholm District Court', issued: { 'date-parts': [[2022, 7, 14]] }, title: 'Prosecutor v. Hamid Nouri' });
  });
});
