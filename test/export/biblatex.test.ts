/**
 * The BibLaTeX export as biber and pandoc read it: valid against BibLaTeX's datamodel (with the
 * legal fields dossier.dbx declares), and read back by pandoc field by field, except for the
 * losses docs/export-formats.md lists.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readLibraryFile } from '../../src/corpus/citations/library.js';
import { findExportFormat } from '../../src/export/formats.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import type { Source } from '../../src/model/records.js';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtureSources: Source[] = readLibraryFile(readFileSync(path.join(repoRoot, 'test/fixtures/library-roundtrip/library.yaml'), 'utf8'), 'library.yaml').entries.map(
  (entry) => ({ ...entry, type: 'source', archivedText: null }),
);
let bundledSources: Source[];
let folder: string;
beforeAll(async () => {
  bundledSources = [...(await buildCorpus(repoRoot)).sources.values()];
  folder = mkdtempSync(path.join(os.tmpdir(), 'dossier-biblatex-'));
});
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function exported(sources: readonly Source[], format = 'biblatex'): string {
  return findExportFormat(format)!.render(sources, { formatter: new CitationFormatter(new Map()), styleId: 'oscola', title: 'x' });
}

/** biber's tool configuration with dossier.dbx's fields added to its datamodel. */
function biberConfig(): string {
  const defaults = execFileSync('biber', ['--tool-config'], { encoding: 'utf8' }).trim().split('\n').pop()!.trim();
  const dbx = readFileSync(path.join(repoRoot, 'src/export/biblatex/dossier.dbx'), 'utf8');
  const blocks = [...dbx.matchAll(/^\\DeclareDatamodelEntryfields\[(\w+)\]\{([^}]*)\}/gm)]
    .map(([, type, fields]) => `<entryfields><entrytype>${type}</entrytype>${fields!.split(',').map((f) => `<field>${f}</field>`).join('')}</entryfields>`)
    .join('\n');
  expect(blocks).toContain('<entrytype>jurisdiction</entrytype>');
  const file = path.join(folder, 'biber-tool.conf');
  writeFileSync(file, readFileSync(defaults, 'utf8').replace('</datamodel>', `${blocks}\n</datamodel>`));
  return file;
}

/** biber's warnings and errors about a .bib file, validated against the datamodel. */
function biberProblems(bib: string, name: string): string[] {
  const file = path.join(folder, `${name}.bib`);
  writeFileSync(file, bib);
  let output: string;
  try {
    output = execFileSync('biber', ['--tool', `--configfile=${biberConfig()}`, '--validate-datamodel', `${name}.bib`], { cwd: folder, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    const failed = error as { stdout?: string; stderr?: string };
    output = `${failed.stdout ?? ''}${failed.stderr ?? ''}\nERROR - biber failed: ${String(error)}\n`;
  }
  return output.split('\n').filter((line) => /^(WARN|ERROR)/.test(line));
}


/** The child elements of a node, optionally only those with a tag name. */
function childElements(node: Root | Element, tagName?: string): Element[] {
  const children: ReadonlyArray<Root['children'][number]> = node.children;
  return children.filter((child): child is Element => child.type === 'element' && (tagName === undefined || child.tagName === tagName));
}

/** A value as biber wrote it, as text: grouping braces dropped, LaTeX's reserved characters unescaped. */
function biberText(value: string): string {
  return value
    .replace(/\\textbackslash ?/g, '\\')
    .replace(/\\textasciitilde ?/g, '~')
    .replace(/\\textasciicircum ?/g, '^')
    .replace(/(\\?)([{}])/g, (_match, escape: string, brace: string) => (escape === '' ? '' : `\\${brace}`))
    .replace(/\\([{}&%$#_])/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}

/** A range biber has parsed (start and end, a page range or a date range) joined, or an element's text. */
function rangeOrText(element: Element, joiner: string): string {
  const [start] = childElements(element, 'bltx:start');
  if (start === undefined) return biberText(hastToString(element));
  const [end] = childElements(element, 'bltx:end');
  return `${hastToString(start).trim()}${joiner}${end === undefined ? '' : hastToString(end).trim()}`;
}

/**
 * What biber itself reads from a .bib file: every entry as biber's own BibLaTeXML (names split into
 * their parts, dates parsed, lists as lists), and the keywords from its BibTeX output, since biber's
 * BibLaTeXML writer leaves keywords out.
 */
function readByBiber(bib: string, name: string): Map<string, { entryType: string; fields: Map<string, string>; names: Map<string, Array<Record<string, string>>> }> {
  const file = path.join(folder, `${name}-biber.bib`);
  writeFileSync(file, bib);
  const run = (format: string, out: string) =>
    execFileSync('biber', ['--tool', `--configfile=${biberConfig()}`, `--output-format=${format}`, `--output-file=${out}`, path.basename(file)], { cwd: folder, stdio: 'ignore' });
  run('biblatexml', `${name}-back.bltxml`);
  run('bibtex', `${name}-back.bib`);
  const keywords = new Map(
    [...readFileSync(path.join(folder, `${name}-back.bib`), 'utf8').matchAll(/^@\w+\{([^,]+),[\s\S]*?^\}/gm)].map(([entry, key]) => [key!, /^\s*KEYWORDS = \{(.*)\},$/m.exec(entry)?.[1] ?? null]),
  );
  const tree = fromHtml(readFileSync(path.join(folder, `${name}-back.bltxml`), 'utf8'), { fragment: true });
  const entries = new Map<string, { entryType: string; fields: Map<string, string>; names: Map<string, Array<Record<string, string>>> }>();
  const walk = (node: Root | Element): void => {
    for (const element of childElements(node)) {
      if (element.tagName !== 'bltx:entry') {
        walk(element);
        continue;
      }
      const key = String(element.properties.id);
      const fields = new Map<string, string>();
      const names = new Map<string, Array<Record<string, string>>>();
      for (const field of childElements(element)) {
        // BibLaTeXML writes every date as <date>, the original date and the others with a type.
        const fieldName = `${field.tagName === 'bltx:date' && field.properties.type !== undefined ? String(field.properties.type) : ''}${field.tagName.replace(/^bltx:/, '')}`;
        if (fieldName === 'names') {
          names.set(
            String(field.properties.type),
            childElements(field, 'bltx:name').map((person) =>
              Object.fromEntries(childElements(person, 'bltx:namepart').map((part) => [String(part.properties.type), biberText(hastToString(part))])),
            ),
          );
        } else if (childElements(field, 'bltx:list').length > 0) {
          fields.set(fieldName, childElements(childElements(field, 'bltx:list')[0]!, 'bltx:item').map((item) => rangeOrText(item, '-')).join(', '));
        } else if (childElements(field, 'bltx:start').length > 0) {
          fields.set(fieldName, rangeOrText(field, '/'));
        } else {
          fields.set(fieldName, biberText(hastToString(field)));
        }
      }
      const keywordList = keywords.get(key);
      // biber writes the keywords comma-separated without spaces.
      if (keywordList !== null && keywordList !== undefined) fields.set('keywords', biberText(keywordList).split(',').map((word) => word.trim()).join(', '));
      entries.set(key, { entryType: String(element.properties.entrytype), fields, names });
    }
  };
  walk(tree);
  return entries;
}

/**
 * Where biber's reading keeps each CSL variable: the BibLaTeX fields it may be in (the writer picks
 * one by type, docs/export-formats.md says which). Every variable a source has must be in one of them.
 */
const BIBER_FIELDS_OF: Readonly<Record<string, readonly string[]>> = {
  title: ['title'],
  'title-short': ['shorttitle'],
  'container-title': ['journaltitle', 'series', 'booktitle'],
  'container-title-short': ['shortjournal'],
  'collection-title': ['series'],
  // A volume that is not a number is written as the issue (biber takes volume as a number).
  volume: ['volume', 'issue'],
  issue: ['issue'],
  number: ['number'],
  page: ['pages'],
  edition: ['edition'],
  genre: ['type'],
  authority: ['institution'],
  publisher: ['publisher', 'institution', 'organization'],
  'publisher-place': ['location'],
  URL: ['url'],
  DOI: ['doi'],
  ISBN: ['isbn'],
  ISSN: ['issn'],
  abstract: ['abstract'],
  note: ['note'],
  language: ['langid'],
  issued: ['date'],
  'original-date': ['origdate'],
  accessed: ['urldate'],
};

/** A CSL date as biber writes it: ISO, a range joined with "/". */
function isoOf(value: unknown): string {
  const parts = (value as { 'date-parts': number[][] })['date-parts'];
  return parts.map((date) => date.map((part, index) => String(part).padStart(index === 0 ? 4 : 2, '0')).join('-')).join('/');
}

/** A CSL name as biber's name parts. */
function namePartsOf(name: Record<string, string>): Record<string, string> {
  if (name.literal !== undefined) return { family: name.literal };
  const parts: Record<string, string> = { family: name.family! };
  if (name.given !== undefined) parts.given = name.given;
  const prefix = name['non-dropping-particle'] ?? name['dropping-particle'];
  if (prefix !== undefined) parts.prefix = prefix;
  if (name.suffix !== undefined) parts.suffix = name.suffix;
  return parts;
}

/** The differences between what went in (the CSL of each source) and what biber read back. */
function biberDifferences(sources: readonly Source[], read: ReturnType<typeof readByBiber>): string[] {
  const differences: string[] = [];
  const plain = (text: string) => text.replace(/<span class="nocase">|<\/span>/g, '').replace(/\s+/g, ' ').trim();
  for (const source of sources) {
    const back = read.get(source.key);
    if (back === undefined) {
      differences.push(`${source.key}: missing`);
      continue;
    }
    for (const [variable, value] of Object.entries(source.csl)) {
      if (['id', 'custom'].includes(variable)) continue;
      if (['author', 'editor', 'translator'].includes(variable)) {
        const expected = JSON.stringify((value as Array<Record<string, string>>).map(namePartsOf));
        const got = JSON.stringify(back.names.get(variable) ?? null);
        if (got !== expected) differences.push(`${source.key}.${variable}: ${expected} → ${got}`);
        continue;
      }
      if (variable === 'type') {
        if (back.fields.get('userd') !== value) differences.push(`${source.key}.type: ${String(value)} → ${back.fields.get('userd')}`);
        continue;
      }
      const candidates = BIBER_FIELDS_OF[variable];
      if (candidates === undefined) {
        differences.push(`${source.key}.${variable}: no BibLaTeX field is known for it`);
        continue;
      }
      const expected = typeof value === 'object' && value !== null && 'date-parts' in value ? isoOf(value) : plain(String(value));
      const found = candidates.map((field) => back.fields.get(field)).filter((text) => text !== undefined);
      // biber reads some language codes as the babel language they name (fa → farsi): listed in docs/export-formats.md.
      const accepted = variable === 'language' && BABEL_NAMES[expected] !== undefined ? [expected, BABEL_NAMES[expected]] : [expected.replace(/\u2013/g, '-')];
      if (!accepted.some((text) => found.includes(text))) differences.push(`${source.key}.${variable}: ${JSON.stringify(expected)} → ${JSON.stringify(found)}`);
    }
    const custom = (source.csl.custom ?? {}) as Record<string, unknown>;
    const dossierFields: Array<[string, unknown]> = [
      ['usera', custom.verified],
      ['userb', custom.verification],
      ['userc', custom.visibility],
      ['keywords', Array.isArray(custom.topics) ? custom.topics.join(', ') : undefined],
    ];
    for (const [field, value] of dossierFields) {
      if (value === undefined) continue;
      if (back.fields.get(field) !== plain(String(value))) differences.push(`${source.key}.${field}: ${JSON.stringify(value)} → ${JSON.stringify(back.fields.get(field))}`);
    }
  }
  return differences;
}

/** The babel language biber reads each language code in the library as. */
const BABEL_NAMES: Readonly<Record<string, string>> = { fa: 'farsi', en: 'english', fr: 'french', de: 'german', sv: 'swedish' };

describe.each([
  ['the bundled library', () => bundledSources],
  ['the fixture of hard entries', () => fixtureSources],
])('%s as BibLaTeX', (name, sourcesOf) => {
  test('biber --validate-datamodel: no error and no warning (but a book whose date the library lacks)', () => {
    // Undated judgments, legislation and issued documents (@jurisdiction, @legislation, @legal) need
    // no date in BibLaTeX's datamodel. A book does, and none may be invented: an undated book is the
    // one thing biber may still point out, once per book, until its date is checked and recorded.
    const undatedBooks = sourcesOf().filter((source) => source.csl.type === 'book' && source.csl.issued === undefined);
    const file = name.replace(/\W+/g, '-');
    const expected = undatedBooks.map((book) => `WARN - Datamodel: Entry '${book.key}' (${file}.bib): Missing mandatory field - one of 'date, year' must be defined`);
    expect([...new Set(biberProblems(exported(sourcesOf()), file))]).toEqual(expected);
  });

  test('biber reads every field back as it went in, but for the listed losses', () => {
    const file = name.replace(/\W+/g, '-');
    expect(biberDifferences(sourcesOf(), readByBiber(exported(sourcesOf()), file))).toEqual([]);
  });

  test('is UTF-8 without LaTeX accent commands', () => {
    const bib = exported(sourcesOf());
    expect(bib).not.toMatch(/\\["'`^~=.uvHckd]\{?\\?[a-zA-Z]\}?|\\textquote|\\i\b/);
  });

  test('pandoc reads every field back as it went in, but for the listed losses', () => {
    const file = path.join(folder, `${name.replace(/\W+/g, '-')}-pandoc.bib`);
    writeFileSync(file, exported(sourcesOf()));
    const read = JSON.parse(execFileSync('pandoc', ['-f', 'biblatex', '-t', 'csljson', file], { encoding: 'utf8' })) as Array<Record<string, unknown>>;
    const byId = new Map(read.map((item) => [String(item.id), item]));
    const differences: string[] = [];
    for (const source of sourcesOf()) {
      const back = byId.get(source.key);
      if (back === undefined) {
        differences.push(`${source.key}: missing`);
        continue;
      }
      for (const [field, value] of Object.entries(source.csl)) {
        if (['id', 'type', 'custom'].includes(field)) continue;
        // Losses listed in docs/export-formats.md: pandoc reads a court or issuing body as the
        // publisher, a report's series as its collection, and no volume that is not a number.
        let readField = field === 'authority' ? 'publisher' : field;
        if (field === 'container-title' && source.csl.type === 'report') readField = 'collection-title';
        if (field === 'volume' && !/^\d+$/.test(String(value))) continue;
        // LaTeX prints a straight apostrophe as a curly one, and pandoc reads it so.
        const plain = (v: unknown) => JSON.stringify(v).replace(/<span class=\\"nocase\\">|<\/span>/g, '').replace(/\u2019/g, "'");
        if (plain(back[readField]) !== plain(value)) differences.push(`${source.key}.${field}: ${plain(value)} → ${plain(back[readField])}`);
      }
    }
    expect(differences).toEqual([]);
  });
});
