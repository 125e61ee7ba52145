/** Exports: faithful round trips, formatted bibliographies, the table of authorities, `dossier export`. */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { readLibraryFile, type LibraryEntry } from '../../src/corpus/citations/library.js';
import { EXPORT_FORMATS, findExportFormat } from '../../src/export/formats.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { CiteKey } from '../../src/model/ids.js';
import type { Corpus, Source } from '../../src/model/records.js';
import { fixture } from '../helpers/server.js';
import { runCli } from '../helpers/run-cli.js';

const repository = new URL('../../', import.meta.url);
const asSources = (entries: readonly LibraryEntry[]): Source[] => entries.map((entry) => ({ ...entry, type: 'source', archivedText: null }));
const fixtureLibrary: Source[] = asSources(
  readLibraryFile(readFileSync(new URL('../fixtures/library-roundtrip/library.yaml', import.meta.url), 'utf8'), 'library.yaml').entries,
);
// The whole bundled library is a whole-output check (every entry survives a round trip); what a
// bibliography says is checked on the fixture corpus, so that editing the bundled one breaks nothing.
let bundled: Corpus;
let basic: Corpus;
beforeAll(async () => {
  bundled = await buildCorpus(new URL(repository).pathname);
  basic = await buildCorpus(fixture('corpus-basic'));
});

/** What each format must carry through a round trip (see docs/export-formats.md). */
const CARRIES: Record<string, { fields: string[]; dossierFields: boolean; fullKeys: boolean }> = {
  'csl-json': { fields: ['*'], dossierFields: true, fullKeys: true },
  'csl-yaml': { fields: ['*'], dossierFields: true, fullKeys: true },
  biblatex: { fields: ['*'], dossierFields: true, fullKeys: true },
  bibtex: { fields: ['type', 'title', 'author', 'issued', 'number', 'authority'], dossierFields: true, fullKeys: true },
  ris: { fields: ['title', 'author', 'issued'], dossierFields: false, fullKeys: true },
};

function roundTrip(format: string, sources: readonly Source[]) {
  const exported = findExportFormat(format)!.render(sources, { formatter: new CitationFormatter(new Map()), styleId: 'oscola', title: 'x' });
  const read = readLibraryFile(exported, `library.${findExportFormat(format)!.extension}`);
  return { exported, read };
}

describe.each(Object.entries(CARRIES))('round trip through %s', (format, carries) => {
  test.each([
    ['the fixture library', () => fixtureLibrary],
    ['the bundled library', () => [...bundled.sources.values()]],
  ])('%s', (_name, sourcesOf) => {
    const sources = sourcesOf();
    const { read } = roundTrip(format, sources);
    expect(read.diagnostics).toEqual([]);
    const back = new Map(read.entries.map((entry) => [entry.key as string, entry]));
    for (const source of sources) {
      if (!carries.fullKeys && source.key.length > 20) continue;
      const entry = back.get(source.key);
      expect({ key: source.key, found: entry !== undefined }).toEqual({ key: source.key, found: true });
      const fields = carries.fields[0] === '*' ? Object.keys(source.csl).filter((field) => field !== 'custom') : carries.fields;
      for (const field of fields) {
        // RIS has one name form (docs/export-formats.md): an organisation comes back as a family
        // name, or, if its name holds a comma, as a family and a given name.
        const asOrganisation = (name: Record<string, unknown>) =>
          name.family !== undefined ? { literal: [name.family, name.given].filter((part) => part !== undefined).join(', ') } : name;
        const original = source.csl[field];
        const read =
          format === 'ris' && Array.isArray(entry!.csl[field])
            ? (entry!.csl[field] as Array<Record<string, unknown>>).map((name, index) =>
                Array.isArray(original) && (original[index] as Record<string, unknown> | undefined)?.literal !== undefined ? asOrganisation(name) : name,
              )
            : entry!.csl[field];
        expect({ key: source.key, field, value: read }).toEqual({ key: source.key, field, value: source.csl[field] });
      }
      if (carries.fields[0] === '*') expect(Object.keys(entry!.csl).filter((f) => f !== 'custom').sort()).toEqual(fields.sort());
      if (carries.dossierFields) {
        expect({ key: source.key, verification: entry!.verification, visibility: entry!.visibility, topics: entry!.topics }).toEqual({
          key: source.key,
          verification: source.verification,
          visibility: source.visibility,
          topics: source.topics,
        });
      }
    }
  });
});

describe('what the files look like', () => {
  test('BibLaTeX keeps the keys as written, is UTF-8 with only LaTeX\'s reserved characters escaped, and writes organisations in braces', () => {
    const { exported } = roundTrip('biblatex', fixtureLibrary);
    expect(exported).toContain('@jurisdiction{case-national,');
    expect(exported).toContain('@legal{treaty,');
    expect(exported).toContain('@legislation{');
    // A report with no institution is a misc: BibLaTeX's @report requires one.
    expect(exported).toContain('@misc{un:A/HRC/47/22,');
    expect(exported).toContain('{{United Nations Human Rights Council}}');
    expect(exported).toContain('100\\% \\& more\\_than \\#1 \\{braced\\}');
    expect(exported).toContain('author = {Ažubalis, Audronius}');
    expect(exported).toContain('  number = {B 15255-19},');
    expect(exported).toContain('  institution = {Stockholm District Court},');
  });

  test('BibTeX is ASCII with the standard accent commands', () => {
    const { exported } = roundTrip('bibtex', fixtureLibrary);
    expect(exported).toContain('author = {A{\\v{z}}ubalis, Audronius}');
    expect(/^[\t\n\r\x20-\x7e]*$/.test(exported)).toBe(true);
  });

  test('RIS and CSL are what other tools expect', () => {
    expect(roundTrip('ris', fixtureLibrary).exported).toMatch(/^TY {2}- /);
    expect(JSON.parse(roundTrip('csl-json', fixtureLibrary).exported)[0]).toMatchObject({ id: 'azubalis-2021', type: 'article-journal' });
    expect(roundTrip('csl-yaml', fixtureLibrary).exported).toMatch(/^references:\n {2}- /);
  });

  test('CSL-JSON holds one item a line, without indentation', () => {
    const { exported } = roundTrip('csl-json', fixtureLibrary);
    const items = JSON.parse(exported) as unknown[];
    expect(items.length).toBeGreaterThan(1);
    expect(exported.split('\n')).toEqual(['[', ...items.map((item, index) => `${JSON.stringify(item)}${index < items.length - 1 ? ',' : ''}`), ']', '']);
  });
});

describe('formatted bibliographies', () => {
  const formatter = () => new CitationFormatter(basic.sources);
  const some = () => ['genocide-convention', 'akayesu', 'robertson2010'].map((key) => basic.sources.get(key as CiteKey)!);

  test.each(['oscola', 'chicago-notes', 'apa', 'harvard', 'vancouver'])('HTML, text and RTF in %s', (styleId) => {
    const context = { formatter: formatter(), styleId, title: 'Bibliography: test' };
    const html = findExportFormat('html')!.render(some(), context);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).toContain('<title>Bibliography: test</title>');
    expect((html.match(/<li>/g) ?? []).length).toBe(3);
    const text = findExportFormat('text')!.render(some(), context);
    expect(text).toMatch(/Robertson/);
    expect(text).not.toMatch(/<[a-z]/);
    const rtf = findExportFormat('rtf')!.render(some(), context);
    expect(rtf).toMatch(/^\{\\rtf1\\ansi/);
    if (styleId !== 'vancouver') expect(rtf).toContain('{\\i ');
    expect(rtf.endsWith('}\n')).toBe(true);
  });

  test('RTF writes non-ASCII characters as Unicode escapes', () => {
    const rtf = findExportFormat('rtf')!.render([fixtureLibrary[0]!], { formatter: new CitationFormatter(new Map(fixtureLibrary.map((s): [CiteKey, Source] => [s.key, s]))), styleId: 'oscola', title: 'Ažubalis' });
    expect(rtf).toContain('A\\u382?ubalis');
    expect([...rtf].every((ch) => ch.charCodeAt(0) < 0x80)).toBe(true);
  });
});

describe('dossier export', () => {
  test('to standard output and to a file', async () => {
    const basic = fixture('corpus-basic');
    const run = await runCli('export', '--root', basic, '--memo', 'genocide', '--format', 'biblatex');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('@jurisdiction{akayesu,');
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-export-'));
    try {
      const out = path.join(folder, 'lib.ris');
      expect((await runCli('export', '--root', basic, '--all', '--include', 'all', '--format', 'ris', '--out', out)).code).toBe(0);
      expect(await readFile(out, 'utf8')).toMatch(/^TY {2}- /);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('a memo for pandoc: Markdown, its CSL-JSON and the style', async () => {
    const folder = await mkdtemp(path.join(os.tmpdir(), 'dossier-pandoc-'));
    try {
      const run = await runCli('export', '--root', fixture('corpus-basic'), '--memo', 'genocide', '--format', 'markdown', '--out', folder);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain(`pandoc genocide.md --citeproc -o genocide.docx`);
      const markdown = await readFile(path.join(folder, 'genocide.md'), 'utf8');
      expect(markdown).toMatch(/^---\ntitle: Genocide of a religious group\?\nauthor:\n {2}- A\. Jurist\ndate: 2026-11-01\n/);
      expect(markdown).toContain('bibliography: genocide.json\ncsl: oscola-international.csl\n');
      // Pinpoints as OSCOLA prints them on the page, braced so that pandoc prints them as they are.
      expect(markdown).toContain('[see @genocide-convention, {art II}; also @akayesu, {paras 510–516}]');
      // An embedded statement is attributed as on the page: its source named, not a note of its own.
      expect(markdown).toContain(
        "> The MEK was distinguished from Khomeini because of their different view on Islam.\n>\n> --- Geoffrey Robertson, Jurist; first President of the UN Special Court for Sierra Leone, at Online conference on the 1988 massacre, 2021-08-27. Source: Online conference calls for justice for the victims of Iran's 1988 massacre, para. 3 (verbatim).",
      );
      expect(markdown).toContain('See also the jurisdiction memo.');
      expect(markdown).not.toContain('[[');
      const bibliography = JSON.parse(await readFile(path.join(folder, 'genocide.json'), 'utf8')).map((item: { id: string }) => item.id).sort();
      expect(bibliography).toEqual(['akayesu', 'genocide-convention', 'report2021', 'robertson2010']);
      expect(await readFile(path.join(folder, 'oscola-international.csl'), 'utf8')).toContain('<style xmlns="http://purl.org/net/xbiblio/csl" class="note"');
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });

  test('usage errors', async () => {
    expect((await runCli('export', '--format', 'ris')).code).toBe(2);
    expect((await runCli('export', '--all', '--memo', 'x', '--format', 'ris')).code).toBe(2);
    expect((await runCli('export', '--root', fixture('corpus-basic'), '--all', '--format', 'docx')).stderr).toMatch(/--format docx takes --memo ID and --out FILE/);
    expect((await runCli('export', '--root', fixture('corpus-basic'), '--all', '--format', 'pdf')).stderr).toMatch(/unknown format "pdf"/);
  });
});

test('every export format is listed in the docs', () => {
  const docs = readFileSync(new URL('../../docs/export-formats.md', import.meta.url), 'utf8');
  for (const format of EXPORT_FORMATS) expect(docs).toContain(`\`${format.id}\``.replace('`bibtex`', 'BibTeX').replace('`biblatex`', 'BibLaTeX').replace('`ris`', 'RIS').replace('`csl-json`', 'CSL-JSON').replace('`csl-yaml`', 'CSL-YAML'));
});

describe('an entry is written once per source, and each export is as if written whole', () => {
  // A static build exports the same frozen sources for every memo citing them: an entry kept
  // from one export must be exactly what writing it again gives, and only a frozen source's is kept.
  test.each(['bibtex', 'biblatex', 'ris', 'csl-json'])('%s: the corpus\'s frozen sources, in any grouping, as their unfrozen copies', (format) => {
    const frozen = [...basic.sources.values()];
    expect(frozen.length).toBeGreaterThan(1);
    expect(Object.isFrozen(frozen[0])).toBe(true);
    const copies = frozen.map((source) => structuredClone(source));
    const render = (sources: readonly Source[]) => findExportFormat(format)!.render(sources, { formatter: new CitationFormatter(new Map()), styleId: 'oscola', title: 'x' });
    const whole = render(copies);
    expect(render(frozen)).toBe(whole);
    // Again, after every entry was kept, and in parts that must join up to the same text.
    expect(render(frozen)).toBe(whole);
    expect(render(frozen.slice(1))).toBe(render(copies.slice(1)));
    expect(render([frozen[1]!, frozen[0]!])).toBe(render([copies[1]!, copies[0]!]));
  });

  test('a source that is not frozen is written as it is now, not as it was', () => {
    const source = structuredClone(fixtureLibrary[0]!);
    const render = () => findExportFormat('bibtex')!.render([source], { formatter: new CitationFormatter(new Map()), styleId: 'oscola', title: 'x' });
    const before = render();
    (source.csl as Record<string, unknown>).title = 'A title changed since';
    expect(render()).not.toBe(before);
    expect(render()).toContain('A title changed since');
  });
});
