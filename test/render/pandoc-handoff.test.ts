/**
 * The Word hand-off: for every bundled memo, `export --format markdown` read by pandoc --citeproc
 * gives the notes and the bibliography of the memo's page, note for note, compared as text.
 * (A whole-output check, so it may read the bundled corpus.)
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromHtml } from 'hast-util-from-html';
import { toString as hastToString } from 'hast-util-to-string';
import type { Element, Root } from 'hast';
import { buildCorpus } from '../../src/corpus/pipeline.js';
import { CitationFormatter } from '../../src/corpus/citations/format.js';
import { pandocCslJson } from '../../src/export/formats.js';
import { readStyleFile } from '../../src/corpus/citations/style-files.js';
import { CorpusView } from '../../src/access/index.js';
import { PageBuilder } from '../../src/render/pages.js';
import { memoToPandocMarkdown } from '../../src/render/pandoc.js';
import { resolveScope } from '../../src/export/scopes.js';
import type { Corpus, Memo } from '../../src/model/records.js';

const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
let corpus: Corpus;
let folder: string;
beforeAll(async () => {
  corpus = await buildCorpus(repoRoot);
  folder = mkdtempSync(path.join(os.tmpdir(), 'dossier-handoff-'));
  return () => rmSync(folder, { recursive: true, force: true });
});

/** The elements under a tree with a tag name, inside an element with a class or id. */
function elementsWithin(tree: Root | Element, container: (element: Element) => boolean, tagName: string, className: string | null): Element[] {
  const found: Element[] = [];
  const walk = (node: Root | Element, inside: boolean): void => {
    for (const child of node.children) {
      if (child.type !== 'element') continue;
      const nowInside = inside || container(child);
      const classes = (child.properties.className as string[] | undefined) ?? [];
      if (nowInside && child.tagName === tagName && (className === null || classes.includes(className))) found.push(child);
      else walk(child, nowInside);
    }
  };
  walk(tree, false);
  return found;
}

const text = (html: string): string => hastToString(fromHtml(html, { fragment: true })).replace(/\s+/g, ' ').trim();

/** The page's notes and bibliography, as a reader sees them (without the links to source pages). */
function pageText(view: CorpusView, memo: Memo) {
  const builder = new PageBuilder(view, new CitationFormatter(corpus.sources), 'oscola');
  const body = builder.memo(memo).body;
  return {
    notes: body.notes.map((note) => text(note.html.replace(/<span class="note-sources">[\s\S]*?<\/span>$/, ''))),
    bibliography: body.bibliography.map((entry) => text(entry.html)),
  };
}

/** pandoc's notes and bibliography for the exported memo. */
function pandocText(view: CorpusView, memo: Memo, keepNotes: boolean) {
  const files = { bibliography: `${memo.id}.json`, csl: 'oscola-international.csl', cslXml: readStyleFile('oscola-international.csl'), keepNotes };
  const { sources } = resolveScope(view, { kind: 'memo', id: memo.id, linked: false }, 'all', null);
  writeFileSync(path.join(folder, `${memo.id}.md`), memoToPandocMarkdown(view, memo, files));
  writeFileSync(path.join(folder, files.bibliography), pandocCslJson(sources));
  writeFileSync(path.join(folder, files.csl), files.cslXml);
  const html = execFileSync('pandoc', [`${memo.id}.md`, '--citeproc', '-t', 'html'], { cwd: folder, encoding: 'utf8' });
  const tree = fromHtml(html, { fragment: true });
  return {
    notes: elementsWithin(tree, (e) => ((e.properties.className as string[] | undefined) ?? []).includes('footnotes'), 'li', null).map((li) => hastToString(li).replace(/↩︎?\s*$/u, '').replace(/\s+/g, ' ').trim()),
    bibliography: elementsWithin(tree, (e) => e.properties.id === 'refs', 'div', 'csl-entry').map((entry) => hastToString(entry).replace(/\s+/g, ' ').trim()),
  };
}

describe('every bundled memo through pandoc --citeproc', () => {
  test('has the notes and the bibliography of its page (with --keep-notes, the page as the team reads it)', () => {
    const view = new CorpusView(corpus, false);
    const differences: string[] = [];
    let compared = 0;
    for (const memo of view.memos()) {
      const page = pageText(view, memo);
      compared += page.notes.length + page.bibliography.length;
      const word = pandocText(view, memo, true);
      // The matrix's notes follow the body's; the body's must be the page's, one for one.
      page.notes.forEach((note, index) => {
        if (word.notes[index] !== note) differences.push(`${memo.id} note ${index + 1}:\n  page:   ${note}\n  pandoc: ${word.notes[index]}`);
      });
      for (const entry of page.bibliography) if (!word.bibliography.includes(entry)) differences.push(`${memo.id} bibliography:\n  page: ${entry}\n  not in pandoc's`);
    }
    expect(differences.join('\n')).toBe('');
    expect(compared).toBeGreaterThan(view.memos().length * 3);
  });

  test('without --keep-notes, the team\'s "(pinpoint unverified)" stays out of the submission', () => {
    const view = new CorpusView(corpus, false);
    const memo = view.memos().find((each) => each.body.includes('(pinpoint unverified)'))!;
    const word = pandocText(view, memo, false);
    expect(word.notes.join('\n')).not.toContain('unverified');
    expect(pandocText(view, memo, true).notes.join('\n')).toContain('(pinpoint unverified)');
  });
});
