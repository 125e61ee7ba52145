/**
 * The BibLaTeX export as biber and pandoc read it: valid against BibLaTeX's datamodel (with the
 * legal fields dossier.dbx declares), and read back by pandoc field by field, except for the
 * losses docs/export-formats.md lists.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
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

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const fixtureSources: Source[] = readLibraryFile(readFileSync(path.join(repoRoot, 'test/fixtures/library-roundtrip/library.yaml'), 'utf8'), 'library.yaml').entries.map(
  (entry) => ({ ...entry, type: 'source', archivedText: null }),
);
let bundledSources: Source[];
let folder: string;
beforeAll(async () => {
  bundledSources = [...(await buildCorpus(repoRoot)).sources.values()];
  folder = mkdtempSync(path.join(os.tmpdir(), 'dossier-biblatex-'));
  return () => rmSync(folder, { recursive: true, force: true });
});

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

describe.each([
  ['the bundled library', () => bundledSources],
  ['the fixture of hard entries', () => fixtureSources],
])('%s as BibLaTeX', (name, sourcesOf) => {
  test('biber --validate-datamodel: no error, and no warning but a missing date where the library has none', () => {
    // An entry whose date could not be checked is kept without one, never given an invented year:
    // biber rightly says the date is missing, and that is the only warning allowed.
    const undated = new Set(sourcesOf().filter((source) => source.csl.issued === undefined).map((source) => source.key));
    const problems = biberProblems(exported(sourcesOf()), name.replace(/\W+/g, '-')).filter((line) => {
      const missingDate = /^WARN - Datamodel: Entry '([^']+)' .*Missing mandatory field - one of 'date, year' must be defined$/.exec(line);
      return missingDate === null || ![...undated].some((key) => key === missingDate[1]);
    });
    expect(problems).toEqual([]);
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
